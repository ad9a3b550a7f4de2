import datetime as dt
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.composition import (
    AgeRules,
    CheckCode,
    Person,
    Target,
    age_bands,
    age_on,
    check_composition,
    check_list_surplus,
    months_between,
    months_left,
    retirement_date,
    share_met,
)
from daihoi.lib.surplus import QD_190_2024, QD_244_2014, Body, ProblemCode, Stage

DAY = dt.date(2020, 5, 28)


def person(name="A", *, female=False, born=dt.date(1970, 1, 1), first=False, **kw):
    return Person(name, female, born, first, **kw)


def by_code(checks):
    return {c.code: c for c in checks}


def test_exactly_fifteen_percent_women_meets_the_target():
    people = [person(str(i), female=i < 3) for i in range(20)]
    women = by_code(check_composition(people, [Target("women", Fraction(15))], DAY))[
        CheckCode.WOMEN
    ]
    assert (women.count, women.total, women.met) == (3, 20, True)


def test_one_woman_short_of_fifteen_percent_does_not():
    people = [person(str(i), female=i < 2) for i in range(20)]
    women = by_code(check_composition(people, [Target("women", Fraction(15))], DAY))[
        CheckCode.WOMEN
    ]
    assert women.met is False


def test_a_birthday_on_the_reference_date_counts():
    assert age_on(dt.date(1980, 5, 28), DAY) == 40
    assert age_on(dt.date(1980, 5, 29), DAY) == 39
    bands = age_bands([person(born=dt.date(1980, 5, 28)), person(born=dt.date(1980, 5, 29))], DAY)
    assert (bands.under_40, bands.from_40_to_50) == (1, 1)


def test_fifty_is_in_the_middle_band_and_fifty_one_is_over():
    bands = age_bands([person(born=dt.date(1970, 5, 28)), person(born=dt.date(1969, 5, 28))], DAY)
    assert (bands.from_40_to_50, bands.over_50) == (1, 1)


def test_a_29_february_birthday_is_reached_on_1_march():
    assert age_on(dt.date(1960, 2, 29), dt.date(2020, 2, 28)) == 59
    assert age_on(dt.date(1960, 2, 29), dt.date(2021, 3, 1)) == 61


def test_the_thai_binh_list_of_13_for_11_is_adoptable_but_outside_the_preparation_range():
    check = check_list_surplus(13, 11, QD_190_2024, Body.COMMITTEE, Stage.PREPARATION)
    assert check.met is True
    assert check.surplus_problems == (ProblemCode.ABOVE_PREPARATION_RANGE,)


def test_surplus_above_thirty_percent_blocks_under_both_rule_sets():
    for rules in (QD_190_2024, QD_244_2014):
        assert check_list_surplus(13, 10, rules, Body.COMMITTEE, Stage.PREPARATION).met is True
        blocked = check_list_surplus(14, 10, rules, Body.COMMITTEE, Stage.PREPARATION)
        assert blocked.met is False and blocked.blocks


def test_no_surplus_blocks_a_committee_list():
    assert check_list_surplus(11, 11, QD_190_2024, Body.COMMITTEE, Stage.PREPARATION).blocks


def test_a_small_committee_allows_one_extra_and_not_two():
    for seats in (3, 4, 5):
        ok = check_list_surplus(seats + 1, seats, QD_190_2024, Body.COMMITTEE, Stage.PREPARATION)
        too_many = check_list_surplus(
            seats + 2, seats, QD_190_2024, Body.COMMITTEE, Stage.PREPARATION
        )
        assert ok.met is True
        assert too_many.blocks


def test_a_woman_in_the_standing_committee_is_looked_for_among_the_standing():
    people = [person("a", female=True), person("b", standing=True)]
    found = by_code(check_composition(people, [Target("woman-standing")], DAY))
    assert found[CheckCode.WOMAN_STANDING].met is False
    people.append(person("c", female=True, standing=True))
    found = by_code(check_composition(people, [Target("woman-standing")], DAY))
    assert found[CheckCode.WOMAN_STANDING].met is True


def test_the_age_cut_off_is_by_birth_month():
    rules = AgeRules(first_time_born_from=(1965, 9))
    inside = person("in", born=dt.date(1965, 9, 1), first=True)
    outside = person("out", born=dt.date(1965, 8, 31), first=True)
    check = by_code(check_composition([inside, outside], [], DAY, age_rules=rules))[
        CheckCode.AGE_CUTOFF
    ]
    assert check.names == ("out",) and check.blocks


def test_re_election_needs_48_months_and_a_first_timer_a_full_term():
    rules = AgeRules(
        retirement_months_male=60 * 12,
        retirement_months_female=60 * 12,
        first_time_min_months=60,
        reelection_min_months=48,
    )
    # Retires on 28/05/2024: exactly 48 months after the reference date.
    re_elected = person("re", born=dt.date(1964, 5, 28))
    late = person("late", born=dt.date(1964, 5, 27))
    first = person("first", born=dt.date(1964, 5, 28), first=True)
    check = by_code(check_composition([re_elected, late, first], [], DAY, age_rules=rules))[
        CheckCode.WORKING_TIME
    ]
    assert check.names == ("late", "first")


def test_months_left_is_zero_after_retirement():
    assert months_left(dt.date(1950, 1, 1), 60 * 12, DAY) == 0


def test_a_retirement_on_31_january_plus_a_month_is_the_end_of_february():
    assert retirement_date(dt.date(1960, 1, 31), 1) == dt.date(1960, 2, 29)


@given(st.integers(0, 200), st.integers(1, 200), st.integers(0, 100))
def test_share_met_agrees_with_exact_arithmetic(count, total, minimum):
    assert share_met(count, total, Fraction(minimum), None) == (count * 100 >= minimum * total)


@given(
    st.lists(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2000, 12, 31)), max_size=30)
)
def test_the_three_age_bands_add_up_to_everyone(births):
    bands = age_bands([person(born=b) for b in births], DAY)
    assert bands.under_40 + bands.from_40_to_50 + bands.over_50 + bands.unknown == len(births)


@given(st.dates(), st.dates())
def test_months_between_is_antisymmetric(a, b):
    assert months_between(a, b) == -months_between(b, a)
