"""run_tally: count one election from a candidates CSV and a ballots CSV."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.lib.ballots import Reason, SurplusBallot, assess_surplus
from daihoi.lib.tallyfiles import TallyFileError, format_table, run_tally


def candidates_csv(*names: str) -> str:
    return "no,full_name\n" + "".join(f"{i},{name}\n" for i, name in enumerate(names, 1))


def ballots_csv(*rows: tuple[str, str, str]) -> str:
    """Rows of (crossed_out, void_lines, flags); ballots are numbered 1, 2, … in order."""
    body = "".join(f"{i},{c},{v},{f}\n" for i, (c, v, f) in enumerate(rows, 1))
    return "ballot_no,crossed_out,void_lines,flags\n" + body


THREE = candidates_csv("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")


def test_it_does_not_elect_with_five_votes_out_of_a_base_of_eleven_but_elects_with_six():
    # DOMAIN.md: 11 members, 10 present; the base stays 11, so 6 votes are needed.
    ballots = ballots_csv(
        *[("3", "", "")] * 5,  # An and Bình
        ("2 3", "", ""),  # An
        *[("1 2", "", "")] * 4,  # Cường
    )
    result = run_tally(THREE, ballots, seats=2, base=11)
    assert result == {
        "seats": 2,
        "base": 11,
        "needed": 6,
        "ballots": {
            "collected": 10,
            "valid": 10,
            "invalid": 0,
            "invalid_reasons": {
                "not_issued": 0,
                "more_than_seats": 0,
                "all_crossed": 0,
                "written_in": 0,
                "marked": 0,
            },
        },
        "candidates": [
            {
                "no": 1,
                "full_name": "Nguyễn Văn An",
                "votes": 6,
                "percent_of_base": 54.55,
                "percent_of_valid": 60.0,
                "elected": True,
            },
            {
                "no": 2,
                "full_name": "Trần Thị Bình",
                "votes": 5,
                "percent_of_base": 45.45,
                "percent_of_valid": 50.0,
                "elected": False,
            },
            {
                "no": 3,
                "full_name": "Lê Văn Cường",
                "votes": 4,
                "percent_of_base": 36.36,
                "percent_of_valid": 40.0,
                "elected": False,
            },
        ],
        "elected": [1],
        "tied": [],
        "seats_left": 1,
    }


def test_it_lists_exactly_the_candidates_tied_for_the_last_seat_in_a_surplus_election():
    four = candidates_csv("An", "Bình", "Cường", "Dung")
    ballots = ballots_csv(
        *[("3 4", "", "")] * 4,  # An, Bình
        *[("2 4", "", "")] * 4,  # An, Cường
        *[("1 4", "", "")] * 3,  # Bình, Cường
        ("1 2 3", "", ""),  # Dung
    )
    result = run_tally(four, ballots, seats=2, base=12)
    assert [c["votes"] for c in result["candidates"]] == [8, 7, 7, 1]
    assert result["needed"] == 7
    assert result["elected"] == [1]
    assert result["tied"] == [2, 3]
    # The tied contest the one seat left; no further round (bầu tiếp) is needed.
    assert result["seats_left"] == 0
    assert [c["elected"] for c in result["candidates"]] == [True, False, False, False]


def test_it_lists_elected_by_votes_descending_then_ballot_order():
    ballots = ballots_csv(*[("1", "", "")] * 3, ("2", "", ""))
    result = run_tally(THREE, ballots, seats=2, base=4)
    # Votes: An 1, Bình 3, Cường 4; Cường and Bình pass half of 4.
    assert [c["votes"] for c in result["candidates"]] == [1, 3, 4]
    assert result["elected"] == [3, 2]


def test_it_counts_a_no_surplus_ballot_with_void_lines_for_nobody_on_those_lines():
    ballots = ballots_csv(
        ("2", "", ""),  # agrees with An and Cường
        ("", "1", ""),  # line 1 both or neither ticked: Bình and Cường
        ("3", "1 2", ""),  # nobody, still valid
        ("1 2 3", "", ""),  # disagrees with all three: valid, votes for nobody
        ("", "", "marked"),  # invalid
        ("", "", ""),  # everyone
    )
    result = run_tally(THREE, ballots, seats=3, base=5)
    assert result["ballots"]["valid"] == 5
    assert result["ballots"]["invalid"] == 1
    assert result["ballots"]["invalid_reasons"]["marked"] == 1
    assert result["ballots"]["invalid_reasons"]["all_crossed"] == 0
    assert [c["votes"] for c in result["candidates"]] == [2, 2, 3]
    assert [c["percent_of_valid"] for c in result["candidates"]] == [40.0, 40.0, 60.0]
    assert result["elected"] == [3]
    assert result["seats_left"] == 2


def test_it_counts_each_invalid_ballot_once_under_the_first_reason_in_the_issues_order():
    ballots = ballots_csv(
        ("", "", "not_issued written_in marked"),  # also three names left for 2 seats
        ("", "", "marked written_in"),  # more_than_seats before the marks on the paper
        ("1 2 3", "", "written_in marked"),  # all_crossed before the marks
        ("3", "", "marked written_in"),  # written_in before marked
        ("3", "", "marked"),
        ("3", "", ""),  # valid
    )
    result = run_tally(THREE, ballots, seats=2, base=6)
    assert result["ballots"]["invalid_reasons"] == {
        "not_issued": 1,
        "more_than_seats": 1,
        "all_crossed": 1,
        "written_in": 1,
        "marked": 1,
    }
    assert (result["ballots"]["valid"], result["ballots"]["invalid"]) == (1, 5)
    assert result["ballots"]["collected"] == 6
    # ballots.py alone would file the second ballot under its private mark.
    paper = SurplusBallot(frozenset(), written_in=True, private_mark=True)
    assert assess_surplus(paper, 3, 2).reason is Reason.PRIVATE_MARK


def test_it_keeps_valid_a_ballot_with_fewer_names_left_than_seats():
    result = run_tally(THREE, ballots_csv(("1 2", "", "")), seats=2, base=1)
    assert result["ballots"]["valid"] == 1
    assert result["elected"] == [3]


@pytest.mark.parametrize("base", [1, 2, 10, 11, 12, 295, 1587])
def test_it_needs_base_integer_divided_by_two_plus_one_votes(base):
    result = run_tally(THREE, ballots_csv(), seats=2, base=base)
    assert result["needed"] == base // 2 + 1


def test_it_rounds_percentages_half_away_from_zero():
    # 1 of 800 is exactly 0.125%: half away from zero gives 0.13, not the banker's 0.12.
    result = run_tally(THREE, ballots_csv(("2 3", "", "")), seats=2, base=800)
    assert result["candidates"][0]["percent_of_base"] == 0.13
    assert result["candidates"][0]["percent_of_valid"] == 100.0


def test_it_gives_no_share_of_valid_ballots_when_none_are_valid():
    result = run_tally(THREE, ballots_csv(("", "", "not_issued")), seats=2, base=3)
    assert [c["percent_of_valid"] for c in result["candidates"]] == [None, None, None]
    assert result["seats_left"] == 2


def test_it_reads_utf8_with_a_byte_order_mark_and_candidates_in_any_row_order():
    cands = "\ufeffno,full_name\n2,Trần Thị Bình\n1,Nguyễn Văn An\n3,Lê Văn Cường\n"
    ballots = "\ufeff" + ballots_csv(("3", "", ""))
    result = run_tally(cands, ballots, seats=2, base=1)
    assert [c["full_name"] for c in result["candidates"]] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
    ]
    assert result["elected"] == [1, 2]


def test_it_skips_blank_lines_but_keeps_counting_them_in_row_numbers():
    ballots = "ballot_no,crossed_out,void_lines,flags\n1,3,,\n\n3,9,,\n"
    with pytest.raises(TallyFileError) as caught:
        run_tally(THREE, ballots, seats=2, base=3)
    assert (caught.value.row, caught.value.column) == (4, "crossed_out")


BAD_FILES = [
    # (what, candidates, ballots, seats, row, column)
    (
        "unknown candidate number",
        THREE,
        ballots_csv(("3", "", ""), ("4", "", "")),
        2,
        3,
        "crossed_out",
    ),
    (
        "duplicate ballot number",
        THREE,
        "ballot_no,crossed_out,void_lines,flags\n7,3,,\n7,2,,\n",
        2,
        3,
        "ballot_no",
    ),
    (
        "number crossed twice",
        THREE,
        ballots_csv(("3", "", ""), ("3 1 3", "", "")),
        2,
        3,
        "crossed_out",
    ),
    ("missing column", THREE, "ballot_no,crossed_out,void_lines\n1,3,\n", 2, 1, "flags"),
    ("missing candidate column", "no,name\n1,An\n", ballots_csv(), 1, 1, "full_name"),
    ("non-numeric crossed", THREE, ballots_csv(("3", "", ""), ("ba", "", "")), 2, 3, "crossed_out"),
    (
        "non-numeric ballot number",
        THREE,
        "ballot_no,crossed_out,void_lines,flags\nx1,3,,\n",
        2,
        2,
        "ballot_no",
    ),
    ("non-numeric candidate number", "no,full_name\n1,An\nhai,Bình\n", ballots_csv(), 1, 3, "no"),
    (
        "duplicate candidate number",
        "no,full_name\n1,An\n2,Bình\n1,Cường\n",
        ballots_csv(),
        2,
        4,
        "no",
    ),
    (
        "candidate numbers not 1..n",
        "no,full_name\n1,An\n2,Bình\n4,Cường\n",
        ballots_csv(),
        2,
        4,
        "no",
    ),
    ("candidate number zero", "no,full_name\n0,An\n1,Bình\n", ballots_csv(), 1, 2, "no"),
    ("empty name", "no,full_name\n1,An\n2,  \n", ballots_csv(), 1, 3, "full_name"),
    ("unknown flag", THREE, ballots_csv(("3", "", "marked stamped")), 2, 2, "flags"),
    ("void lines on a surplus ballot", THREE, ballots_csv(("3", "1", "")), 2, 2, "void_lines"),
    (
        "a void line also disagreed",
        THREE,
        ballots_csv(("", "", ""), ("2", "2", "")),
        3,
        3,
        "void_lines",
    ),
    ("extra cells", THREE, ballots_csv(("3", "", "")) + "2,3,,,surplus\n", 2, 3, None),
]


@pytest.mark.parametrize(
    ("candidates", "ballots", "seats", "row", "column"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_each_bad_file_stops_naming_the_row_and_column(candidates, ballots, seats, row, column):
    result = None
    with pytest.raises(TallyFileError) as caught:
        result = run_tally(candidates, ballots, seats=seats, base=10)
    assert result is None
    error = caught.value
    assert (error.row, error.column) == (row, column)
    prefix = f"Dòng {row}, cột «{column}»: " if column else f"Dòng {row}: "
    assert str(error).startswith(prefix)
    assert error.source == ("candidates" if candidates is not THREE else "ballots")


def test_it_names_the_earlier_row_of_a_duplicate():
    ballots = "ballot_no,crossed_out,void_lines,flags\n7,3,,\n8,3,,\n7,2,,\n"
    with pytest.raises(TallyFileError, match="trùng với dòng 2"):
        run_tally(THREE, ballots, seats=2, base=10)


@pytest.mark.parametrize(("seats", "base", "column"), [(0, 10, "--seats"), (2, 0, "--base")])
def test_it_refuses_seats_or_base_below_one(seats, base, column):
    with pytest.raises(TallyFileError) as caught:
        run_tally(THREE, ballots_csv(), seats=seats, base=base)
    assert caught.value.column == column
    assert caught.value.row is None
    assert caught.value.source is None


def test_it_refuses_an_empty_candidates_file():
    with pytest.raises(TallyFileError, match="không có ứng cử viên"):
        run_tally("no,full_name\n", ballots_csv(), seats=1, base=1)


def test_it_prints_a_readable_vietnamese_table():
    ballots = ballots_csv(*[("3", "", "")] * 5, ("2 3", "", ""), *[("1 2", "", "")] * 4)
    text = format_table(run_tally(THREE, ballots, seats=2, base=11))
    lines = text.splitlines()
    assert "trúng cử cần ít nhất 6 phiếu" in lines[0]
    an = next(line for line in lines if "Nguyễn Văn An" in line)
    assert "54,55%" in an
    assert an.endswith("✓")
    binh = next(line for line in lines if "Trần Thị Bình" in line)
    assert "45,45%" in binh
    assert "✓" not in binh
    assert "Còn 1 ghế chưa đủ người trúng cử: bầu tiếp." in lines


# Property: the order in which ballots are keyed does not change the result.


@st.composite
def elections(draw: st.DrawFn) -> tuple[str, list[str], int, int]:
    n = draw(st.integers(1, 5))
    seats = draw(st.integers(1, n))
    base = draw(st.integers(1, 30))
    numbers = list(range(1, n + 1))
    rows = []
    for ballot_no in draw(st.lists(st.integers(1, 999), unique=True, max_size=25)):
        crossed = draw(st.lists(st.sampled_from(numbers), unique=True))
        void: list[int] = []
        if seats == n:
            rest = [i for i in numbers if i not in crossed]
            void = draw(st.lists(st.sampled_from(rest), unique=True)) if rest else []
        flags = draw(st.lists(st.sampled_from(["not_issued", "written_in", "marked"]), unique=True))
        cells = [str(ballot_no), " ".join(map(str, crossed)), " ".join(map(str, void))]
        rows.append(",".join([*cells, " ".join(flags)]))
    names = candidates_csv(*(f"Ứng viên {i}" for i in numbers))
    return names, rows, seats, base


@settings(max_examples=200)
@given(elections(), st.randoms(use_true_random=False))
def test_shuffling_the_ballot_rows_gives_the_same_json(election, rng: random.Random):
    names, rows, seats, base = election
    header = "ballot_no,crossed_out,void_lines,flags\n"
    shuffled = list(rows)
    rng.shuffle(shuffled)
    first = run_tally(names, header + "\n".join(rows), seats, base)
    second = run_tally(names, header + "\n".join(shuffled), seats, base)
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    counts = first["ballots"]
    assert counts["collected"] == len(rows) == counts["valid"] + counts["invalid"]
    assert sum(counts["invalid_reasons"].values()) == counts["invalid"]
    assert all(c["votes"] <= counts["valid"] for c in first["candidates"])
