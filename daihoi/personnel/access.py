"""Who may read and change personnel records: the subtree rule of scope.py plus a role.

Personal data of cadres is for the organisation's personnel staff (organisation
department, personnel subcommittee) and those of its superiors. Other units do
not see that the records exist (404, from scope); the other subcommittees
(documents, propaganda, logistics), delegates, counting-board members and
leaders inside the subtree are refused (403). The actions check the same rule,
so a caller that skips the views is refused too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from daihoi.accounts.models import Role
from daihoi.audit import log
from daihoi.orgs import scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

# Role.SUBCOMMITTEE is not here: a member of the documents subcommittee has no business
# with cadres' birth dates and denunciations (issue 15.2); only Role.PERSONNEL does.
PERSONNEL_ROLES = (Role.ADMIN, Role.ORG_STAFF, Role.PERSONNEL)


def may_read(user: User | AnonymousUser, org: Organisation) -> bool:
    if not scope.can_see(user, org) or not user.is_authenticated:
        return False
    return scope.sees_everything(user) or user.has_role(*PERSONNEL_ROLES)  # type: ignore[union-attr]


def may_write(user: User | AnonymousUser, org: Organisation) -> bool:
    return may_read(user, org)


def personnel_org(
    user: User | AnonymousUser, structure: str, code: str, *, write: bool = False
) -> Organisation:
    """Return the organisation whose personnel records the user may open (404/403 otherwise)."""
    org = scope.get_org_for_user(user, structure, code)
    require(user, org, write=write)
    return org


def require(user: User | AnonymousUser, org: Organisation, *, write: bool = False) -> None:
    """Raise 404 outside the subtree and 403 for a role without access to personal data."""
    if not scope.can_see(user, org):
        from django.http import Http404

        raise Http404(_("Không tìm thấy tổ chức."))
    allowed = may_write(user, org) if write else may_read(user, org)
    if not allowed:
        raise PermissionDenied(_("Hồ sơ nhân sự chỉ dành cho cán bộ tổ chức, tiểu ban nhân sự."))


def record_read(
    user: User,
    org: Organisation,
    page: str,
    *,
    target: str = "",
    query: Mapping[str, str | int] | None = None,
    people: Iterable[int] = (),
    total: int | None = None,
) -> None:
    """Write one audit entry for a page or list of personal data the user was shown.

    Bulk reads are audited like a single record (issue 15.2): which page, the query
    that chose the rows (search text, filters, page number) and the ids of the people
    shown, so "who saw X's record" has an answer. Never names or birth dates: the
    trail itself must not become a copy of the records.
    """
    after: dict[str, object] = {"page": page, "query": dict(query or {})}
    after["people"] = sorted(set(people))
    if total is not None:
        after["total"] = total
    log.record(
        "personnel.list_view",
        actor=user,
        organisation=org,
        target=target or f"{page}:{org.pk}",
        after=after,
    )
