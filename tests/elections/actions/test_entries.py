"""The chain's entries: a team's reading, a correction, the board's ruling, a void."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.core.errors import ActionRefused
from daihoi.elections.actions.entries import do_key_ballot, do_void_entry
from daihoi.elections.models import ElectionState
from daihoi.elections.queries import blockers, reconciliation
from tests.elections.helpers import (
    PAPERS,
    counting_election,
    denied,
    draft_election,
    key_all,
    refused,
    staff,
    typist,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_differing_entries_block_reconciliation_until_the_board_rules() -> None:
    election = counting_election()
    key_all(election, {**PAPERS})
    do_key_ballot(
        election, team=2, serial=3, crossed=[2], correction=True, acting_user=typist("to2", 2)
    )
    assert 3 in reconciliation(election).disagreements
    problems = blockers(election, S.RECONCILED)
    assert problems and "không đọc được: 3." in problems[0]
    with pytest.raises(ActionRefused) as refused:
        do_key_ballot(election, team=0, serial=3, crossed=[4], acting_user=typist("to1", 1))
    assert refused.value.codes == ["not_decider"]
    do_key_ballot(election, team=0, serial=3, crossed=[4], acting_user=typist("truongban", None))
    assert blockers(election, S.RECONCILED) == []


def test_keyed_must_equal_collected() -> None:
    election = counting_election(collected=5)
    key_all(election, {1: [1], 2: [2], 3: [3], 4: [4]})
    assert "1 trong 5 phiếu thu vào chưa được tổ nào nhập: 5." in blockers(election, S.RECONCILED)


def test_a_typist_keys_only_for_their_team_and_only_while_counting() -> None:
    election = counting_election()
    with pytest.raises(ActionRefused) as refused:
        do_key_ballot(election, team=2, serial=1, acting_user=typist("to1", 1))
    assert refused.value.codes == ["not_on_team"]
    with pytest.raises(PermissionDenied):
        do_key_ballot(election, team=1, serial=1, acting_user=staff())


def test_bad_lines_and_serials_are_refused_with_reasons() -> None:
    election = counting_election(issued=6, collected=5)
    with pytest.raises(ActionRefused) as refused:
        do_key_ballot(election, team=1, serial=6, crossed=[7], acting_user=typist("to1", 1))
    text = " ".join(refused.value.reasons)
    # Papers are numbered 1…5 by the board once the box is opened: 6 was issued, not collected.
    assert "Phiếu số 6 nằm ngoài các số ban kiểm phiếu đã đánh (1..5)." in text
    assert "[7]" in text
    assert refused.value.codes == ["bad_entry", "serial_range"]
    assert election.entries.count() == 0


def test_a_resent_entry_with_the_same_key_is_recorded_once() -> None:
    election = counting_election()
    first = do_key_ballot(
        election, team=1, serial=1, crossed=[2], acting_user=typist("to1", 1), idempotency_key="k-1"
    )
    again = do_key_ballot(
        election, team=1, serial=1, crossed=[2], acting_user=typist("to1", 1), idempotency_key="k-1"
    )
    assert first.pk == again.pk and election.entries.count() == 1
    with pytest.raises(ActionRefused):
        do_key_ballot(
            election,
            team=1,
            serial=2,
            crossed=[2],
            acting_user=typist("to1", 1),
            idempotency_key="k-1",
        )


def test_the_board_voids_a_reading_and_the_team_keys_it_again() -> None:
    election = counting_election()
    do_key_ballot(election, team=1, serial=1, crossed=[2], acting_user=typist("to1", 1))
    void = do_void_entry(
        election, serial=1, team=1, reason="Gõ nhầm số phiếu", acting_user=typist("truongban", None)
    )
    assert (void.action, void.keyed_by_name) == ("void", "truongban")
    assert 1 not in reconciliation(election).incomplete
    do_key_ballot(election, team=1, serial=1, crossed=[3], acting_user=typist("to1", 1))


def test_nothing_is_keyed_or_voided_outside_counting() -> None:
    election = draft_election()
    refused(
        ["not_counting"], do_key_ballot, election, team=1, serial=1, acting_user=typist("to1", 1)
    )
    refused(
        ["not_counting"],
        do_void_entry,
        election,
        serial=1,
        team=1,
        reason="thử",
        acting_user=typist("truongban", None),
    )


def test_only_the_board_voids_and_a_typist_is_not_a_decider() -> None:
    election = counting_election()
    do_key_ballot(election, team=1, serial=1, crossed=[2], acting_user=typist("to1", 1))
    denied(do_void_entry, election, serial=1, team=1, reason="thử", acting_user=staff())
    refused(
        ["not_decider"],
        do_void_entry,
        election,
        serial=1,
        team=1,
        reason="thử",
        acting_user=typist("to2", 2),
    )
