"""Who may do what at a congress's register, credentials, desks and sittings.

Named capabilities, read by views (what to offer) and checked again by actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from daihoi.assembly.models import AssemblySettings
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Congress


def may_manage(user: User | Any, congress: Congress) -> bool:
    """Staff of the congress's organisation or of its superiors keep the register."""
    return scope.can_write(user, congress.organisation)


def is_desk_staff(user: User | Any, congress: Congress) -> bool:
    """Whether the user is designated at the congress's check-in desks."""
    if not getattr(user, "is_authenticated", False):
        return False
    return AssemblySettings.desk_staff.through.objects.filter(
        assemblysettings__congress_id=congress.pk, user_id=user.pk
    ).exists()


def may_check_in(user: User | Any, congress: Congress, *, desk_staff: bool | None = None) -> bool:
    """The register's keepers, and the users designated at the congress's desks.

    `desk_staff`, when the caller has read it already (the scan's one SELECT),
    saves the query.
    """
    if may_manage(user, congress):
        return True
    if not scope.can_see(user, congress.organisation):
        return False
    return is_desk_staff(user, congress) if desk_staff is None else desk_staff


def require_manager(user: User, congress: Congress) -> None:
    """Raise PermissionDenied unless the user keeps the congress's register."""
    if not may_manage(user, congress):
        raise PermissionDenied


def require_check_in(user: User, congress: Congress) -> None:
    """Raise PermissionDenied unless the user may check delegates in at the congress."""
    if not may_check_in(user, congress):
        raise PermissionDenied
