"""A congress's elections (and opening one), and an election's overview page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections import access
from daihoi.elections.actions.lifecycle import do_create_election
from daihoi.elections.forms import ElectionCreateForm
from daihoi.elections.models import Election
from daihoi.elections.views.common import detail_page
from daihoi.orgs import scope, tree


def _list_page(
    request: HttpRequest, congress: Congress, form: ElectionCreateForm, refused: list[str]
) -> HttpResponse:
    org = congress.organisation
    context = {
        "congress": congress,
        "org": org,
        "campaign": congress.campaign,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "elections": Election.objects.filter(congress=congress),
        "form": form,
        "refused": refused,
        "can_manage": scope.can_write(request.user, org),
    }
    status = 400 if refused or form.errors else 200
    return render(request, "elections/list.html", context, status=status)


@login_required
@require_GET
def election_list(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code)
    return _list_page(request, congress, ElectionCreateForm(), [])


@login_required
@require_POST
def election_create(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    form = ElectionCreateForm(request.POST)
    if not form.is_valid():
        return _list_page(request, congress, form, [])
    try:
        election = do_create_election(
            congress,
            form.cleaned_data["kind"],
            form.cleaned_data["seats"],
            title=form.cleaned_data["title"],
            teams=form.cleaned_data["teams"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return _list_page(request, congress, form, exc.reasons)
    messages.success(request, _("Đã tạo cuộc bầu cử."))
    return redirect("election_detail", pk=election.pk)


@login_required
@require_GET
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, access.get_election_for_user(request.user, pk))
