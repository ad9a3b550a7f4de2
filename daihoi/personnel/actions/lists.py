"""Candidate lists: open one, put people on and off it, mark the standing committee, adopt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import ApprovalKind, Congress
from daihoi.campaigns.submissions import refuse_if_approved
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import ElectionKind
from daihoi.lib.names import ballot_sort_key
from daihoi.personnel import access
from daihoi.personnel.models import CandidateList, ListMember, ListState, Person
from daihoi.personnel.queries import adoption_blockers, people_for

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def list_locked(candidate_list: CandidateList) -> CandidateList:
    return (
        CandidateList.objects.select_for_update()
        .select_related("congress__organisation", "congress__campaign")
        .get(pk=candidate_list.pk)
    )


def _renumber(candidate_list: CandidateList) -> None:
    """Put the list in ballot order with the shared Vietnamese sort (given name first)."""
    members = list(candidate_list.members.select_related("person"))
    members.sort(key=lambda m: ballot_sort_key(m.person.full_name))
    for position, member in enumerate(members, start=1):
        member.position = position
    ListMember.objects.bulk_update(members, ["position"])


@transaction.atomic(durable=True)
def do_create_list(
    congress: Congress, kind: str, seats: int, *, acting_user: User
) -> CandidateList:
    access.require_writer(acting_user, congress.organisation)
    refuse_if_approved(congress, ApprovalKind.PERSONNEL)
    if kind not in ElectionKind.values:
        raise ActionRefused([_("Cơ quan bầu «%(k)s» không hợp lệ.") % {"k": kind}], ["bad_kind"])
    if seats < 1:
        raise ActionRefused([_("Số lượng được bầu phải từ 1 trở lên.")], ["no_seats"])
    if CandidateList.objects.filter(congress=congress, kind=kind).exists():
        raise ActionRefused(
            [_("Đại hội đã có danh sách %(k)s.") % {"k": ElectionKind(kind).label}],
            ["list_exists"],
        )
    candidate_list = CandidateList.objects.create(congress=congress, kind=kind, seats=seats)
    log.record(
        "personnel.list_create",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(candidate_list),
        after={"kind": kind, "seats": seats},
    )
    return candidate_list


def editable(candidate_list: CandidateList, user: User, *, adopting: bool = False) -> CandidateList:
    """The list, locked, if the user may change it and it is still a draft.

    Once the superior approved the personnel plan its lists are not changed until the
    approval is withdrawn; adopting the approved list is what comes next, not a change.
    """
    current = list_locked(candidate_list)
    access.require_writer(user, current.congress.organisation)
    if not adopting:
        refuse_if_approved(current.congress, ApprovalKind.PERSONNEL)
    if current.state != ListState.DRAFT:
        raise ActionRefused([_("Danh sách đã thông qua; không sửa được nữa.")], ["list_adopted"])
    return current


def add_to_list(
    current: CandidateList,
    person: Person,
    *,
    first_time: bool | None = None,
    standing: bool = False,
    acting_user: User,
) -> ListMember:
    """Put a person on a list already locked by `editable` (inside the caller's transaction)."""
    if not people_for(current.congress).filter(pk=person.pk).exists():
        raise ActionRefused(
            [_("%(n)s không thuộc đảng bộ tổ chức đại hội.") % {"n": person.full_name}],
            ["outside_subtree"],
        )
    if current.members.filter(person=person).exists():
        raise ActionRefused(
            [_("%(n)s đã có trong danh sách.") % {"n": person.full_name}], ["already_listed"]
        )
    member = ListMember.objects.create(
        candidate_list=current,
        person=person,
        first_time=(not person.outgoing_committee) if first_time is None else first_time,
        standing=standing,
    )
    _renumber(current)
    log.record(
        "personnel.list_add",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"person": person.pk, "first_time": member.first_time, "standing": standing},
    )
    return member


@transaction.atomic(durable=True)
def do_add_to_list(
    candidate_list: CandidateList,
    person: Person,
    *,
    first_time: bool | None = None,
    standing: bool = False,
    acting_user: User,
) -> ListMember:
    current = editable(candidate_list, acting_user)
    return add_to_list(
        current, person, first_time=first_time, standing=standing, acting_user=acting_user
    )


@transaction.atomic(durable=True)
def do_remove_from_list(
    candidate_list: CandidateList, person: Person, *, acting_user: User
) -> None:
    current = editable(candidate_list, acting_user)
    deleted, _rows = current.members.filter(person=person).delete()
    if not deleted:
        raise ActionRefused(
            [_("%(n)s không có trong danh sách.") % {"n": person.full_name}], ["not_listed"]
        )
    _renumber(current)
    log.record(
        "personnel.list_remove",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before={"person": person.pk},
    )


@transaction.atomic(durable=True)
def do_set_standing(
    candidate_list: CandidateList, person: Person, standing: bool, *, acting_user: User
) -> None:
    """Mark whether a person on the committee list is proposed for the standing committee."""
    current = editable(candidate_list, acting_user)
    updated = current.members.filter(person=person).update(standing=standing)
    if not updated:
        raise ActionRefused(
            [_("%(n)s không có trong danh sách.") % {"n": person.full_name}], ["not_listed"]
        )
    log.record(
        "personnel.list_standing",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"person": person.pk, "standing": standing},
    )


@transaction.atomic(durable=True)
def do_adopt_list(candidate_list: CandidateList, *, acting_user: User) -> CandidateList:
    current = editable(candidate_list, acting_user, adopting=True)
    problems = adoption_blockers(current)
    if problems:
        raise ActionRefused(problems, ["adoption_blocked"])
    current.state = ListState.ADOPTED
    current.adopted_at = timezone.now()
    current.save(update_fields=["state", "adopted_at"])
    log.record(
        "personnel.list_adopt",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"people": list(current.members.values_list("person_id", flat=True))},
    )
    return current
