"""The five-step introduction of candidates: open a process, record each step, feed the list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.core.numbers import local_percent
from daihoi.lib.tally import is_over_half
from daihoi.lib.text import clean
from daihoi.personnel import access
from daihoi.personnel.actions.lists import add_to_list, editable
from daihoi.personnel.models import (
    STEP_BODIES,
    CandidateList,
    IntroductionProcess,
    IntroductionStep,
    Person,
    StepVote,
    Track,
)
from daihoi.personnel.queries import passed_at, starting_list

if TYPE_CHECKING:
    from daihoi.accounts.models import User

STEPS = 5


@transaction.atomic(durable=True)
def do_start_introduction(
    congress: Congress, kind: str, track: str, *, acting_user: User
) -> IntroductionProcess:
    access.require_writer(acting_user, congress.organisation)
    process, created = IntroductionProcess.objects.get_or_create(
        congress=congress, kind=kind, track=track
    )
    if not created:
        raise ActionRefused([_("Quy trình này đã được mở.")], ["process_exists"])
    log.record(
        "personnel.introduction_start",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(process),
        after={"kind": kind, "track": track},
    )
    return process


def introduced(votes: int, voters: int) -> bool:
    """More than half of those summoned: 6 of 11 is introduced, 5 of 10 is not."""
    return is_over_half(votes, voters)


@dataclass(frozen=True)
class StepInput:
    number: int
    date: dt.date
    body: str
    voters: int
    ballots: int
    votes: dict[int, int]  # person id -> votes of introduction


def _figure_problems(step: StepInput, done: list[tuple[int, dt.date]]) -> list[str]:
    """What is wrong with the step's own figures: its date, those summoned, the ballots."""
    problems: list[str] = []
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
    return problems


def _vote_problems(process: IntroductionProcess, step: StepInput) -> list[str]:
    """Who may not be asked at this step, and votes beyond the ballots collected."""
    problems: list[str] = []
    allowed = (
        {p.pk for p in passed_at(process, step.number - 1)}
        if step.number > 1
        else set(starting_list(process).values_list("pk", flat=True))
    )
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(step.votes))}
    starting_name = (
        _("cấp ủy khóa đương nhiệm") if process.track == "reelection" else _("quy hoạch")
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
    return problems


def _vote_rows(row: IntroductionStep, step: StepInput) -> list[StepVote]:
    """One row per person asked: passed or not, with the reason kept for those who drop out."""
    rows = []
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
                "p": local_percent(Fraction(votes, step.voters)),
            }
        )
        rows.append(
            StepVote(step=row, person_id=person_id, votes=votes, passed=passed, reason=reason)
        )
    return rows


@transaction.atomic(durable=True)
def do_record_step(
    process: IntroductionProcess, step: StepInput, *, acting_user: User
) -> IntroductionStep:
    """Record one step's secret vote; the order of the steps is enforced."""
    current = (
        IntroductionProcess.objects.select_for_update()
        .select_related("congress__organisation")
        .get(pk=process.pk)
    )
    access.require_writer(acting_user, current.congress.organisation)
    done = list(current.steps.order_by("number").values_list("number", "date"))
    expected = len(done) + 1
    if expected > STEPS:
        raise ActionRefused([_("Đã đủ 5 bước của quy trình.")], ["steps_done"])
    if step.number != expected:
        raise ActionRefused(
            [
                _("Phải ghi bước %(e)s trước khi ghi bước %(n)s.")
                % {"e": expected, "n": step.number}
            ],
            ["step_out_of_order"],
        )
    problems = _figure_problems(step, done) + _vote_problems(current, step)
    if problems:
        raise ActionRefused(problems, ["step_invalid"])
    row = IntroductionStep.objects.create(
        process=current,
        number=step.number,
        date=step.date,
        body=clean(step.body) or str(STEP_BODIES[step.number]),
        voters=step.voters,
        ballots=step.ballots,
    )
    votes_rows = _vote_rows(row, step)
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


@transaction.atomic(durable=True)
def do_feed_list(process: IntroductionProcess, *, acting_user: User) -> int:
    """Put those introduced at step 5 on the congress's list for the same body."""
    current = IntroductionProcess.objects.select_related("congress__organisation").get(
        pk=process.pk
    )
    access.require_writer(acting_user, current.congress.organisation)
    if not current.steps.filter(number=STEPS).exists():
        raise ActionRefused([_("Quy trình chưa xong bước 5.")], ["process_unfinished"])
    candidate_list = CandidateList.objects.filter(
        congress=current.congress, kind=current.kind
    ).first()
    if candidate_list is None:
        raise ActionRefused(
            [_("Chưa có danh sách %(k)s để đưa vào.") % {"k": current.get_kind_display()}],
            ["no_list"],
        )
    listed = set(candidate_list.members.values_list("person_id", flat=True))
    newcomers = [p for p in passed_at(current, STEPS) if p.pk not in listed]
    if newcomers:
        target = editable(candidate_list, acting_user)
        for person in newcomers:
            add_to_list(
                target,
                person,
                first_time=current.track == Track.FIRST_TIME,
                acting_user=acting_user,
            )
    added = len(newcomers)
    current.fed_at = timezone.now()
    current.save(update_fields=["fed_at"])
    return added
