import datetime as dt
import zoneinfo
from decimal import Decimal
from fractions import Fraction

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from daihoi.core.numbers import (
    local_int,
    local_percent,
    local_share,
    vn_date,
    vn_datetime,
    vn_int,
    vn_percent,
    vn_share,
)
from daihoi.lib.percent import percent


def test_it_groups_thousands_with_dots():
    assert vn_int(1333) == "1.333"
    assert vn_int(5258906) == "5.258.906"
    assert vn_int(999) == "999"
    assert vn_int(-1000) == "-1.000"


def test_it_writes_a_percentage_with_a_decimal_comma():
    assert vn_percent(Decimal("48.5")) == "48,5%"
    assert vn_percent(97.85, 2) == "97,85%"
    assert vn_percent(Decimal("100")) == "100,0%"
    assert vn_percent(None) == "—"
    assert vn_percent(None, empty="–") == "–"


def test_it_rounds_a_figure_half_away_from_zero():
    assert vn_percent(Decimal("12.345"), 2) == "12,35%"
    assert vn_percent(Decimal("-12.345"), 2) == "-12,35%"
    # A float is read by its shortest repr, not its binary expansion (2.675 is 2.67499…).
    assert vn_percent(2.675, 2) == "2,68%"


def test_it_writes_a_share_with_the_rounding_of_lib_percent():
    assert vn_share(2, 11) == "18,18%"
    assert vn_share(1, 32) == "3,13%"
    assert vn_share(97, 200, 1) == "48,5%"
    assert vn_share(0, 0) == "—"
    assert vn_share(0, 0, empty="–") == "–"


def test_it_writes_days_day_first():
    assert vn_date(dt.date(2020, 5, 25)) == "25/05/2020"


def test_it_writes_an_instant_in_vietnam_time(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    at = dt.datetime(2020, 5, 25, 1, 30, tzinfo=dt.UTC)
    assert vn_datetime(at) == "25/05/2020 08:30:00"
    assert vn_datetime(at.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))) == "25/05/2020 08:30:00"


def test_local_figures_follow_the_language():
    with translation.override("vi"):
        assert local_int(5258906) == "5.258.906"
        assert local_percent(Fraction(2, 11)) == "18,18%"
        assert local_percent(54.55) == "54,55%"
        assert local_share(97, 200, 1) == "48,5%"
    with translation.override("en"):
        assert local_int(5258906) == "5,258,906"
        assert local_percent(Fraction(2, 11)) == "18.18%"
        assert local_percent(Decimal("54.55")) == "54.55%"
        assert local_share(97, 200, 1) == "48.5%"


def test_local_figures_show_a_dash_for_nothing():
    assert local_int(None) == "–"
    assert local_percent(None) == "–"
    assert local_share(3, 0) == "–"


def test_a_ratio_of_zero_keeps_its_decimals():
    with translation.override("vi"):
        assert local_percent(Fraction(0), 2) == "0,00%"
        assert local_percent(Fraction(1, 3), 0) == "33%"
    assert vn_share(0, 7) == "0,00%"


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_every_writing_of_a_share_shows_the_same_digits(part, whole):
    exact = percent(Fraction(part, whole), 2)
    vietnamese = vn_share(part, whole)
    assert vietnamese == f"{exact:.2f}".replace(".", ",") + "%"
    with translation.override("vi"):
        assert local_share(part, whole, 2).replace(".", "") == vietnamese
    with translation.override("en"):
        assert local_share(part, whole, 2).replace(",", "") == f"{exact:.2f}%"
    # A share printed and read back as a figure in percent prints the same.
    assert vn_percent(exact, 2) == vietnamese


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouping_drops_nothing(value):
    assert int(vn_int(value).replace(".", "")) == value
    assert all(len(group) == 3 for group in vn_int(abs(value)).split(".")[1:])
