from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.percent import format_percent, percent


def test_it_rounds_half_up_to_two_decimals():
    assert percent(Fraction(1, 8)) == Decimal("12.50")
    assert percent(Fraction(1, 40000)) == Decimal("0.00")
    assert percent(Fraction(1, 20000)) == Decimal("0.01")


def test_it_rounds_negative_halves_away_from_zero():
    assert percent(Fraction(-1, 20000)) == Decimal("-0.01")


def test_it_writes_a_percent_sign_and_fixed_decimals():
    assert format_percent(Fraction(2, 11)) == "18.18%"
    assert format_percent(Fraction(1)) == "100.00%"
    assert format_percent(Fraction(2, 3), places=0) == "67%"


def test_it_refuses_negative_places():
    with pytest.raises(ValueError):
        percent(Fraction(1, 2), places=-1)


@given(st.fractions(min_value=-10, max_value=10), st.integers(0, 6))
def test_it_is_never_more_than_half_a_unit_away(ratio, places):
    shown = Fraction(percent(ratio, places))
    assert abs(shown - ratio * 100) <= Fraction(1, 2 * 10**places)
