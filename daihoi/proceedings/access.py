"""Who may run a congress's day: the programme, the speakers, the show-of-hands votes.

Named capabilities, read by views (what to offer) and checked again by actions.
The presidium and the secretariat work on the accounts of the congress's
organisers, so the capability is the tree's write right on its organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from daihoi.campaigns.access import get_congress_for_user
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Congress


def may_run(user: User | Any, congress: Congress) -> bool:
    """Whether the user changes the congress's programme and records its votes."""
    return scope.can_write(user, congress.organisation)


def require_run(user: User | Any, congress: Congress) -> None:
    """Raise PermissionDenied unless the user may run the congress's day."""
    if not may_run(user, congress):
        raise PermissionDenied(_("Chỉ ban tổ chức đại hội được thay đổi chương trình."))


def congress_for(user: User | Any, campaign: str, code: str) -> Congress:
    """Load a congress the user may see: outside their subtree it does not exist (404)."""
    return get_congress_for_user(user, campaign, code)


def congress_to_run(user: User | Any, campaign: str, code: str) -> Congress:
    """Load a congress the user may run: 404 outside their subtree, 403 inside without it."""
    congress = congress_for(user, campaign, code)
    require_run(user, congress)
    return congress
