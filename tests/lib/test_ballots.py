import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from daihoi.lib.ballots import (
    Mark,
    NoSurplusBallot,
    Reason,
    SurplusBallot,
    assess,
    assess_no_surplus,
    assess_surplus,
    canonical,
    entries_agree,
)

# 13 candidates for 11 seats, as at the Thái Bình department committee congress.
CANDIDATES, SEATS = 13, 11


def crossing(*crossed: int, **paper: bool) -> SurplusBallot:
    return SurplusBallot(crossed_out=frozenset(crossed), **paper)


def test_it_accepts_a_ballot_with_exactly_as_many_names_left_as_seats():
    outcome = assess_surplus(crossing(0, 5), CANDIDATES, SEATS)
    assert outcome.valid
    assert outcome.reason is Reason.VALID
    assert outcome.votes_for == (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12)


def test_it_accepts_a_ballot_with_fewer_names_left_than_seats():
    outcome = assess_surplus(crossing(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), CANDIDATES, SEATS)
    assert outcome.valid
    assert outcome.votes_for == (10, 11, 12)


def test_it_rejects_a_ballot_with_more_names_than_seats():
    outcome = assess_surplus(crossing(0), CANDIDATES, SEATS)
    assert not outcome.valid
    assert outcome.reason is Reason.TOO_MANY_NAMES_LEFT
    assert outcome.votes_for == ()


def test_it_rejects_a_ballot_with_no_name_crossed_out_when_the_list_has_a_surplus():
    assert assess_surplus(crossing(), CANDIDATES, SEATS).reason is Reason.TOO_MANY_NAMES_LEFT


def test_it_rejects_a_ballot_with_every_name_crossed_out():
    outcome = assess_surplus(crossing(*range(CANDIDATES)), CANDIDATES, SEATS)
    assert outcome.reason is Reason.ALL_CROSSED_OUT


def test_it_accepts_crossing_out_the_only_name_on_a_one_name_list():
    outcome = assess_surplus(crossing(0), 1, 1)
    assert outcome.valid
    assert outcome.votes_for == ()


def test_it_rejects_a_ballot_the_counting_board_did_not_issue():
    outcome = assess_surplus(crossing(0, 5, issued=False), CANDIDATES, SEATS)
    assert outcome.reason is Reason.NOT_ISSUED


def test_it_rejects_a_ballot_with_a_name_written_in():
    outcome = assess_surplus(crossing(0, 5, written_in=True), CANDIDATES, SEATS)
    assert outcome.reason is Reason.NAME_WRITTEN_IN


def test_it_rejects_a_ballot_with_a_private_mark():
    outcome = assess_surplus(crossing(0, 5, private_mark=True), CANDIDATES, SEATS)
    assert outcome.reason is Reason.PRIVATE_MARK


def test_it_reports_a_missing_stamp_before_any_other_fault():
    ballot = crossing(issued=False, written_in=True, private_mark=True)
    assert assess_surplus(ballot, CANDIDATES, SEATS).reason is Reason.NOT_ISSUED


def test_it_refuses_crossings_outside_the_list():
    with pytest.raises(ValueError, match="13"):
        assess_surplus(crossing(13), CANDIDATES, SEATS)


def test_it_refuses_an_election_without_seats():
    with pytest.raises(ValueError):
        assess_surplus(crossing(), 3, 0)


def test_it_counts_only_agree_lines_on_a_no_surplus_ballot():
    ballot = NoSurplusBallot((Mark.AGREE, Mark.DISAGREE, Mark.AGREE))
    outcome = assess_no_surplus(ballot, 3, 3)
    assert outcome.valid
    assert outcome.votes_for == (0, 2)


def test_it_keeps_a_no_surplus_ballot_valid_when_a_line_has_both_or_neither_box_ticked():
    ballot = NoSurplusBallot((Mark.BOTH, Mark.AGREE, Mark.NEITHER))
    outcome = assess_no_surplus(ballot, 3, 3)
    assert outcome.valid
    assert outcome.votes_for == (1,)


def test_it_keeps_a_no_surplus_ballot_valid_when_every_line_is_disagree():
    ballot = NoSurplusBallot((Mark.DISAGREE,) * 3)
    outcome = assess_no_surplus(ballot, 3, 3)
    assert outcome.valid
    assert outcome.votes_for == ()


def test_it_rejects_a_no_surplus_ballot_with_a_private_mark():
    ballot = NoSurplusBallot((Mark.AGREE,) * 3, private_mark=True)
    assert assess_no_surplus(ballot, 3, 3).reason is Reason.PRIVATE_MARK


def test_it_rejects_a_no_surplus_ballot_without_the_stamp():
    ballot = NoSurplusBallot((Mark.AGREE,) * 3, issued=False)
    assert assess_no_surplus(ballot, 3, 3).reason is Reason.NOT_ISSUED


def test_it_rejects_an_agree_form_used_for_more_names_than_seats_with_too_many_agrees():
    ballot = NoSurplusBallot((Mark.AGREE,) * 4)
    assert assess_no_surplus(ballot, 4, 3).reason is Reason.TOO_MANY_NAMES_LEFT


def test_it_refuses_a_no_surplus_ballot_with_the_wrong_number_of_lines():
    with pytest.raises(ValueError, match="3 marks"):
        assess_no_surplus(NoSurplusBallot((Mark.AGREE,)), 3, 3)


def test_it_dispatches_on_the_ballot_form():
    assert assess(crossing(0, 5), CANDIDATES, SEATS).valid
    assert assess(NoSurplusBallot((Mark.AGREE,)), 1, 1).votes_for == (0,)


def test_it_writes_a_canonical_form_independent_of_keying_order():
    first = SurplusBallot(crossed_out=frozenset([5, 0]))
    second = SurplusBallot(crossed_out=frozenset([0, 5]))
    assert canonical(first) == canonical(second) == "S|100|0,5"


def test_it_writes_the_canonical_form_of_an_agree_ballot():
    ballot = NoSurplusBallot((Mark.AGREE, Mark.DISAGREE, Mark.BOTH, Mark.NEITHER))
    assert canonical(ballot) == "N|100|ADBN"


def test_it_needs_two_identical_entries_before_entries_agree():
    ballot = crossing(0, 5)
    assert not entries_agree([ballot])
    assert entries_agree([ballot, crossing(5, 0), crossing(0, 5)])
    assert not entries_agree([ballot, crossing(0, 5), crossing(0, 6)])


def test_it_tells_the_two_forms_apart_in_canonical_form():
    assert canonical(crossing()) != canonical(NoSurplusBallot(()))


# Property tests: one keying slip must always show up when entries are compared.

_FLAGS = ("issued", "written_in", "private_mark")


@st.composite
def surplus_ballots(draw: st.DrawFn) -> tuple[SurplusBallot, int]:
    size = draw(st.integers(min_value=1, max_value=40))
    crossed = draw(st.frozensets(st.integers(min_value=0, max_value=size - 1)))
    flags = {name: draw(st.booleans()) for name in _FLAGS}
    return SurplusBallot(crossed, **flags), size


@st.composite
def no_surplus_ballots(draw: st.DrawFn) -> NoSurplusBallot:
    marks = draw(st.lists(st.sampled_from(Mark), min_size=1, max_size=40))
    flags = {name: draw(st.booleans()) for name in _FLAGS}
    return NoSurplusBallot(tuple(marks), **flags)


@given(surplus_ballots(), st.data())
def test_it_detects_any_single_crossing_keyed_differently(drawn, data):
    ballot, size = drawn
    position = data.draw(st.integers(min_value=0, max_value=size - 1))
    slipped = SurplusBallot(
        ballot.crossed_out ^ {position}, ballot.issued, ballot.written_in, ballot.private_mark
    )
    assert canonical(slipped) != canonical(ballot)
    assert not entries_agree([ballot, slipped])


@given(surplus_ballots(), st.sampled_from(_FLAGS))
def test_it_detects_any_paper_fact_keyed_differently(drawn, flag):
    ballot, _ = drawn
    facts = {name: getattr(ballot, name) for name in _FLAGS}
    facts[flag] = not facts[flag]
    slipped = SurplusBallot(ballot.crossed_out, **facts)
    assert canonical(slipped) != canonical(ballot)


@given(no_surplus_ballots(), st.data())
def test_it_detects_any_single_agree_line_keyed_differently(ballot, data):
    line = data.draw(st.integers(min_value=0, max_value=len(ballot.marks) - 1))
    other = data.draw(st.sampled_from(Mark))
    assume(other is not ballot.marks[line])
    marks = list(ballot.marks)
    marks[line] = other
    slipped = NoSurplusBallot(tuple(marks), ballot.issued, ballot.written_in, ballot.private_mark)
    assert canonical(slipped) != canonical(ballot)


@given(surplus_ballots())
def test_it_always_returns_votes_from_the_list_and_only_on_valid_ballots(drawn):
    ballot, size = drawn
    seats = max(1, size - 2)
    outcome = assess_surplus(ballot, size, seats)
    assert all(0 <= i < size for i in outcome.votes_for)
    assert outcome.valid or outcome.votes_for == ()
    assert len(outcome.votes_for) <= seats
