"""Count one election from a candidates CSV and a ballots CSV, as `daihoi tally` does.

The candidates file has the columns `no,full_name` (`no` is the line on the printed
ballot, 1…n). The ballots file has `ballot_no,crossed_out,void_lines,flags`: the numbers
crossed out (or ticked "không đồng ý"), the lines of a no-surplus ballot ticked in both
boxes or in neither, and any of the flags `not_issued written_in marked`. Lists are
space-separated. The form has no surplus exactly when there are as many candidates as
seats. Bad files raise `TallyFileError` naming the row and column; nothing is counted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from daihoi.lib.ballots import (
    BallotOutcome,
    Mark,
    NoSurplusBallot,
    Reason,
    SurplusBallot,
    assess,
)
from daihoi.lib.percent import percent
from daihoi.lib.tally import count_ballots, decide, votes_needed
from daihoi.lib.text import clean

__all__ = [
    "BALLOT_COLUMNS",
    "CANDIDATE_COLUMNS",
    "FLAGS",
    "INVALID_REASONS",
    "TallyFileError",
    "format_table",
    "run_tally",
]

CANDIDATE_COLUMNS = ("no", "full_name")
BALLOT_COLUMNS = ("ballot_no", "crossed_out", "void_lines", "flags")
FLAGS = ("not_issued", "written_in", "marked")

# The order in which a spoilt ballot is classified: it counts once, under the first
# reason that applies. This is the order of the output, and deliberately not the order
# ballots.py uses (which puts the marks on the paper before the names left on it).
INVALID_REASONS = ("not_issued", "more_than_seats", "all_crossed", "written_in", "marked")

_REASON_OF = {
    "not_issued": Reason.NOT_ISSUED,
    "more_than_seats": Reason.TOO_MANY_NAMES_LEFT,
    "all_crossed": Reason.ALL_CROSSED_OUT,
    "written_in": Reason.NAME_WRITTEN_IN,
    "marked": Reason.PRIVATE_MARK,
}
_NAME_OF = {reason: name for name, reason in _REASON_OF.items()}

_REASON_TEXT = {
    "not_issued": "không do ban kiểm phiếu phát ra",
    "more_than_seats": "để lại nhiều tên hơn số ghế",
    "all_crossed": "gạch hết tên",
    "written_in": "ghi thêm tên",
    "marked": "có dấu hiệu riêng",
}


class TallyFileError(ValueError):
    """Say which row and column of an input file is wrong, in Vietnamese."""

    def __init__(
        self, row: int | None, column: str | None, message: str, *, source: str | None = None
    ) -> None:
        self.row = row
        self.column = column
        self.message = message
        # Which input the row is in: "candidates", "ballots", or None for the options.
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.column is not None:
            where.append(f"cột «{self.column}»" if where else f"Cột «{self.column}»")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True, slots=True)
class _Row:
    """One data row: its line in the file (the header is line 1) and its cells."""

    line: int
    cells: dict[str, str]


def _read(text: str, columns: Sequence[str], what: str) -> list[_Row]:
    """Parse CSV text whose header must name `columns`; skip blank lines."""
    text = text.removeprefix("\ufeff")
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise TallyFileError(None, None, f"Tệp {what} không đọc được như CSV: {exc}") from exc
    if not table or not any(cell.strip() for cell in table[0]):
        raise TallyFileError(1, None, f"Tệp {what} không có dòng tiêu đề ({','.join(columns)}).")
    header = [cell.strip() for cell in table[0]]
    for name in header:
        if name and header.count(name) > 1:
            raise TallyFileError(1, name, "Cột này có hai lần trong dòng tiêu đề.")
    for name in columns:
        if name not in header:
            raise TallyFileError(
                1,
                name,
                f"Thiếu cột này; tiêu đề của tệp {what} phải là {','.join(columns)}.",
            )
    index = {name: header.index(name) for name in columns}
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            raise TallyFileError(
                line, None, f"Có {len(cells)} ô, nhiều hơn {len(header)} cột của tiêu đề."
            )
        values = {name: cells[i].strip() if i < len(cells) else "" for name, i in index.items()}
        rows.append(_Row(line, values))
    return rows


def _number(text: str, row: int, column: str) -> int:
    """Read a positive whole number written in digits."""
    if not text:
        raise TallyFileError(row, column, "Ô này trống; cần một số.")
    if not text.isascii() or not text.isdigit():
        raise TallyFileError(row, column, f"«{text}» không phải là số.")
    value = int(text)
    if value < 1:
        raise TallyFileError(row, column, f"Số phải từ 1 trở lên, nhận «{text}».")
    return value


def _numbers(text: str, row: int, column: str, candidates: int) -> frozenset[int]:
    """Read space-separated candidate numbers, each once and each on the list."""
    seen: set[int] = set()
    for token in text.split():
        value = _number(token, row, column)
        if value > candidates:
            raise TallyFileError(
                row, column, f"Không có ứng cử viên số {value} (danh sách có {candidates} người)."
            )
        if value in seen:
            raise TallyFileError(row, column, f"Số {value} được ghi hai lần trên cùng một phiếu.")
        seen.add(value)
    return frozenset(seen)


def _candidates(text: str) -> list[str]:
    """Return the full names in ballot order, checking the numbers are exactly 1…n."""
    rows = _read(text, CANDIDATE_COLUMNS, "ứng cử viên")
    if not rows:
        raise TallyFileError(None, None, "Tệp ứng cử viên không có ứng cử viên nào.")
    names: dict[int, str] = {}
    first_line: dict[int, int] = {}
    for row in rows:
        no = _number(row.cells["no"], row.line, "no")
        if no in names:
            raise TallyFileError(row.line, "no", f"Số thứ tự {no} trùng với dòng {first_line[no]}.")
        if no > len(rows):
            raise TallyFileError(
                row.line,
                "no",
                f"Số thứ tự phải từ 1 đến {len(rows)} (số ứng cử viên), nhận {no}.",
            )
        name = clean(row.cells["full_name"])
        if not name:
            raise TallyFileError(row.line, "full_name", "Thiếu họ và tên.")
        names[no] = name
        first_line[no] = row.line
    # n distinct numbers, each between 1 and n: they are exactly 1…n.
    return [names[no] for no in range(1, len(rows) + 1)]


def _reasons(
    flags: frozenset[str], crossed: int, candidates: int, seats: int, surplus: bool
) -> list[str]:
    """List every reason that voids a ballot, in the order of INVALID_REASONS."""
    applies = {
        "not_issued": "not_issued" in flags,
        # On a no-surplus form the names left can never outnumber the seats, and
        # ticking "không đồng ý" for everyone is a valid vote against them all.
        "more_than_seats": surplus and candidates - crossed > seats,
        "all_crossed": surplus and candidates > 1 and crossed == candidates,
        "written_in": "written_in" in flags,
        "marked": "marked" in flags,
    }
    return [name for name in INVALID_REASONS if applies[name]]


def judge_ballot(
    crossed: frozenset[int],
    void: frozenset[int],
    flags: frozenset[str],
    candidates: int,
    seats: int,
) -> BallotOutcome:
    """Judge one keyed ballot; numbers are ballot lines from 1, flags as in FLAGS.

    The form is no-surplus exactly when there are as many candidates as seats.
    An invalid ballot carries the first reason in the order of INVALID_REASONS.
    """
    surplus = candidates != seats
    paper = {
        "issued": "not_issued" not in flags,
        "written_in": "written_in" in flags,
        "private_mark": "marked" in flags,
    }
    # Positions in ballots.py are 0-based; numbers on the ballot start at 1.
    ballot: SurplusBallot | NoSurplusBallot
    if surplus:
        ballot = SurplusBallot(frozenset(n - 1 for n in crossed), **paper)
    else:
        marks = tuple(
            Mark.NEITHER if n in void else Mark.DISAGREE if n in crossed else Mark.AGREE
            for n in range(1, candidates + 1)
        )
        ballot = NoSurplusBallot(marks, **paper)
    judged = assess(ballot, candidates, seats)
    reasons = _reasons(flags, len(crossed), candidates, seats, surplus)
    if judged.valid != (not reasons):
        raise AssertionError("ballots.py and tallyfiles disagree on a ballot's validity")
    return judged if not reasons else BallotOutcome(_REASON_OF[reasons[0]])


def _ballots(text: str, candidates: int, seats: int) -> list[BallotOutcome]:
    """Judge every ballot row; raise on the first malformed one."""
    rows = _read(text, BALLOT_COLUMNS, "phiếu bầu")
    surplus = candidates != seats
    first_line: dict[int, int] = {}
    outcomes = []
    for row in rows:
        ballot_no = _number(row.cells["ballot_no"], row.line, "ballot_no")
        if ballot_no in first_line:
            raise TallyFileError(
                row.line,
                "ballot_no",
                f"Phiếu số {ballot_no} trùng với dòng {first_line[ballot_no]}.",
            )
        first_line[ballot_no] = row.line
        crossed = _numbers(row.cells["crossed_out"], row.line, "crossed_out", candidates)
        void = _numbers(row.cells["void_lines"], row.line, "void_lines", candidates)
        if void and surplus:
            raise TallyFileError(
                row.line,
                "void_lines",
                "Phiếu có số dư (gạch tên) không có dòng đánh dấu cả hai hoặc không ô nào; "
                "cột này chỉ dùng khi số ứng cử viên bằng số ghế.",
            )
        both = sorted(crossed & void)
        if both:
            raise TallyFileError(
                row.line,
                "void_lines",
                f"Dòng số {both[0]} đã ghi ở «crossed_out» (không đồng ý), "
                "không thể đồng thời không hợp lệ.",
            )
        flags = row.cells["flags"].split()
        for flag in flags:
            if flag not in FLAGS:
                raise TallyFileError(
                    row.line,
                    "flags",
                    f"Không hiểu «{flag}»; chỉ dùng {', '.join(FLAGS)}.",
                )
        outcomes.append(judge_ballot(crossed, void, frozenset(flags), candidates, seats))
    return outcomes


def _percent(votes: int, whole: int) -> float | None:
    """Return votes/whole in percent, two decimals half away from zero; None for 0/0."""
    if whole == 0:
        return None
    return float(percent(Fraction(votes, whole)))


def run_tally(
    candidates_csv_text: str, ballots_csv_text: str, seats: int, base: int
) -> dict[str, Any]:
    """Count the ballots and decide the election; return the JSON-ready result."""
    if seats < 1:
        raise TallyFileError(None, "--seats", f"Số ghế phải từ 1 trở lên, nhận {seats}.")
    if base < 1:
        raise TallyFileError(None, "--base", f"Cơ sở bầu cử phải từ 1 trở lên, nhận {base}.")
    try:
        names = _candidates(candidates_csv_text)
    except TallyFileError as exc:
        exc.source = "candidates"
        raise
    try:
        outcomes = _ballots(ballots_csv_text, len(names), seats)
    except TallyFileError as exc:
        exc.source = "ballots"
        raise
    return result_json(names, outcomes, seats, base)


def result_json(
    names: Sequence[str], outcomes: Iterable[BallotOutcome], seats: int, base: int
) -> dict[str, Any]:
    """Count judged ballots and decide; the JSON shape of `daihoi tally`."""
    tally = count_ballots(outcomes, len(names))
    spoilt = dict(tally.invalid_by_reason)
    result = decide(tally.votes, seats, base)
    return {
        "seats": seats,
        "base": base,
        "needed": votes_needed(base),
        "ballots": {
            "collected": tally.collected,
            "valid": tally.valid,
            "invalid": tally.invalid,
            "invalid_reasons": {name: spoilt.get(_REASON_OF[name], 0) for name in INVALID_REASONS},
        },
        "candidates": [
            {
                "no": line.position + 1,
                "full_name": names[line.position],
                "votes": line.votes,
                "percent_of_base": float(line.percent),
                "percent_of_valid": _percent(line.votes, tally.valid),
                "elected": line.elected,
            }
            for line in result.candidates
        ],
        "elected": [position + 1 for position in result.elected],
        "tied": [position + 1 for position in result.tie.candidates] if result.tie else [],
        "seats_left": result.seats_left,
    }


def _comma(value: float | None) -> str:
    """Write a percentage the Vietnamese way, with a decimal comma."""
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def format_table(result: dict[str, Any]) -> str:
    """Write the result of `run_tally` as a table a counting board can read aloud."""
    ballots = result["ballots"]
    lines = [
        f"Số ghế: {result['seats']}; cơ sở bầu cử: {result['base']}; "
        f"trúng cử cần ít nhất {result['needed']} phiếu.",
        f"Phiếu thu về: {ballots['collected']}; hợp lệ: {ballots['valid']}; "
        f"không hợp lệ: {ballots['invalid']}.",
    ]
    for name in INVALID_REASONS:
        count = ballots["invalid_reasons"][name]
        if count:
            lines.append(f"  - {_REASON_TEXT[name]}: {count}")
    rows = [("STT", "Họ và tên", "Số phiếu", "% cơ sở", "% hợp lệ", "Trúng cử")]
    for c in result["candidates"]:
        rows.append(
            (
                str(c["no"]),
                c["full_name"],
                str(c["votes"]),
                _comma(c["percent_of_base"]),
                _comma(c["percent_of_valid"]),
                "✓" if c["elected"] else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines.append("")
    for row in rows:
        cells = [
            row[0].rjust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].rjust(widths[2]),
            row[3].rjust(widths[3]),
            row[4].rjust(widths[4]),
            row[5].center(widths[5]),
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    names = {c["no"]: c["full_name"] for c in result["candidates"]}
    if result["elected"]:
        elected = ", ".join(f"{names[no]} ({no})" for no in result["elected"])
        lines.append(f"Trúng cử: {elected}.")
    else:
        lines.append("Không ai trúng cử.")
    if result["tied"]:
        tied = ", ".join(f"{names[no]} ({no})" for no in result["tied"])
        contested = result["seats"] - len(result["elected"]) - result["seats_left"]
        lines.append(f"Bằng phiếu cho {contested} ghế cuối, phải bầu lại giữa: {tied}.")
    if result["seats_left"]:
        lines.append(f"Còn {result['seats_left']} ghế chưa đủ người trúng cử: bầu tiếp.")
    return "\n".join(lines)
