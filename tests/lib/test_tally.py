from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.ballots import BallotOutcome, Reason, SurplusBallot, assess_surplus
from daihoi.lib.tally import (
    DelegatesCongress,
    MembersCongress,
    Tie,
    count_ballots,
    decide,
    election_base,
    is_over_half,
    votes_needed,
)


def test_it_does_not_elect_with_five_votes_out_of_a_base_of_eleven():
    # 11 members, 10 present: the absent member has no accepted reason, so the base stays 11.
    base = election_base(MembersCongress(official_members=11))
    assert base == 11
    assert not is_over_half(5, base)
    assert is_over_half(6, base)
    assert votes_needed(base) == 6


def test_it_needs_more_than_half_not_half():
    assert not is_over_half(5, 10)
    assert votes_needed(10) == 6


def test_it_computes_the_base_of_a_delegates_congress():
    congress = DelegatesCongress(
        summoned=300, convening_committee_absent=2, delegates_absent_unreplaced=3
    )
    assert election_base(congress) == 295


def test_it_computes_the_base_of_a_members_congress():
    congress = MembersCongress(
        official_members=60,
        attached_elsewhere=4,
        exempt_and_absent=3,
        suspended_prosecuted_or_detained=1,
        absent_with_accepted_reason=2,
    )
    assert election_base(congress) == 50


def test_it_refuses_negative_attendance_figures():
    with pytest.raises(ValueError, match="negative"):
        election_base(DelegatesCongress(summoned=10, convening_committee_absent=-1))


def test_it_refuses_a_base_that_is_not_positive():
    with pytest.raises(ValueError, match="positive"):
        election_base(MembersCongress(official_members=3, attached_elsewhere=3))


def test_it_elects_the_candidate_with_six_votes_and_not_the_one_with_five():
    result = decide([6, 5], seats=2, base=11)
    assert result.elected == (0,)
    assert result.tie is None
    assert result.seats_left == 1
    assert not result.complete


def test_it_fills_the_seats_with_the_highest_among_those_over_half():
    result = decide([8, 10, 7, 9], seats=3, base=10)
    assert result.elected == (1, 3, 0)
    assert result.seats_left == 0
    assert result.complete
    assert [c.elected for c in result.candidates] == [True, True, False, True]


def test_it_calls_a_revote_among_exactly_the_candidates_tied_for_the_last_seat():
    result = decide([9, 8, 8, 3], seats=2, base=10)
    assert result.elected == (0,)
    assert result.tie == Tie(candidates=(1, 2), seats=1)
    assert result.seats_left == 0


def test_it_calls_a_revote_when_three_tie_for_the_last_two_seats():
    result = decide([2, 7, 9, 7, 7], seats=3, base=10)
    assert result.elected == (2,)
    assert result.tie == Tie(candidates=(1, 3, 4), seats=2)


def test_it_elects_equal_candidates_when_they_fit_in_the_seats():
    result = decide([9, 7, 7, 2], seats=3, base=10)
    assert result.elected == (0, 1, 2)
    assert result.tie is None


def test_it_ignores_a_tie_among_candidates_below_half():
    result = decide([9, 4, 4], seats=2, base=10)
    assert result.elected == (0,)
    assert result.tie is None
    assert result.seats_left == 1


def test_it_leaves_seats_for_a_further_round_when_too_few_pass_half():
    result = decide([6, 6, 5, 5], seats=3, base=11)
    assert result.elected == (0, 1)
    assert result.seats_left == 1


def test_it_shows_each_share_of_the_base_rounded_to_two_decimals():
    result = decide([6, 5], seats=1, base=11)
    first, second = result.candidates
    assert first.share_of_base == Fraction(6, 11)
    assert first.percent == Decimal("54.55")
    assert first.percent_text == "54.55%"
    assert second.percent_text == "45.45%"
    assert second.over_half is False


def test_it_refuses_nonsense_round_inputs():
    with pytest.raises(ValueError):
        decide([1], seats=0, base=3)
    with pytest.raises(ValueError):
        decide([1], seats=1, base=0)
    with pytest.raises(ValueError):
        decide([-1], seats=1, base=3)


def test_it_counts_only_valid_ballots_and_groups_the_invalid_by_reason():
    outcomes = [
        BallotOutcome(Reason.VALID, (0, 1)),
        BallotOutcome(Reason.VALID, (1,)),
        BallotOutcome(Reason.PRIVATE_MARK),
        BallotOutcome(Reason.NOT_ISSUED),
        BallotOutcome(Reason.PRIVATE_MARK),
    ]
    tally = count_ballots(outcomes, candidates=3)
    assert tally.votes == (1, 2, 0)
    assert (tally.valid, tally.invalid, tally.collected) == (2, 3, 5)
    assert tally.invalid_by_reason == ((Reason.NOT_ISSUED, 1), (Reason.PRIVATE_MARK, 2))


def test_it_refuses_a_vote_for_a_position_off_the_list():
    with pytest.raises(ValueError, match="position 3"):
        count_ballots([BallotOutcome(Reason.VALID, (3,))], candidates=3)


def test_it_runs_a_three_seat_election_from_ballots_to_result():
    # Four candidates for three seats, eleven members, ten ballots collected.
    papers = (
        [SurplusBallot(frozenset({3}))] * 5
        + [SurplusBallot(frozenset({2}))] * 3
        + [SurplusBallot(frozenset({0, 1}))]
        + [SurplusBallot(frozenset(), private_mark=True)]
    )
    tally = count_ballots((assess_surplus(p, 4, 3) for p in papers), candidates=4)
    assert tally.votes == (8, 8, 6, 4)
    assert (tally.valid, tally.invalid) == (9, 1)
    result = decide(tally.votes, seats=3, base=11)
    assert result.elected == (0, 1, 2)
    assert result.complete


# Property tests.

_OUTCOMES = st.one_of(
    st.sampled_from([r for r in Reason if r is not Reason.VALID]).map(BallotOutcome),
    st.sets(st.integers(min_value=0, max_value=5), max_size=6).map(
        lambda s: BallotOutcome(Reason.VALID, tuple(sorted(s)))
    ),
)


@given(st.lists(_OUTCOMES, max_size=60), st.randoms(use_true_random=False))
def test_it_gives_the_same_tally_whatever_order_the_ballots_are_counted_in(outcomes, rng):
    shuffled = list(outcomes)
    rng.shuffle(shuffled)
    assert count_ballots(shuffled, 6) == count_ballots(outcomes, 6)


@given(st.integers(0, 10_000), st.integers(1, 10_000), st.integers(0, 100))
def test_it_never_unelects_with_more_votes_or_a_smaller_base(votes, base, extra):
    if is_over_half(votes, base):
        assert is_over_half(votes + extra, base)
        assert is_over_half(votes, max(1, base - extra))


@given(st.integers(1, 10_000))
def test_it_names_the_smallest_winning_vote_count(base):
    needed = votes_needed(base)
    assert is_over_half(needed, base)
    assert not is_over_half(needed - 1, base)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[list[int], int, int]:
    base = draw(st.integers(1, 50))
    votes = draw(st.lists(st.integers(0, base), min_size=1, max_size=12))
    seats = draw(st.integers(1, 8))
    return votes, seats, base


@given(rounds())
def test_it_accounts_for_every_seat_exactly_once(drawn):
    votes, seats, base = drawn
    result = decide(votes, seats, base)
    tied_seats = result.tie.seats if result.tie else 0
    assert len(result.elected) + tied_seats + result.seats_left == seats
    assert result.seats_left >= 0


@given(rounds())
def test_it_elects_only_over_half_and_never_passes_over_a_higher_candidate(drawn):
    votes, seats, base = drawn
    result = decide(votes, seats, base)
    assert all(is_over_half(votes[i], base) for i in result.elected)
    losers = [v for i, v in enumerate(votes) if i not in result.elected]
    if result.elected and losers:
        assert min(votes[i] for i in result.elected) >= max(losers)
    if result.tie:
        levels = {votes[i] for i in result.tie.candidates}
        assert len(levels) == 1
        (level,) = levels
        assert len(result.tie.candidates) > result.tie.seats
        assert is_over_half(level, base)
        assert all(votes[i] > level for i in result.elected)
        assert sorted(v for v in votes if v == level) == [level] * len(result.tie.candidates)


@given(rounds(), st.randoms(use_true_random=False))
def test_it_decides_the_same_people_whatever_their_place_on_the_ballot(drawn, rng):
    votes, seats, base = drawn
    order = list(range(len(votes)))
    rng.shuffle(order)
    moved = decide([votes[i] for i in order], seats, base)
    original = decide(votes, seats, base)
    assert {order[i] for i in moved.elected} == set(original.elected)
    assert moved.seats_left == original.seats_left
    moved_tie = ({order[i] for i in moved.tie.candidates}, moved.tie.seats) if moved.tie else None
    original_tie = (set(original.tie.candidates), original.tie.seats) if original.tie else None
    assert moved_tie == original_tie


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_more_than_half_is_one_rule_for_elections_and_shows_of_hands(votes, base):
    # lib.votes states majorities as shares; its "more than half" must be this one.
    from daihoi.lib.votes import least_above

    assert least_above(Fraction(1, 2), base) == votes_needed(base)
    assert is_over_half(votes, base) == (votes >= votes_needed(base))
    assert is_over_half(votes, base) == (Fraction(votes, base) > Fraction(1, 2))
