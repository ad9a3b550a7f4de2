"""The quorum and majority rules: exact fractions, the edges at exactly two thirds."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.quorum import MORE_THAN_HALF, TWO_THIRDS, Rule


@pytest.mark.parametrize(
    ("present", "summoned", "met"),
    [
        (200, 300, True),  # exactly two thirds: "at least" is met
        (199, 300, False),
        (200, 301, False),  # 200.67 needed: 200 is short
        (201, 301, True),
        (2, 3, True),
        (1, 3, False),
        (0, 0, False),  # nobody summoned: no congress
    ],
)
def test_two_thirds_edges(present: int, summoned: int, met: bool) -> None:
    assert TWO_THIRDS.met(present, summoned) is met


def test_required_is_the_least_that_meets() -> None:
    assert TWO_THIRDS.required(300) == 200
    assert TWO_THIRDS.required(301) == 201
    assert TWO_THIRDS.required(302) == 202  # 201.33 → 202
    assert MORE_THAN_HALF.required(10) == 6
    assert MORE_THAN_HALF.required(11) == 6
    assert Rule(2, 3, strict=True).required(300) == 201


def test_a_rule_must_be_a_share() -> None:
    for bad in ((3, 2), (1, 0), (-1, 3)):
        with pytest.raises(ValueError, match="share"):
            Rule(*bad)


rules = st.builds(
    lambda d, n, s: Rule(n % (d + 1), d, s),
    st.integers(1, 20),
    st.integers(0, 40),
    st.booleans(),
)


@given(rules, st.integers(0, 5000), st.integers(1, 5000))
def test_met_agrees_with_fractions(rule: Rule, present: int, summoned: int) -> None:
    share = Fraction(present, summoned)
    target = Fraction(rule.numerator, rule.denominator)
    assert rule.met(present, summoned) is (share > target if rule.strict else share >= target)


@given(rules, st.integers(1, 5000))
def test_required_is_the_threshold(rule: Rule, summoned: int) -> None:
    need = rule.required(summoned)
    if need <= summoned:
        assert rule.met(need, summoned)
    if need >= 1:
        assert not rule.met(need - 1, summoned)
