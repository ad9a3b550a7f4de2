from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.surplus import (
    QD_190_2024,
    QD_244_2014,
    RULE_SETS,
    Body,
    ProblemCode,
    Stage,
    check_surplus,
    surplus,
    surplus_text,
)


def codes(candidates, seats, stage, body=Body.COMMITTEE, rules=QD_190_2024):
    return [p.code for p in check_surplus(candidates, seats, rules, stage, body)]


def test_it_computes_the_thai_binh_surplus_of_13_candidates_for_11_seats():
    assert surplus(13, 11) == Fraction(2, 11)
    assert surplus_text(13, 11) == "18.18%"


def test_it_shows_no_surplus_as_zero_percent():
    assert surplus_text(11, 11) == "0.00%"


def test_it_refuses_an_election_without_seats():
    with pytest.raises(ValueError):
        surplus(3, 0)


def test_it_accepts_the_thai_binh_list_at_the_congress():
    assert codes(13, 11, Stage.CONGRESS, rules=QD_244_2014) == []
    assert codes(13, 11, Stage.CONGRESS) == []


def test_it_flags_a_committee_list_without_surplus():
    assert codes(11, 11, Stage.CONGRESS) == [ProblemCode.NO_SURPLUS]


def test_it_flags_a_standing_committee_list_without_surplus():
    assert codes(7, 7, Stage.CONGRESS, Body.STANDING_COMMITTEE) == [ProblemCode.NO_SURPLUS]


def test_it_allows_a_secretary_list_without_surplus():
    assert codes(1, 1, Stage.CONGRESS, Body.SECRETARY) == []


def test_it_flags_a_list_too_short_to_fill_the_seats():
    assert codes(10, 11, Stage.CONGRESS) == [ProblemCode.FEWER_CANDIDATES_THAN_SEATS]
    assert codes(0, 1, Stage.CONGRESS, Body.SECRETARY) == [ProblemCode.FEWER_CANDIDATES_THAN_SEATS]


def test_it_flags_a_surplus_above_thirty_percent():
    assert codes(15, 11, Stage.CONGRESS) == [ProblemCode.ABOVE_CONGRESS_LIMIT]


def test_it_accepts_a_surplus_of_exactly_thirty_percent():
    assert codes(26, 20, Stage.CONGRESS) == []


def test_it_accepts_a_prepared_surplus_between_ten_and_fifteen_percent():
    assert codes(22, 20, Stage.PREPARATION) == []
    assert codes(23, 20, Stage.PREPARATION) == []


def test_it_flags_a_prepared_surplus_below_ten_percent_and_names_what_fits():
    problems = check_surplus(21, 20, QD_190_2024, Stage.PREPARATION)
    assert [p.code for p in problems] == [ProblemCode.BELOW_PREPARATION_RANGE]
    assert "5.00%" in problems[0].message
    assert "2, 3 extra" in problems[0].message


def test_it_flags_a_prepared_surplus_above_fifteen_percent():
    assert codes(24, 20, Stage.PREPARATION) == [ProblemCode.ABOVE_PREPARATION_RANGE]


def test_it_explains_when_no_whole_number_of_people_fits_the_prepared_range():
    problems = check_surplus(13, 11, QD_190_2024, Stage.PREPARATION)
    assert [p.code for p in problems] == [ProblemCode.ABOVE_PREPARATION_RANGE]
    assert "No whole number" in problems[0].message
    assert "18.18%" in problems[0].message


def test_it_leaves_the_prepared_range_to_committee_lists():
    assert codes(24, 20, Stage.PREPARATION, Body.DELEGATES) == []


def test_it_allows_one_extra_on_a_committee_of_three_to_five():
    assert codes(4, 3, Stage.CONGRESS) == []
    assert codes(6, 5, Stage.PREPARATION) == []


def test_it_flags_two_extra_on_a_committee_of_five():
    assert codes(7, 5, Stage.CONGRESS) == [ProblemCode.SMALL_BODY_TOO_MANY_EXTRA]


def test_it_keeps_both_regulations_as_separate_entries():
    assert RULE_SETS["190-QĐ/TW"] is QD_190_2024
    assert RULE_SETS["244-QĐ/TW"] is QD_244_2014
    assert QD_244_2014.year == 2014


@given(st.integers(0, 400), st.integers(1, 300), st.sampled_from(Stage), st.sampled_from(Body))
def test_it_flags_every_list_with_fewer_candidates_than_seats(candidates, seats, stage, body):
    problems = check_surplus(candidates, seats, QD_190_2024, stage, body)
    assert (candidates < seats) == (
        ProblemCode.FEWER_CANDIDATES_THAN_SEATS in [p.code for p in problems]
    )
    assert all(p.message for p in problems)


@given(st.integers(6, 300), st.integers(0, 300))
def test_it_never_accepts_a_congress_list_above_thirty_percent(seats, extra):
    problems = codes(seats + extra, seats, Stage.CONGRESS)
    assert (ProblemCode.ABOVE_CONGRESS_LIMIT in problems) == (
        Fraction(extra, seats) > Fraction(3, 10)
    )


def test_every_kind_of_election_fills_a_known_body():
    from daihoi.elections.models import ElectionKind
    from daihoi.lib.surplus import BODY_OF_KIND, body_of_kind

    assert set(BODY_OF_KIND) == set(ElectionKind.values)
    assert body_of_kind(ElectionKind.DEPUTY) is Body.SECRETARY
    assert body_of_kind(ElectionKind.ALTERNATES) is Body.DELEGATES
    assert body_of_kind("unknown") is Body.COMMITTEE


def _explain(code, candidates, seats, rules=QD_190_2024):
    from daihoi.lib.percent import format_percent
    from daihoi.lib.surplus import explain

    def percent(ratio, places):
        return format_percent(ratio, places).replace(".", ",")

    return explain(code, candidates, seats, rules, translate=str, percent=percent)


def test_it_explains_each_problem_with_the_figures_of_the_rule_set():
    assert _explain(ProblemCode.SMALL_BODY_TOO_MANY_EXTRA, 5, 3) == (
        "Cấp ủy từ 3 đến 5 người chỉ được dư tối đa 1 người (190-QĐ/TW)."
    )
    assert _explain(ProblemCode.ABOVE_CONGRESS_LIMIT, 14, 10) == (
        "Số dư 40,00% vượt mức tối đa 30% mà 190-QĐ/TW cho phép đại hội quyết định."
    )
    assert _explain(ProblemCode.ABOVE_PREPARATION_RANGE, 13, 11, QD_244_2014) == (
        "Cao hơn mức 10%–15% cấp ủy triệu tập chuẩn bị (không bắt buộc; "
        "đại hội quyết định số dư đến 30%)."
    )


def test_it_translates_the_message_before_filling_it_in():
    from daihoi.lib.surplus import MESSAGES, explain

    seen = []

    def translate(message):
        seen.append(message)
        return "%(document)s"

    text = explain(
        ProblemCode.NO_SURPLUS, 11, 11, QD_190_2024, translate=translate, percent=lambda r, p: ""
    )
    assert text == "190-QĐ/TW" and seen == [MESSAGES[ProblemCode.NO_SURPLUS]]


@given(st.integers(0, 400), st.integers(1, 300), st.sampled_from(Stage), st.sampled_from(Body))
def test_every_problem_found_has_a_sentence(candidates, seats, stage, body):
    for problem in check_surplus(candidates, seats, QD_190_2024, stage, body):
        text = _explain(problem.code, candidates, seats)
        assert text and "%(" not in text


@given(st.integers(1990, 2100))
def test_a_term_follows_the_latest_regulation_issued_before_it_starts(term_start):
    from daihoi.lib.surplus import rules_for_term

    expected = QD_190_2024 if term_start >= 2025 else QD_244_2014
    assert rules_for_term(term_start) is expected
