"""The delegates' accounts of a congress: who has one, and one action that makes the
missing ones at once and prints each person's sheet."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.accounts.actions.accounts import RegisterPerson, do_create_register_accounts
from daihoi.accounts.models import Role, User
from daihoi.accounts.sheets import sheets_response
from daihoi.assembly import queries as register_queries
from daihoi.assembly.models import Delegate
from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs.scope import acting_user


def register_key(congress: Congress, delegate: Delegate) -> str:
    # The prefix the counting board's pool reads (elections/board_pool.py).
    return f"delegate:{congress.pk}:{delegate.pk}"


def _officials(congress: Congress) -> list[Delegate]:
    """The summoned official delegates: the people who get an account."""
    return [d for d in register_queries.register(congress) if d.counted]


def _page(
    request: HttpRequest,
    congress: Congress,
    *,
    refused: ActionRefused | None = None,
    status: int = 200,
) -> HttpResponse:
    delegates = _officials(congress)
    keys = [register_key(congress, d) for d in delegates]
    accounts = {u.register_key: u for u in User.objects.filter(register_key__in=keys)}
    rows = [(d, accounts.get(k)) for d, k in zip(delegates, keys, strict=True)]
    context: dict[str, Any] = {
        "congress": congress,
        "campaign": congress.campaign,
        "org": congress.organisation,
        "can_manage": True,  # only the congress's writers open this page (the nav's links)
        "rows": rows,
        "missing": sum(1 for _d, account in rows if account is None),
        "refused": refused,
    }
    return render(request, "rosters/delegate_accounts.html", context, status=status)


@login_required
@require_GET
def delegate_accounts(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    return _page(request, congress)


@never_cache
@login_required
@require_POST
def delegate_accounts_create(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Make every missing account in one go (all or none) and print their sheets once."""
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    people = [RegisterPerson(register_key(congress, d), d.full_name) for d in _officials(congress)]
    try:
        issued = do_create_register_accounts(
            people,
            unit=congress.organisation,
            role=Role.DELEGATE,
            acting_user=acting_user(request),
        )
        if not issued:
            raise ActionRefused(
                [_("Mọi đại biểu chính thức đều đã có tài khoản.")], ["nothing_missing"]
            )
    except ActionRefused as exc:
        return _page(request, congress, refused=exc, status=409)
    back = reverse("delegate_accounts", args=[campaign, code])
    return sheets_response(request, issued, title=_("Phiếu đăng nhập của đại biểu"), back_url=back)
