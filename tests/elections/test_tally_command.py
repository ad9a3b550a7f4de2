"""daihoi tally --candidates C.csv --ballots B.csv --seats N --base M [--json]."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from daihoi.elections.management.commands.tally import Command
from daihoi.lib.tallyfiles import run_tally

CANDIDATES = "no,full_name\n1,Nguyễn Văn An\n2,Trần Thị Bình\n3,Lê Văn Cường\n"
# DOMAIN.md: 11 members, 10 present; An gets 6 votes, Bình 5, Cường 4.
BALLOTS = (
    "ballot_no,crossed_out,void_lines,flags\n"
    + "".join(f"{i},3,,\n" for i in range(1, 6))
    + "6,2 3,,\n"
    + "".join(f"{i},1 2,,\n" for i in range(7, 11))
)


def write(tmp_path: Path, candidates: str = CANDIDATES, ballots: str = BALLOTS) -> list[str]:
    c = tmp_path / "C.csv"
    b = tmp_path / "B.csv"
    c.write_text(candidates, encoding="utf-8")
    b.write_text(ballots, encoding="utf-8")
    return ["--candidates", str(c), "--ballots", str(b)]


def tally(*args: str) -> str:
    # The elections app is not in INSTALLED_APPS yet, so the command is passed as an
    # instance rather than found by name.
    out = io.StringIO()
    call_command(Command(), *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_result_as_json(tmp_path: Path) -> None:
    printed = json.loads(tally(*write(tmp_path), "--seats", "2", "--base", "11", "--json"))
    assert printed == run_tally(CANDIDATES, BALLOTS, 2, 11)
    assert printed["needed"] == 6
    assert printed["elected"] == [1]
    assert printed["seats_left"] == 1
    assert printed["candidates"][1]["percent_of_base"] == 45.45


def test_it_prints_a_vietnamese_table_without_json(tmp_path: Path) -> None:
    text = tally(*write(tmp_path), "--seats", "2", "--base", "11")
    an = next(line for line in text.splitlines() if "Nguyễn Văn An" in line)
    assert "54,55%" in an
    assert an.rstrip().endswith("✓")
    assert "Phiếu thu về: 10; hợp lệ: 10; không hợp lệ: 0." in text


def test_it_reads_files_saved_with_a_byte_order_mark(tmp_path: Path) -> None:
    args = write(tmp_path)
    for path in (Path(args[1]), Path(args[3])):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    printed = json.loads(tally(*args, "--seats", "2", "--base", "11", "--json"))
    assert printed["elected"] == [1]


def test_a_bad_ballots_file_stops_with_the_row_and_column_and_prints_nothing(
    tmp_path: Path,
) -> None:
    ballots = BALLOTS.replace("7,1 2,,\n", "7,1 2 9,,\n")
    args = write(tmp_path, ballots=ballots)
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(Command(), *args, "--seats", "2", "--base", "11", "--json", stdout=out)
    assert out.getvalue() == ""
    message = str(caught.value)
    assert message.startswith("Dòng 8, cột «crossed_out»: Không có ứng cử viên số 9")
    assert message.endswith(f"(tệp {args[3]})")


def test_a_bad_candidates_file_names_that_file(tmp_path: Path) -> None:
    args = write(tmp_path, candidates="no,full_name\n1,An\n1,Bình\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"^Dòng 3, cột «no»: .*trùng với dòng 2") as caught:
        call_command(Command(), *args, "--seats", "1", "--base", "3", stdout=out)
    assert out.getvalue() == ""
    assert str(caught.value).endswith(f"(tệp {args[1]})")


@pytest.mark.parametrize(("option", "value"), [("--seats", "0"), ("--base", "0")])
def test_it_refuses_seats_or_base_below_one(tmp_path: Path, option: str, value: str) -> None:
    options = {"--seats": "2", "--base": "11", option: value}
    out = io.StringIO()
    with pytest.raises(CommandError, match=f"«{option}»"):
        call_command(Command(), *write(tmp_path), *options_list(options), stdout=out)
    assert out.getvalue() == ""


def options_list(options: dict[str, str]) -> list[str]:
    return [part for pair in options.items() for part in pair]


def test_it_refuses_a_seat_count_that_is_not_a_number(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="không phải là số nguyên"):
        tally(*write(tmp_path), "--seats", "hai", "--base", "11")


def test_it_names_a_missing_file(tmp_path: Path) -> None:
    args = write(tmp_path)
    args[3] = str(tmp_path / "khong-co.csv")
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        tally(*args, "--seats", "2", "--base", "11")


def test_it_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    args = write(tmp_path)
    Path(args[1]).write_bytes(CANDIDATES.encode("cp1258", errors="replace"))
    with pytest.raises(CommandError, match="không phải văn bản UTF-8"):
        tally(*args, "--seats", "2", "--base", "11")
