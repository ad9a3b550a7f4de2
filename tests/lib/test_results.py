"""What a held congress must report, and whether a report's figures hold together with its list."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.results import (
    STANDING_FROM,
    Figures,
    Member,
    Missing,
    Post,
    Recorded,
    counted,
    missing,
    report_problems,
)

COMPLETE = Recorded(
    committee=15, without_age=0, standing=5, secretaries=1, delegates=4, needs_delegates=True
)


def _with(**changes: object) -> Recorded:
    return Recorded(**{**COMPLETE.__dict__, **changes})  # type: ignore[arg-type]


def test_a_complete_record_lacks_nothing() -> None:
    assert missing(COMPLETE) == []


def test_each_missing_piece_is_named_by_its_code() -> None:
    assert missing(_with(committee=0, standing=0)) == [Missing.NO_COMMITTEE]
    assert missing(_with(without_age=2)) == [Missing.COMPOSITION_INCOMPLETE]
    assert missing(_with(standing=0)) == [Missing.NO_STANDING]
    assert missing(_with(secretaries=0)) == [Missing.NO_SECRETARY]
    assert missing(_with(delegates=0)) == [Missing.NO_DELEGATES]


def test_a_small_committee_needs_no_standing_committee_and_a_top_unit_no_delegates() -> None:
    small = _with(committee=STANDING_FROM - 1, standing=0, delegates=0, needs_delegates=False)
    assert missing(small) == []
    assert missing(_with(committee=STANDING_FROM, standing=0)) == [Missing.NO_STANDING]


def member(row: int, **facts: object) -> Member:
    values: dict[str, object] = {
        "name": f"Người {row}",
        "female": False,
        "age": 45,
        "ethnic_minority": False,
        "first_time": False,
        "standing": False,
        "post": Post.MEMBER,
    }
    values.update(facts)
    return Member(row=row, **values)  # type: ignore[arg-type]


THREE = [member(2, post=Post.SECRETARY, female=True), member(3, age=35), member(4)]
FIGURES = Figures(members=3, women=1, first_time=0, ethnic_minority=0, under_40=1, standing=0)


def codes(figures: Figures, committee: list[Member], delegates: int = 1) -> list[str]:
    return [p.code for p in report_problems(figures, committee, delegates, needs_delegates=True)]


def test_a_report_whose_figures_match_its_list_is_accepted() -> None:
    assert counted(THREE) == FIGURES
    assert codes(FIGURES, THREE) == []


def test_more_women_than_members_is_refused_naming_the_figure() -> None:
    problems = report_problems(Figures(3, 5, 0, 0, 1, 0), THREE, 1, needs_delegates=True)
    assert [(p.code, p.figure, p.declared, p.counted) for p in problems] == [
        ("figure_exceeds_members", "women", 5, 3)
    ]


def test_figures_that_differ_from_the_list_are_refused_each_by_name() -> None:
    problems = report_problems(Figures(4, 0, 0, 0, 1, 0), THREE, 1, needs_delegates=True)
    assert [(p.code, p.figure) for p in problems] == [
        ("members_mismatch", "members"),
        ("figure_mismatch", "women"),
    ]


def test_the_secretary_is_one_member_and_sits_in_the_standing_committee() -> None:
    none = [member(2), member(3)]
    assert codes(Figures(2, 0, 0, 0, 0, 0), none) == ["no_secretary"]
    two = [member(2, post=Post.SECRETARY), member(3, post=Post.SECRETARY)]
    problems = report_problems(Figures(2, 0, 0, 0, 0, 0), two, 1, needs_delegates=True)
    assert [(p.code, p.rows) for p in problems] == [("two_secretaries", (2, 3))]
    outside = [member(2, post=Post.SECRETARY), member(3, standing=True)]
    problems = report_problems(Figures(2, 0, 0, 0, 0, 1), outside, 1, needs_delegates=True)
    assert [(p.code, p.rows) for p in problems] == [("leader_not_standing", (2,))]


def test_nine_members_need_a_standing_committee() -> None:
    nine = [member(i + 2, post=Post.SECRETARY if i == 0 else Post.MEMBER) for i in range(9)]
    assert codes(counted(nine), nine) == ["no_standing"]


def test_delegates_are_required_only_where_there_is_a_higher_congress() -> None:
    assert codes(FIGURES, THREE, delegates=0) == ["no_delegates"]
    problems = report_problems(FIGURES, THREE, 2, needs_delegates=False)
    assert [p.code for p in problems] == ["no_higher_congress"]
    assert report_problems(FIGURES, THREE, 0, needs_delegates=False) == []


@given(
    st.lists(
        st.builds(
            member,
            st.integers(2, 500),
            female=st.booleans(),
            age=st.integers(18, 80),
            ethnic_minority=st.booleans(),
            first_time=st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_the_figures_counted_from_a_list_never_disagree_with_it(members: list[Member]) -> None:
    members[0] = member(members[0].row, post=Post.SECRETARY)
    problems = report_problems(counted(members), members, 1, needs_delegates=True)
    assert not [p for p in problems if p.code.startswith(("figure", "members"))]
