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
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from daihoi.accounts.models import Role
from daihoi.audit import log
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import (
    CandidateList,
    Complaint,
    InspectionTeam,
    IntroductionProcess,
    Person,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Campaign

# Role.SUBCOMMITTEE is not here: a member of the documents subcommittee has no business
# with cadres' birth dates and denunciations (issue 15.2); only Role.PERSONNEL does.
PERSONNEL_ROLES = (Role.ADMIN, Role.ORG_STAFF, Role.PERSONNEL)


def may_read(user: User | AnonymousUser, org: Organisation) -> bool:
    if not scope.can_see(user, org) or not user.is_authenticated:
        return False
    return scope.sees_everything(user) or user.has_role(*PERSONNEL_ROLES)  # type: ignore[union-attr]


def may_write(user: User | AnonymousUser, org: Organisation) -> bool:
    return may_read(user, org)


def require_writer(user: User | AnonymousUser, org: Organisation) -> None:
    """Refuse an action on org's personnel records to a user who may not change them."""
    if not may_write(user, org):
        raise PermissionDenied(_("Bạn không có quyền thay đổi hồ sơ nhân sự của tổ chức này."))


def may_manage_teams(user: User | AnonymousUser, org: Organisation) -> bool:
    """Inspection teams are the committee's work: the tree's writers of org run them."""
    return scope.can_write(user, org)


def may_override(user: User | AnonymousUser, org: Organisation) -> bool:
    """Only a committee above org lets its plan through with a complaint still open."""
    return scope.is_superior_of(user, org)


def may_edit_targets(user: Any, campaign: Campaign) -> bool:
    """Targets are the campaign's, set at the top: a writer whose scope is the whole tree."""
    root = Organisation.objects.filter(structure_id=campaign.structure_id, depth=1).first()
    return root is not None and scope.can_write(user, root)


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
    org: Organisation | None,
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
    trail itself must not become a copy of the records. `org` is None only for the
    national administrator's search across the whole tree.
    """
    after: dict[str, object] = {"page": page, "query": dict(query or {})}
    after["people"] = sorted(set(people))
    if total is not None:
        after["total"] = total
    log.record(
        "personnel.list_view",
        actor=user,
        organisation=org,
        target=target or f"{page}:{org.pk if org else 0}",
        after=after,
    )


# Permission-checked getters: the first line of every view of one record -------------


def person_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Person:
    person = get_object_or_404(
        Person.objects.select_related("organisation", "organisation__structure"), pk=pk
    )
    require(user, person.organisation, write=write)
    return person


def list_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> CandidateList:
    cl = get_object_or_404(
        CandidateList.objects.select_related(
            "congress__organisation__structure", "congress__campaign"
        ),
        pk=pk,
    )
    require(user, cl.congress.organisation, write=write)
    return cl


def process_for_user(
    user: User | AnonymousUser, pk: int, *, write: bool = False
) -> IntroductionProcess:
    process = get_object_or_404(
        IntroductionProcess.objects.select_related(
            "congress__organisation__structure", "congress__campaign"
        ),
        pk=pk,
    )
    require(user, process.congress.organisation, write=write)
    return process


def complaint_for_user(
    user: User | AnonymousUser, pk: int, *, write: bool = False, superior: bool = False
) -> Complaint:
    """The complaint if the user may read it (change it, with write; override, with superior)."""
    complaint = get_object_or_404(
        Complaint.objects.select_related(
            "congress__organisation__structure", "congress__campaign", "person", "overridden_by"
        ),
        pk=pk,
    )
    org = complaint.congress.organisation
    require(user, org, write=write)
    if superior and not may_override(user, org):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới cho phép được."))
    return complaint


def team_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> InspectionTeam:
    team = get_object_or_404(
        InspectionTeam.objects.select_related("organisation__structure", "campaign"), pk=pk
    )
    require(user, team.organisation)
    if write and not may_manage_teams(user, team.organisation):
        raise PermissionDenied
    return team


def teams_org_for_user(
    user: User | AnonymousUser, campaign: str, code: str, *, write: bool = False
) -> tuple[Campaign, Organisation]:
    """The campaign and the unit whose inspection teams the user may see (or send, with write)."""
    from daihoi.campaigns.access import get_campaign

    camp = get_campaign(campaign)
    org = personnel_org(user, camp.structure.code, code)
    if write and not may_manage_teams(user, org):
        raise PermissionDenied
    return camp, org
