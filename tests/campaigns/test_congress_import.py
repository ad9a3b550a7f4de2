"""Importing congress dates: all or nothing, named errors, campaign created on demand."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from daihoi.campaigns.models import Campaign, Congress, CongressState
from tests.orgs.helpers import xlsx_bytes

pytestmark = pytest.mark.django_db


def run(tmp_path: Path, text: str, *args: str) -> str:
    path = tmp_path / "dh.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_congresses", str(path), *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_campaign_and_the_records(tmp_path: Path) -> None:
    out = run(
        tmp_path,
        "org_code,planned_date,held_date,pilot,ordinal,term\n"
        "06553,2020-03-01,05/03/2020,1,XII,2020-2025\n"
        "06556,15/03/2020,,,,\n",
        "--campaign",
        "moi-2020",
    )
    assert "Đã tạo đợt đại hội «moi-2020»" in out
    assert "thêm mới 2" in out
    campaign = Campaign.objects.get(slug="moi-2020")
    dong_buc = Congress.objects.get(campaign=campaign, organisation__code="06553")
    assert str(dong_buc.held_date) == "2020-03-05" and dong_buc.pilot and dong_buc.ordinal == 12
    assert dong_buc.state == CongressState.HELD
    assert dong_buc.org_path == dong_buc.organisation.path
    other = Congress.objects.get(campaign=campaign, organisation__code="06556")
    assert other.held_date is None and other.state == CongressState.PLANNED


def test_a_second_import_changes_nothing_and_a_third_updates(tmp_path: Path) -> None:
    text = "org_code,planned_date,held_date\n06553,2020-03-01,\n"
    run(tmp_path, text, "--campaign", "c1")
    assert "không đổi 1" in run(tmp_path, text, "--campaign", "c1")
    assert "cập nhật 1" in run(
        tmp_path,
        "org_code,planned_date,held_date\n06553,2020-03-01,2020-03-02\n",
        "--campaign",
        "c1",
    )


def test_every_bad_row_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    err = io.StringIO()
    path = tmp_path / "bad.csv"
    path.write_text(
        "Mã tổ chức,Ngày dự kiến,Ngày tổ chức,Lần thứ\n"
        "06553,2020-03-01,2020-13-01,\n"
        "KHONGCO,2020-03-01,,\n"
        "06556,2020-03-01,,XIIII\n"
        "06553,2020-03-01,,\n"
        "06559,2020-03-01,2999-01-01,\n"
        "94,2020-03-01,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="5 lỗi"):
        call_command("import_congresses", str(path), "--campaign", "c2", stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Dòng 2, cột «Ngày tổ chức» (giá trị «2020-13-01»)")
    assert lines[1].startswith("Dòng 3, cột «Mã tổ chức» (giá trị «KHONGCO»)")
    assert lines[2].startswith("Dòng 4, cột «Lần thứ» (giá trị «XIIII»)")
    assert "Mã trùng với dòng 2" in lines[3]
    assert "sau hôm nay" in lines[4]
    assert not Campaign.objects.filter(slug="c2").exists()
    assert not Congress.objects.filter(campaign__slug="c2").exists()


def test_an_xlsx_with_real_dates_imports(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "dh.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                ["org_code", "planned_date", "held_date"],
                ["06553", dt.datetime(2020, 3, 1), dt.datetime(2020, 3, 4)],  # noqa: DTZ001
            ]
        )
    )
    call_command("import_congresses", str(path), "--campaign", "c3", stdout=io.StringIO())
    assert (
        str(Congress.objects.get(campaign__slug="c3", organisation__code="06553").held_date)
        == "2020-03-04"
    )
