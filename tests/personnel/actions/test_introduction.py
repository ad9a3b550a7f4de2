"""The five-step introduction: order of the steps, the 50% rule, feeding the list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.core.errors import ActionRefused
from daihoi.personnel.actions.introduction import (
    StepInput,
    do_feed_list,
    do_record_step,
    do_start_introduction,
    introduced,
)
from daihoi.personnel.actions.lists import (
    do_create_list,
)
from daihoi.personnel.models import Track
from tests.personnel.helpers import (
    documents_member,
    loc_binh_congress,
    make_people,
    refused,
    staff,
)

pytestmark = pytest.mark.django_db


def step(number, votes, voters=20, ballots=20, day=None):
    return StepInput(number, day or dt.date(2020, 3, number), "", voters, ballots, votes)


def test_the_steps_are_taken_in_order():
    congress = loc_binh_congress()
    people = [p for p in make_people() if p.outgoing_committee][:3]
    process = do_start_introduction(congress, "committee", Track.REELECTION, acting_user=staff())
    with refused("step_out_of_order"):
        do_record_step(process, step(2, {people[0].pk: 15}), acting_user=staff())
    do_record_step(process, step(1, {p.pk: 20 for p in people}), acting_user=staff())
    with refused("step_out_of_order"):
        do_record_step(process, step(1, {people[0].pk: 20}), acting_user=staff())


def test_exactly_half_drops_out_with_the_reason_kept_and_is_not_asked_again():
    congress = loc_binh_congress()
    a, b, c = [p for p in make_people() if p.outgoing_committee][:3]
    process = do_start_introduction(congress, "committee", Track.REELECTION, acting_user=staff())
    do_record_step(process, step(1, {a.pk: 20, b.pk: 20, c.pk: 20}), acting_user=staff())
    do_record_step(process, step(2, {a.pk: 11, b.pk: 10, c.pk: 18}, voters=20), acting_user=staff())
    dropped = process.steps.get(number=2).votes.get(person=b)
    assert dropped.passed is False and "10/20" in dropped.reason and "50%" in dropped.reason
    with pytest.raises(ActionRefused):
        do_record_step(process, step(3, {b.pk: 15}), acting_user=staff())


def test_the_base_is_those_summoned_not_the_ballots():
    # 11 summoned, 10 voted: 6 votes introduce, 5 do not; 5 of 10 is exactly half.
    assert introduced(6, 11) is True
    assert introduced(5, 11) is False
    assert introduced(5, 10) is False


def test_step_five_feeds_the_list():
    congress = loc_binh_congress()
    a, b = [p for p in make_people() if not p.outgoing_committee][:2]
    cl = do_create_list(congress, "committee", 1, acting_user=staff())
    process = do_start_introduction(congress, "committee", Track.FIRST_TIME, acting_user=staff())
    for n in range(1, 6):
        do_record_step(
            process,
            step(
                n,
                {a.pk: 15, b.pk: 15} if n < 4 else ({a.pk: 15, b.pk: 3} if n == 4 else {a.pk: 15}),
            ),
            acting_user=staff(),
        )
    assert do_feed_list(process, acting_user=staff()) == 1
    member = cl.members.get()
    assert member.person == a and member.first_time is True


def test_the_re_election_track_starts_from_the_outgoing_committee_only():
    congress = loc_binh_congress()
    newcomer = next(p for p in make_people() if not p.outgoing_committee)
    process = do_start_introduction(congress, "committee", Track.REELECTION, acting_user=staff())
    with pytest.raises(ActionRefused) as refused:
        do_record_step(process, step(1, {newcomer.pk: 20}), acting_user=staff())
    assert "cấp ủy khóa đương nhiệm" in refused.value.reasons[0]


def test_a_process_is_opened_once_and_fed_only_when_finished_into_an_existing_list():
    congress = loc_binh_congress()
    process = do_start_introduction(congress, "committee", Track.FIRST_TIME, acting_user=staff())
    with refused("process_exists"):
        do_start_introduction(congress, "committee", Track.FIRST_TIME, acting_user=staff())
    with refused("process_unfinished"):
        do_feed_list(process, acting_user=staff())
    a = next(p for p in make_people() if not p.outgoing_committee)
    for n in range(1, 6):
        do_record_step(process, step(n, {a.pk: 15}), acting_user=staff())
    with refused("steps_done"):
        do_record_step(process, step(6, {a.pk: 15}), acting_user=staff())
    with refused("no_list"):
        do_feed_list(process, acting_user=staff())


def test_the_documents_subcommittee_may_not_record_a_step():
    congress = loc_binh_congress()
    people = [p for p in make_people() if p.outgoing_committee][:1]
    process = do_start_introduction(congress, "committee", Track.REELECTION, acting_user=staff())
    with pytest.raises(PermissionDenied):
        do_record_step(process, step(1, {people[0].pk: 20}), acting_user=documents_member())
    assert not process.steps.exists()
