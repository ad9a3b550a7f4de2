"""Broken and unusual results files: a message that names the place, and nothing written."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from daihoi.campaigns.models import CongressState
from daihoi.personnel.models import ElectedMember
from tests.campaigns.helpers import refresh_congress
from tests.results.helpers import held
from tests.results.test_file import filled, refused_with, upload

pytestmark = pytest.mark.django_db


def test_garbage_named_xlsx_is_refused_as_unreadable() -> None:
    congress = held()
    refused_with([congress], b"PK\x03\x04 not a zip at all", "không phải tệp Excel (.xlsx) hợp lệ")


def test_excel_date_cells_are_read_as_birth_dates() -> None:
    congress = held()
    book = load_workbook(io.BytesIO(filled(congress)))
    for row in book["Danh sách"].iter_rows(min_row=2):
        day, month, year = (int(part) for part in str(row[4].value).split("/"))
        row[4].value = dt.datetime(year, month, day)  # noqa: DTZ001 - a date cell as Excel keeps it
        row[4].number_format = "dd/mm/yyyy"
    out = io.BytesIO()
    book.save(out)
    assert upload(congress, out.getvalue()).status_code == 302
    ages = sorted(
        ElectedMember.objects.filter(congress=congress, kind="committee").values_list(
            "age", flat=True
        )
    )
    assert ages == [31, 41, 46]
    assert refresh_congress(congress).state == CongressState.REPORTED


def test_a_birth_date_after_the_congress_is_named_by_its_row() -> None:
    congress = held()
    book = load_workbook(io.BytesIO(filled(congress)))
    book["Danh sách"]["E3"].value = "02/09/2021"
    out = io.BytesIO()
    book.save(out)
    refused_with(
        [congress],
        out.getvalue(),
        "Dòng 3, cột «Ngày sinh (Danh sách)» (giá trị «02/09/2021»): Ngày sinh 02/09/2021 không "
        "hợp lệ",
    )


def test_words_in_a_figure_cell_are_named_by_row_and_column() -> None:
    congress = held()
    book = load_workbook(io.BytesIO(filled(congress)))
    book["Số liệu"]["D2"].value = "một"
    out = io.BytesIO()
    book.save(out)
    refused_with(
        [congress],
        out.getvalue(),
        "Dòng 2, cột «Nữ (Số liệu)» (giá trị «một»): Ghi một số nguyên từ 0 đến 10.000.",
    )
