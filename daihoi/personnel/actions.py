"""Every change to personnel records; each checks access, runs in a transaction and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.lib.composition import age_on
from daihoi.lib.names import ballot_sort_key, normalise_name
from daihoi.lib.text import clean, fold
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.names import checked_name
from daihoi.personnel import access
from daihoi.personnel.birthdates import checked_birth_date
from daihoi.personnel.checks import pct
from daihoi.personnel.models import (
    STEP_BODIES,
    CandidateList,
    Complaint,
    ComplaintStatus,
    ElectedMember,
    InspectionTeam,
    InspectionVisit,
    IntroductionProcess,
    IntroductionStep,
    ListMember,
    ListState,
    Person,
    StepVote,
)

if TYPE_CHECKING:
    from daihoi.accounts.models import User

STEPS = 5


def _writer(user: User, org: Organisation) -> None:
    if not access.may_write(user, org):
        raise PermissionDenied(_("Bạn không có quyền thay đổi hồ sơ nhân sự của tổ chức này."))


def person_snapshot(person: Person) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat(),
        "ethnicity": person.ethnicity,
        "position": person.position,
        "outgoing_committee": person.outgoing_committee,
        "planned": person.planned,
    }


# People -------------------------------------------------------------------------


def new_person(org: Organisation, values: Mapping[str, Any]) -> Person:
    """Build (not save) a person of org with the name normalised and folded for search."""
    person = Person(organisation=org, org_path=org.path, **values)
    person.full_name = normalise_name(person.full_name)
    person.search_name = fold(person.full_name)
    return person


@transaction.atomic
def do_create_person(org: Organisation, values: Mapping[str, Any], *, acting_user: User) -> Person:
    _writer(acting_user, org)
    name = checked_name(str(values.get("full_name", "")), field=_("Họ và tên"))
    if values.get("birth_date") is not None:
        checked_birth_date(values["birth_date"])
    person = new_person(org, {**values, "full_name": name})
    person.save()
    log.record(
        "personnel.person_create",
        actor=acting_user,
        organisation=org,
        target=f"person:{person.pk}",
        after={"person": person.pk, "fields": sorted(person_snapshot(person))},
    )
    return person


@transaction.atomic
def do_update_person(person: Person, values: Mapping[str, Any], *, acting_user: User) -> Person:
    """Correct a person's record; the audit keeps what it said before."""
    current = Person.objects.select_for_update().select_related("organisation").get(pk=person.pk)
    _writer(acting_user, current.organisation)
    if "full_name" in values:
        values = {**values, "full_name": checked_name(values["full_name"], field=_("Họ và tên"))}
    if values.get("birth_date") is not None:
        checked_birth_date(values["birth_date"])
    before = person_snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.full_name = normalise_name(current.full_name)
    current.search_name = fold(current.full_name)
    current.save()
    after = person_snapshot(current)
    if after != before:
        log.record(
            "personnel.person_update",
            actor=acting_user,
            organisation=current.organisation,
            target=f"person:{current.pk}",
            # Which fields changed, never their values: the record is personal data.
            after={
                "person": current.pk,
                "fields": sorted(k for k in after if after[k] != before[k]),
            },
        )
    return current


def record_person_view(person: Person, *, acting_user: User) -> None:
    """Write who opened a person's record: personal data reads are audited."""
    log.record(
        "personnel.view",
        actor=acting_user,
        organisation=person.organisation,
        target=f"person:{person.pk}",
    )


@transaction.atomic
def do_import_people(
    org: Organisation, people: Sequence[Person], *, acting_user: User, source: str = ""
) -> int:
    """Write the people of a checked import, all together."""
    _writer(acting_user, org)
    Person.objects.bulk_create(people, batch_size=1000)
    log.record(
        "personnel.import",
        actor=acting_user,
        organisation=org,
        target=source,
        after={"people": len(people), "ids": [p.pk for p in people][:200]},
    )
    return len(people)


# Candidate lists ----------------------------------------------------------------------


def _list_locked(candidate_list: CandidateList) -> CandidateList:
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


@transaction.atomic
def do_create_list(
    congress: Congress, kind: str, seats: int, *, acting_user: User
) -> CandidateList:
    _writer(acting_user, congress.organisation)
    if kind not in ElectionKind.values:
        raise ActionRefused([_("Cơ quan bầu «%(k)s» không hợp lệ.") % {"k": kind}])
    if seats < 1:
        raise ActionRefused([_("Số lượng được bầu phải từ 1 trở lên.")])
    if CandidateList.objects.filter(congress=congress, kind=kind).exists():
        raise ActionRefused([_("Đại hội đã có danh sách %(k)s.") % {"k": ElectionKind(kind).label}])
    candidate_list = CandidateList.objects.create(congress=congress, kind=kind, seats=seats)
    log.record(
        "personnel.list_create",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(candidate_list),
        after={"kind": kind, "seats": seats},
    )
    return candidate_list


def _editable(candidate_list: CandidateList, user: User) -> CandidateList:
    current = _list_locked(candidate_list)
    _writer(user, current.congress.organisation)
    if current.state != ListState.DRAFT:
        raise ActionRefused([_("Danh sách đã thông qua; không sửa được nữa.")])
    return current


def people_for(congress: Congress) -> Any:
    """The people who may stand at a congress: those of its organisation's subtree."""
    from daihoi.orgs.tree import subtree_q

    return Person.objects.filter(subtree_q(congress.org_path, prefix="org_"))


@transaction.atomic
def do_add_to_list(
    candidate_list: CandidateList,
    person: Person,
    *,
    first_time: bool | None = None,
    standing: bool = False,
    acting_user: User,
) -> ListMember:
    current = _editable(candidate_list, acting_user)
    if not people_for(current.congress).filter(pk=person.pk).exists():
        raise ActionRefused(
            [_("%(n)s không thuộc đảng bộ tổ chức đại hội.") % {"n": person.full_name}]
        )
    if current.members.filter(person=person).exists():
        raise ActionRefused([_("%(n)s đã có trong danh sách.") % {"n": person.full_name}])
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


@transaction.atomic
def do_remove_from_list(
    candidate_list: CandidateList, person: Person, *, acting_user: User
) -> None:
    current = _editable(candidate_list, acting_user)
    deleted, _rows = current.members.filter(person=person).delete()
    if not deleted:
        raise ActionRefused([_("%(n)s không có trong danh sách.") % {"n": person.full_name}])
    _renumber(current)
    log.record(
        "personnel.list_remove",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before={"person": person.pk},
    )


@transaction.atomic
def do_set_standing(
    candidate_list: CandidateList, person: Person, standing: bool, *, acting_user: User
) -> None:
    """Mark whether a person on the committee list is proposed for the standing committee."""
    current = _editable(candidate_list, acting_user)
    updated = current.members.filter(person=person).update(standing=standing)
    if not updated:
        raise ActionRefused([_("%(n)s không có trong danh sách.") % {"n": person.full_name}])
    log.record(
        "personnel.list_standing",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"person": person.pk, "standing": standing},
    )


def flagged_people(congress: Congress) -> dict[int, list[Complaint]]:
    """Open complaints about the people of the congress's subtree, by person.

    A complaint flags the person on every list, whichever congress recorded it.
    """
    found: dict[int, list[Complaint]] = {}
    complaints = Complaint.objects.filter(
        person__in=people_for(congress), status=ComplaintStatus.OPEN
    )
    for c in complaints:
        found.setdefault(c.person_id, []).append(c)
    return found


def adoption_blockers(candidate_list: CandidateList) -> list[str]:
    """Why the list cannot be adopted yet: hard composition rules and open complaints."""
    from daihoi.personnel.checks import check_list

    problems = list(check_list(candidate_list).blockers)
    flagged = flagged_people(candidate_list.congress)
    for member in candidate_list.members.select_related("person"):
        open_ones = [c for c in flagged.get(member.person_id, []) if c.blocking]
        if open_ones:
            problems.append(
                _("%(n)s có %(k)s đơn thư chưa giải quyết xong.")
                % {"n": member.person.full_name, "k": len(open_ones)}
            )
    return problems


@transaction.atomic
def do_adopt_list(candidate_list: CandidateList, *, acting_user: User) -> CandidateList:
    current = _editable(candidate_list, acting_user)
    problems = adoption_blockers(current)
    if problems:
        raise ActionRefused(problems)
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


# The five-step introduction -------------------------------------------------------------


@transaction.atomic
def do_start_introduction(
    congress: Congress, kind: str, track: str, *, acting_user: User
) -> IntroductionProcess:
    _writer(acting_user, congress.organisation)
    process, created = IntroductionProcess.objects.get_or_create(
        congress=congress, kind=kind, track=track
    )
    if not created:
        raise ActionRefused([_("Quy trình này đã được mở.")])
    log.record(
        "personnel.introduction_start",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(process),
        after={"kind": kind, "track": track},
    )
    return process


def starting_list(process: IntroductionProcess) -> Any:
    """Who step 1 reviews: the outgoing committee, or the planning list for first-timers."""
    from daihoi.personnel.models import Track

    people = people_for(process.congress)
    if process.track == Track.REELECTION:
        return people.filter(outgoing_committee=True)
    return people.filter(planned=True, outgoing_committee=False)


def passed_at(process: IntroductionProcess, number: int) -> list[Person]:
    """The people who passed step `number` of the process."""
    return [
        v.person
        for v in StepVote.objects.filter(step__process=process, step__number=number, passed=True)
        .select_related("person")
        .order_by("person__search_name")
    ]


def introduced(votes: int, voters: int) -> bool:
    """More than half of those summoned, in integers: 6 of 11 is introduced, 5 of 10 is not."""
    return votes * 2 > voters


@dataclass(frozen=True)
class StepInput:
    number: int
    date: dt.date
    body: str
    voters: int
    ballots: int
    votes: dict[int, int]  # person id -> votes of introduction


@transaction.atomic
def do_record_step(
    process: IntroductionProcess, step: StepInput, *, acting_user: User
) -> IntroductionStep:
    """Record one step's secret vote; the order of the steps is enforced."""
    current = (
        IntroductionProcess.objects.select_for_update()
        .select_related("congress__organisation")
        .get(pk=process.pk)
    )
    _writer(acting_user, current.congress.organisation)
    done = list(current.steps.order_by("number").values_list("number", "date"))
    expected = len(done) + 1
    problems: list[str] = []
    if expected > STEPS:
        raise ActionRefused([_("Đã đủ 5 bước của quy trình.")])
    if step.number != expected:
        raise ActionRefused(
            [_("Phải ghi bước %(e)s trước khi ghi bước %(n)s.") % {"e": expected, "n": step.number}]
        )
    if done and step.date < done[-1][1]:
        problems.append(
            _("Ngày của bước %(n)s (%(d)s) trước ngày của bước trước (%(p)s).")
            % {"n": step.number, "d": f"{step.date:%d/%m/%Y}", "p": f"{done[-1][1]:%d/%m/%Y}"}
        )
    if step.voters < 1:
        problems.append(_("Số người được triệu tập phải từ 1 trở lên."))
    if step.ballots > step.voters:
        problems.append(
            _("Số phiếu thu vào (%(b)s) nhiều hơn số người được triệu tập (%(v)s).")
            % {"b": step.ballots, "v": step.voters}
        )
    if not step.votes:
        problems.append(_("Chưa có người nào trong danh sách lấy phiếu."))
    allowed = (
        {p.pk for p in passed_at(current, step.number - 1)}
        if step.number > 1
        else set(starting_list(current).values_list("pk", flat=True))
    )
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(step.votes))}
    starting_name = (
        _("cấp ủy khóa đương nhiệm") if current.track == "reelection" else _("quy hoạch")
    )
    for person_id, votes in step.votes.items():
        person = people.get(person_id)
        name = person.full_name if person else f"#{person_id}"
        if person_id not in allowed:
            problems.append(
                _("%(n)s không có trong danh sách được giới thiệu ở bước %(p)s.")
                % {"n": name, "p": step.number - 1}
                if step.number > 1
                else _("%(n)s không có trong danh sách %(list)s của đảng bộ.")
                % {"n": name, "list": starting_name}
            )
        if votes < 0 or votes > step.ballots:
            problems.append(
                _("%(n)s: %(v)s phiếu, nhiều hơn số phiếu thu vào (%(b)s).")
                % {"n": name, "v": votes, "b": step.ballots}
            )
    if problems:
        raise ActionRefused(problems)
    body = clean(step.body) or str(STEP_BODIES[step.number])
    row = IntroductionStep.objects.create(
        process=current,
        number=step.number,
        date=step.date,
        body=body,
        voters=step.voters,
        ballots=step.ballots,
    )
    votes_rows = []
    for person_id, votes in step.votes.items():
        passed = introduced(votes, step.voters)
        reason = (
            ""
            if passed
            else _(
                "Bước %(n)s (%(d)s): %(v)s/%(b)s phiếu (%(p)s), không quá 50%% số được triệu tập."
            )
            % {
                "n": step.number,
                "d": f"{step.date:%d/%m/%Y}",
                "v": votes,
                "b": step.voters,
                "p": pct(Fraction(votes, step.voters)),
            }
        )
        votes_rows.append(
            StepVote(step=row, person_id=person_id, votes=votes, passed=passed, reason=reason)
        )
    StepVote.objects.bulk_create(votes_rows)
    log.record(
        "personnel.introduction_step",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={
            "step": step.number,
            "date": step.date.isoformat(),
            "voters": step.voters,
            "ballots": step.ballots,
            "votes": {str(pid): v for pid, v in step.votes.items()},
        },
    )
    return row


@transaction.atomic
def do_feed_list(process: IntroductionProcess, *, acting_user: User) -> int:
    """Put those introduced at step 5 on the congress's list for the same body."""
    current = IntroductionProcess.objects.select_related("congress__organisation").get(
        pk=process.pk
    )
    _writer(acting_user, current.congress.organisation)
    if not current.steps.filter(number=STEPS).exists():
        raise ActionRefused([_("Quy trình chưa xong bước 5.")])
    candidate_list = CandidateList.objects.filter(
        congress=current.congress, kind=current.kind
    ).first()
    if candidate_list is None:
        raise ActionRefused(
            [_("Chưa có danh sách %(k)s để đưa vào.") % {"k": current.get_kind_display()}]
        )
    added = 0
    from daihoi.personnel.models import Track

    for person in passed_at(current, STEPS):
        if candidate_list.members.filter(person=person).exists():
            continue
        do_add_to_list(
            candidate_list,
            person,
            first_time=current.track == Track.FIRST_TIME,
            acting_user=acting_user,
        )
        added += 1
    current.fed_at = timezone.now()
    current.save(update_fields=["fed_at"])
    return added


# Complaints ---------------------------------------------------------------------------


def complaint_snapshot(c: Complaint) -> dict[str, Any]:
    return {
        "person": c.person.full_name,
        "received": c.received.isoformat(),
        "classification": c.classification,
        "status": c.status,
        "handler": c.handler,
        "deadline": c.deadline.isoformat() if c.deadline else None,
        "outcome": c.outcome,
        "override_reason": c.override_reason,
    }


@transaction.atomic
def do_register_complaint(
    congress: Congress, person: Person, values: Mapping[str, Any], *, acting_user: User
) -> Complaint:
    _writer(acting_user, congress.organisation)
    if not people_for(congress).filter(pk=person.pk).exists():
        raise ActionRefused([_("%(n)s không thuộc đảng bộ này.") % {"n": person.full_name}])
    complaint = Complaint(congress=congress, person=person, **values)
    if complaint.anonymous:
        complaint.sender = ""
    complaint.save()
    log.record(
        "personnel.complaint_register",
        actor=acting_user,
        organisation=congress.organisation,
        target=f"complaint:{complaint.pk}",
        after={
            "complaint": complaint.pk,
            "person": complaint.person_id,
            "status": complaint.status,
            "fields": sorted(k for k, v in complaint_snapshot(complaint).items() if v),
        },
    )
    return complaint


def _complaint_locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update()
        .select_related("congress__organisation", "person")
        .get(pk=complaint.pk)
    )


@transaction.atomic
def do_settle_complaint(complaint: Complaint, outcome: str, *, acting_user: User) -> Complaint:
    current = _complaint_locked(complaint)
    _writer(acting_user, current.congress.organisation)
    if current.status == ComplaintStatus.SETTLED:
        raise ActionRefused([_("Đơn thư này đã giải quyết xong.")])
    if not clean(outcome):
        raise ActionRefused([_("Hãy ghi kết quả giải quyết.")])
    before = complaint_snapshot(current)
    current.status = ComplaintStatus.SETTLED
    current.outcome = outcome.strip()
    current.settled_at = timezone.now()
    current.save()
    log.record(
        "personnel.complaint_settle",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=f"complaint:{current.pk}",
        after={
            "complaint": current.pk,
            "person": current.person_id,
            "status": current.status,
            "fields": sorted(k for k, v in complaint_snapshot(current).items() if v != before[k]),
        },
    )
    return current


@transaction.atomic
def do_override_complaint(complaint: Complaint, reason: str, *, acting_user: User) -> Complaint:
    """The superior lets the plan be approved with this complaint open, giving a reason."""
    current = _complaint_locked(complaint)
    if not scope.is_superior_of(acting_user, current.congress.organisation):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới cho phép được."))
    if current.status == ComplaintStatus.SETTLED:
        raise ActionRefused([_("Đơn thư này đã giải quyết xong.")])
    if current.overridden_at is not None:
        raise ActionRefused([_("Cấp trên đã cho phép rồi.")])
    if len(clean(reason)) < 10:
        raise ActionRefused([_("Hãy ghi rõ lý do (ít nhất 10 ký tự).")])
    before = complaint_snapshot(current)
    current.override_reason = reason.strip()
    current.overridden_by = acting_user
    current.overridden_at = timezone.now()
    current.save()
    log.record(
        "personnel.complaint_override",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=f"complaint:{current.pk}",
        after={
            "complaint": current.pk,
            "person": current.person_id,
            "status": current.status,
            "fields": sorted(k for k, v in complaint_snapshot(current).items() if v != before[k]),
        },
    )
    return current


def approval_reasons(congress: Congress) -> list[str]:
    """Open complaints about people on the congress's lists that the superior has not overridden."""
    on_lists = set(
        ListMember.objects.filter(candidate_list__congress=congress).values_list(
            "person_id", flat=True
        )
    )
    reasons = []
    for c in Complaint.objects.filter(
        person_id__in=on_lists, status=ComplaintStatus.OPEN, overridden_at__isnull=True
    ).select_related("person"):
        if c.person_id in on_lists:
            reasons.append(
                _(
                    "%(n)s (trong danh sách nhân sự) có đơn thư nhận ngày %(d)s "
                    "chưa giải quyết xong."
                )
                % {"n": c.person.full_name, "d": f"{c.received:%d/%m/%Y}"}
            )
    return reasons


# Inspection teams -----------------------------------------------------------------------


@transaction.atomic
def do_create_team(
    campaign: Campaign,
    org: Organisation,
    *,
    name: str,
    members: str,
    start_date: dt.date,
    acting_user: User,
) -> InspectionTeam:
    if not scope.can_write(acting_user, org):
        raise PermissionDenied
    if not clean(name):
        raise ActionRefused([_("Hãy đặt tên đoàn kiểm tra.")])
    team = InspectionTeam.objects.create(
        campaign=campaign,
        organisation=org,
        org_path=org.path,
        name=clean(name),
        members=members.strip(),
        start_date=start_date,
    )
    log.record(
        "personnel.team_create",
        actor=acting_user,
        organisation=org,
        target=team.name,
        after={
            "team": team.pk,
            "members": len(team.member_names()),
            "start_date": start_date.isoformat(),
        },
    )
    return team


@transaction.atomic
def do_add_visit(
    team: InspectionTeam,
    unit: Organisation,
    *,
    date: dt.date,
    findings: str = "",
    follow_up: str = "",
    acting_user: User,
) -> InspectionVisit:
    if not scope.can_write(acting_user, team.organisation):
        raise PermissionDenied
    if not unit.path.startswith(team.org_path) or unit.pk == team.organisation_id:
        raise ActionRefused([_("%(u)s không thuộc đảng bộ cử đoàn kiểm tra.") % {"u": unit.name}])
    if date < team.start_date:
        raise ActionRefused(
            [
                _("Ngày làm việc %(d)s trước ngày đoàn bắt đầu (%(s)s).")
                % {"d": f"{date:%d/%m/%Y}", "s": f"{team.start_date:%d/%m/%Y}"}
            ]
        )
    visit = InspectionVisit.objects.create(
        team=team, unit=unit, date=date, findings=findings.strip(), follow_up=follow_up.strip()
    )
    log.record(
        "personnel.team_visit",
        actor=acting_user,
        organisation=team.organisation,
        target=team.name,
        after={
            "visit": visit.pk,
            "unit": unit.code,
            "date": date.isoformat(),
            "fields": ["findings"] if visit.findings else [],
        },
    )
    return visit


@transaction.atomic
def do_update_visit(
    visit: InspectionVisit, *, findings: str, follow_up: str, done: bool, acting_user: User
) -> InspectionVisit:
    if not scope.can_write(acting_user, visit.team.organisation):
        raise PermissionDenied
    before = {
        "findings": visit.findings,
        "follow_up": visit.follow_up,
        "done": visit.follow_up_done,
    }
    visit.findings, visit.follow_up, visit.follow_up_done = (
        findings.strip(),
        follow_up.strip(),
        done,
    )
    visit.save()
    log.record(
        "personnel.team_visit_update",
        actor=acting_user,
        organisation=visit.team.organisation,
        target=visit.team.name,
        after={
            "visit": visit.pk,
            "done": done,
            "fields": sorted(
                k
                for k, v in {
                    "findings": visit.findings,
                    "follow_up": visit.follow_up,
                    "done": done,
                }.items()
                if v != before[k]
            ),
        },
    )
    return visit


# Elected members --------------------------------------------------------------------------


def elected_from_person(
    congress: Congress,
    person: Person,
    *,
    first_time: bool,
    standing: bool,
    day: dt.date,
    kind: str = ElectionKind.COMMITTEE,
) -> ElectedMember:
    return ElectedMember(
        congress=congress,
        kind=kind,
        campaign_id=congress.campaign_id,
        org_path=congress.org_path,
        elected_on=day,
        person=person,
        full_name=person.full_name,
        female=person.female,
        birth_date=person.birth_date,
        age=age_on(person.birth_date, day) if person.birth_date <= day else None,
        first_time=first_time,
        ethnic_minority=person.ethnic_minority,
        science_tech=person.science_tech,
        standing=standing,
    )


@transaction.atomic
def do_record_elected_from_election(election: Election, *, acting_user: User) -> int:
    """Record the committee elected in an announced election, matching names to people."""
    congress = Congress.objects.select_related("organisation", "campaign").get(
        pk=election.congress_id
    )
    _writer(acting_user, congress.organisation)
    if election.state not in (ElectionState.ANNOUNCED, ElectionState.SEALED) or not election.result:
        raise ActionRefused([_("Cuộc bầu cử chưa công bố kết quả.")])
    listed = list(election.candidates.order_by("position").values_list("full_name", flat=True))
    names = [listed[no - 1] for no in election.result["elected"]]
    by_name = {
        p.search_name: p
        for p in people_for(congress).filter(search_name__in=[fold(n) for n in names])
    }
    missing = [n for n in names if fold(n) not in by_name]
    if missing:
        raise ActionRefused(
            [
                _("Không có hồ sơ cán bộ «%(n)s» trong đảng bộ; hãy nhập hồ sơ trước.") % {"n": n}
                for n in missing
            ]
        )
    day = congress.held_date or timezone.localdate()
    entries = {
        m.person_id: m
        for m in ListMember.objects.filter(
            candidate_list__congress=congress, candidate_list__kind=election.kind
        )
    }
    rows = []
    for name in names:
        person = by_name[fold(name)]
        entry = entries.get(person.pk)
        rows.append(
            elected_from_person(
                congress,
                person,
                first_time=entry.first_time if entry else not person.outgoing_committee,
                standing=entry.standing if entry else False,
                day=day,
                kind=election.kind,
            )
        )
    ElectedMember.objects.filter(congress=congress, kind=election.kind).delete()
    ElectedMember.objects.bulk_create(rows)
    log.record(
        "personnel.elected_record",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(election),
        after={"elected": [by_name[fold(name)].pk for name in names]},
    )
    return len(rows)


# Targets and age rules of a campaign ----------------------------------------------------------


def may_edit_targets(user: Any, campaign: Campaign) -> bool:
    """Targets are the campaign's, set at the top: a writer whose scope is the whole tree."""
    root = Organisation.objects.filter(structure_id=campaign.structure_id, depth=1).first()
    return root is not None and scope.can_write(user, root)


@dataclass(frozen=True)
class TargetChange:
    code: str
    minimum: Any
    maximum: Any
    hard: bool


@transaction.atomic
def do_update_targets(
    campaign: Campaign,
    changes: Sequence[TargetChange],
    settings_values: Mapping[str, Any],
    *,
    acting_user: User,
) -> None:
    """Change a campaign's composition targets and age rules (national administrators)."""
    from daihoi.campaigns.models import CompositionTarget
    from daihoi.personnel.models import PersonnelSettings

    if not may_edit_targets(acting_user, campaign):
        raise PermissionDenied(_("Chỉ quản trị toàn quốc mới sửa chỉ tiêu của đợt đại hội."))
    problems = [
        _("%(c)s: tối thiểu lớn hơn tối đa.") % {"c": c.code}
        for c in changes
        if c.minimum is not None and c.maximum is not None and c.minimum > c.maximum
    ]
    if problems:
        raise ActionRefused(problems)
    rows = {
        t.code: t for t in CompositionTarget.objects.select_for_update().filter(campaign=campaign)
    }
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for change in changes:
        row = rows.get(change.code)
        if row is None:
            continue
        old = (row.minimum, row.maximum, row.hard)
        if old == (change.minimum, change.maximum, change.hard):
            continue
        before[row.code] = [str(v) if v is not None else None for v in old]
        row.minimum, row.maximum, row.hard = change.minimum, change.maximum, change.hard
        row.save(update_fields=["minimum", "maximum", "hard"])
        after[row.code] = [
            str(v) if v is not None else None for v in (row.minimum, row.maximum, row.hard)
        ]
    settings, _created = PersonnelSettings.objects.select_for_update().get_or_create(
        campaign=campaign
    )
    for name, value in settings_values.items():
        if getattr(settings, name) != value:
            before[name] = str(getattr(settings, name))
            setattr(settings, name, value)
            after[name] = str(value)
    settings.save()
    log.record(
        "personnel.targets_update",
        actor=acting_user,
        organisation=None,
        target=campaign.slug,
        before=before,
        after=after,
    )


@transaction.atomic
def do_record_elected_from_list(
    candidate_list: CandidateList, person_ids: Sequence[int], *, acting_user: User
) -> int:
    """Record who of an adopted list was elected (for a congress counted outside the system)."""
    current = _list_locked(candidate_list)
    congress = current.congress
    _writer(acting_user, congress.organisation)
    if current.state != ListState.ADOPTED:
        raise ActionRefused([_("Chỉ ghi kết quả từ danh sách đã thông qua.")])
    members = list(current.members.filter(person_id__in=person_ids).select_related("person"))
    if not members:
        raise ActionRefused([_("Hãy chọn những người trúng cử.")])
    if len(members) > current.seats:
        raise ActionRefused(
            [
                _("Chọn %(n)s người, nhiều hơn số lượng được bầu (%(s)s).")
                % {"n": len(members), "s": current.seats}
            ]
        )
    day = congress.held_date or timezone.localdate()
    rows = [
        elected_from_person(
            congress,
            m.person,
            first_time=m.first_time,
            standing=m.standing,
            day=day,
            kind=current.kind,
        )
        for m in members
    ]
    ElectedMember.objects.filter(congress=congress, kind=current.kind).delete()
    ElectedMember.objects.bulk_create(rows)
    log.record(
        "personnel.elected_record",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(current),
        after={"elected": [m.person_id for m in members]},
    )
    return len(rows)
