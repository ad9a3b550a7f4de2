"""The counting board: set by the organisers before counting, by the head while counting."""

from __future__ import annotations

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.elections.actions.board import do_add_board_member, do_remove_board_member
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import BoardRole, ElectionState
from tests.elections.helpers import (
    counting_election,
    denied,
    draft_election,
    key_all,
    outsider,
    refused,
    staff,
    typist,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_organisers_add_a_member_before_counting() -> None:
    election = draft_election()
    member = do_add_board_member(
        election, typist("uyvien", None), team=None, may_rule=True, acting_user=staff()
    )
    assert (member.role, member.team, member.may_rule) == (BoardRole.MEMBER, None, True)
    assert AuditEntry.objects.filter(action="election.board").exists()


def test_the_board_is_closed_once_the_count_is_reconciled() -> None:
    election = counting_election()
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    refused(
        ["board_closed"],
        do_add_board_member,
        election,
        typist("muon", None),
        team=None,
        acting_user=staff(),
    )


def test_a_typist_or_another_province_may_not_change_the_board() -> None:
    election = draft_election()
    for user in (typist("to1", 1), outsider()):
        denied(do_add_board_member, election, typist("la", None), team=None, acting_user=user)


def test_nobody_on_the_list_sits_on_the_board() -> None:
    election = draft_election()
    person = typist("an", None)
    person.full_name = "Nguyễn Văn An"
    person.save()
    refused(["on_list"], do_add_board_member, election, person, team=None, acting_user=staff())


def test_the_organisers_take_a_member_off_the_board_before_counting() -> None:
    election = draft_election()
    member = election.board.get(user__username="to2")
    do_remove_board_member(election, member.pk, acting_user=staff())
    assert not election.board.filter(user__username="to2").exists()
    entry = AuditEntry.objects.get(action="election.board_remove")
    assert entry.before == {"user": member.user_id, "role": "technical", "team": 2}


def test_nobody_leaves_the_board_once_counting_has_started() -> None:
    election = counting_election()
    member = election.board.get(user__username="to2")
    refused(["board_frozen"], do_remove_board_member, election, member.pk, acting_user=staff())


def test_a_member_of_another_election_is_not_removed_through_this_one() -> None:
    election = draft_election()
    refused(["not_on_board"], do_remove_board_member, election, 10**6, acting_user=staff())


def test_a_typist_or_another_province_may_not_take_anyone_off() -> None:
    election = draft_election()
    member = election.board.get(user__username="to2")
    for user in (typist("to1", 1), outsider()):
        denied(do_remove_board_member, election, member.pk, acting_user=user)
