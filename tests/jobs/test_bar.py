"""The command-line bar: a line redrawn on a terminal, plain lines in a log; Ctrl-C undoes all."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from daihoi.jobs import bar as bar_module
from daihoi.jobs.bar import Bar, duration, line, number
from daihoi.orgs.models import Organisation
from tests.conftest import org
from tests.orgs.helpers import csv_bytes


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_line_shows_the_bar_percent_count_rate_and_time_left() -> None:
    text = line("Đang ghi tổ chức", 12345, 50000, elapsed=5.0, width=10)
    assert text == ("Đang ghi tổ chức  [##........]   24,7%  12.345/50.000  2.469/giây  còn 0:16")


def test_numbers_and_durations_read_the_vietnamese_way() -> None:
    assert number(331421) == "331.421"
    assert duration(59.2) == "1:00"
    assert duration(3725) == "1:02:05"


def test_on_a_terminal_the_line_is_redrawn_in_place_and_ended_at_the_total() -> None:
    out, clock = io.StringIO(), Clock()
    bar = Bar(out, tty=True, clock=clock)
    bar("Ghi", 10, 100)
    clock.now += 0.01
    bar("Ghi", 20, 100)  # too soon to redraw
    clock.now += 1
    bar("Ghi", 50, 100)
    bar("Ghi", 100, 100)  # the end is always drawn
    text = out.getvalue()
    assert text.count("\r") == 3
    assert text.endswith("\n") and text.count("\n") == 1
    assert "10/100" in text and "20/100" not in text and "100/100" in text


def test_in_a_log_each_report_is_a_plain_line_every_few_seconds() -> None:
    out, clock = io.StringIO(), Clock()
    bar = Bar(out, tty=False, clock=clock)
    for done in range(0, 101, 10):
        bar("Ghi", done, 100)
        clock.now += 1
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert [ln.split()[2] for ln in lines] == ["0,0%", "50,0%", "100,0%"]


def test_a_new_phase_closes_the_line_left_open() -> None:
    out = io.StringIO()
    bar = Bar(out, tty=True, clock=Clock())
    bar("Một", 5, 10)
    bar("Hai", 1, 2)
    assert out.getvalue().split("\n")[0].endswith("5/10")


@pytest.mark.django_db
def test_ctrl_c_during_an_import_writes_nothing_and_says_so(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    lines = ["code,parent_code,name,level"] + [f"188-K{i},188,Đảng bộ {i},3" for i in range(30)]
    path = Path(str(tmp_path)) / "ds.csv"
    path.write_bytes(csv_bytes(*lines))
    calls: list[int] = []

    def interrupted(self: Bar, label: str, done: int, total: int) -> None:
        calls.append(done)
        raise KeyboardInterrupt  # as if Ctrl-C arrived between two batches

    monkeypatch.setattr(bar_module.Bar, "__call__", interrupted)
    count = Organisation.objects.count()
    with pytest.raises(CommandError) as caught:
        call_command("import_orgs", str(path), stderr=io.StringIO(), stdout=io.StringIO())
    assert calls == [30]  # the rows were written, then rolled back
    assert str(caught.value) == "Đã hủy (Ctrl-C); không có gì được ghi vào cơ sở dữ liệu."
    assert caught.value.returncode == 130
    assert Organisation.objects.count() == count


@pytest.mark.django_db
def test_ctrl_c_during_a_congress_import_writes_nothing(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, demo_campaign: object
) -> None:
    from pathlib import Path

    from daihoi.campaigns.models import Congress

    codes = list(
        Congress.objects.filter(
            campaign=demo_campaign, organisation__path__startswith=org("188").path
        ).values_list("organisation__code", flat=True)[:600]
    )
    lines = ["org_code,planned_date,held_date"] + [f"{c},2020-03-01," for c in codes]
    path = Path(str(tmp_path)) / "dh.csv"
    path.write_bytes(csv_bytes(*lines))
    before = sorted(Congress.objects.values_list("pk", "planned_date", "version"))

    def interrupted(self: Bar, label: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bar_module.Bar, "__call__", interrupted)
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_congresses",
            str(path),
            campaign=demo_campaign.slug,  # type: ignore[attr-defined]
            stderr=io.StringIO(),
            stdout=io.StringIO(),
        )
    assert caught.value.returncode == 130
    assert "không có gì được ghi" in str(caught.value)
    assert sorted(Congress.objects.values_list("pk", "planned_date", "version")) == before
