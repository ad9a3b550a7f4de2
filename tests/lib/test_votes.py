from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.votes import (
    RULES,
    CountProblem,
    Denominator,
    MajorityRule,
    count_problems,
    decide,
    least_above,
)

HALF_PRESENT = RULES["present_half"]
HALF_SUMMONED = RULES["summoned_half"]
TWO_THIRDS = RULES["present_two_thirds"]


def test_more_than_half_of_300_present_needs_151():
    assert decide(150, 150, 0, present=300, summoned=350, rule=HALF_PRESENT).adopted is False
    assert decide(151, 149, 0, present=300, summoned=350, rule=HALF_PRESENT).adopted is True


def test_more_than_half_of_an_odd_hall_needs_the_next_integer():
    assert least_above(Fraction(1, 2), 301) == 151
    assert decide(150, 0, 0, present=301, summoned=301, rule=HALF_PRESENT).adopted is False


def test_the_resolution_counts_against_those_summoned_not_present():
    # 350 summoned, 240 present: 170 agreeing is most of the hall but not of the congress.
    outcome = decide(170, 50, 20, present=240, summoned=350, rule=HALF_SUMMONED)
    assert (outcome.adopted, outcome.needed, outcome.denominator) == (False, 176, 350)
    assert decide(176, 44, 20, present=240, summoned=350, rule=HALF_SUMMONED).adopted


def test_at_least_two_thirds_includes_the_exact_edge():
    assert least_above(Fraction(2, 3), 300, strict=False) == 200
    assert decide(200, 100, 0, present=300, summoned=300, rule=TWO_THIRDS).adopted
    assert not decide(199, 101, 0, present=300, summoned=300, rule=TWO_THIRDS).adopted


def test_more_votes_than_present_is_a_problem():
    assert count_problems(200, 100, 1, present=300) == [CountProblem.MORE_THAN_PRESENT]
    assert count_problems(200, 100, 0, present=300) == []
    with pytest.raises(ValueError, match="more_than_present"):
        decide(301, 0, 0, present=300, summoned=350, rule=HALF_PRESENT)


def test_negative_and_empty_counts_are_problems():
    assert count_problems(-1, 0, 0, present=10) == [CountProblem.NEGATIVE]
    assert count_problems(0, 0, 0, present=10) == [CountProblem.NONE_COUNTED]


def test_a_share_outside_zero_and_one_is_refused():
    with pytest.raises(ValueError):
        MajorityRule(Fraction(3, 2), Denominator.PRESENT)


def test_nobody_present_adopts_nothing():
    assert least_above(Fraction(1, 2), 0) == 1


@given(st.fractions(min_value=0, max_value=1), st.integers(0, 5000), st.booleans())
def test_the_least_number_is_exactly_the_edge(share, total, strict):
    n = least_above(share, total, strict)

    def passes(k: int) -> bool:
        return k > share * total if strict else k >= share * total

    assert passes(n)
    assert n == 0 or not passes(n - 1)


@given(
    st.integers(0, 400),
    st.integers(0, 400),
    st.integers(0, 400),
    st.integers(1, 400),
    st.integers(0, 200),
    st.sampled_from(sorted(RULES)),
)
def test_a_decided_count_never_exceeds_the_hall(agree, disagree, abstain, present, extra, name):
    problems = count_problems(agree, disagree, abstain, present)
    if agree + disagree + abstain > present:
        assert problems == [CountProblem.MORE_THAN_PRESENT]
        return
    if problems:
        return
    rule = RULES[name]
    outcome = decide(agree, disagree, abstain, present=present, summoned=present + extra, rule=rule)
    # Adopted exactly when the share of agreement clears the rule's share.
    share = Fraction(agree, outcome.denominator)
    assert outcome.adopted == (share > rule.share if rule.strict else share >= rule.share)
