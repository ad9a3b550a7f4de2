"""Permission-checked getters for congress records: the one way a view finds a congress.

`get_org_for_user` (orgs/scope.py) decides who sees which organisation; this adds the
campaign and the congress record on top of it. It lives here, not in orgs/scope.py,
because the congress belongs to campaigns and imports run one way (orgs below
campaigns; see the import-linter contract in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Campaign, Congress
from daihoi.orgs import scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

OrgGetter = Callable[..., "Organisation"]

RELATED = ("campaign__structure", "organisation__structure", "organisation__level", "level")


def get_campaign(slug: str) -> Campaign:
    """Return the campaign or 404 (campaigns are public within the app)."""
    return get_object_or_404(Campaign.objects.select_related("structure"), slug=slug)


def get_congress_for_user(
    user: User | AnonymousUser,
    campaign: str,
    code: str,
    *,
    write: bool = False,
    org_for: OrgGetter | None = None,
    related: Sequence[str] = RELATED,
) -> Congress:
    """Return the congress of organisation `code` in campaign `campaign` if the user may see it.

    404 outside the user's subtree or when the unit has no record in this campaign,
    403 inside it without the right (`write`). `org_for` replaces the organisation
    check where a module guards its own data more tightly (personnel's personal data).
    """
    camp = get_campaign(campaign)
    getter = org_for or scope.get_org_for_user
    org = getter(user, camp.structure.code, code, write=write)
    congress = (
        Congress.objects.select_related(*related).filter(campaign=camp, organisation=org).first()
    )
    if congress is None:
        raise Http404(_("Tổ chức này chưa có hồ sơ đại hội trong đợt này."))
    return congress


# ---------------------------------------------------------------------------
# Named capabilities: who may do what to a congress record. Actions check them
# (the duty lives there), pages ask them to decide which forms to offer.


def may_edit_congress(user: User | AnonymousUser, congress: Congress) -> bool:
    """The unit's writers and those above it edit the record and move its steps."""
    return scope.can_write(user, congress.organisation)


def may_choose_pilot(user: User | AnonymousUser, congress: Congress) -> bool:
    """Only a committee above the unit chooses its pilot congress."""
    return scope.is_superior_of(user, congress.organisation)


def may_approve(user: User | AnonymousUser, congress: Congress) -> bool:
    """Only a committee above the unit approves its documents and personnel."""
    return scope.is_superior_of(user, congress.organisation)


def may_edit_dates_below(user: User | AnonymousUser, org: Organisation) -> bool:
    """A department records the dates its subordinate units report (bulk editor, import)."""
    return scope.can_write(user, org)


def may_submit(user: User | AnonymousUser, congress: Congress) -> bool:
    """The unit's writers send its documents and personnel plan up (or, for a unit
    working on paper, the department above records the request for it)."""
    return scope.can_write(user, congress.organisation)
