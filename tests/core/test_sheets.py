"""The print set-up every XLSX export shares, read back the way Excel opens the file."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from daihoi.core.sheets import print_setup
from tests.core.printing import assert_prints_one_page_wide


@pytest.mark.parametrize("write_only", [False, True])
def test_a_sheet_prints_landscape_one_page_wide_with_its_header_on_every_page(
    write_only: bool,
) -> None:
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Tổng hợp")
    print_setup(sheet, header_row=4, frozen_columns=1)
    sheet.append(["Tiến độ"])
    sheet.append([])
    sheet.append([])
    sheet.append(["Đơn vị", "Phải tổ chức"])
    for n in range(300):
        sheet.append([f"Chi bộ {n}", n])
    if not write_only:
        book.remove(book.worksheets[0])
    out = io.BytesIO()
    book.save(out)

    read = load_workbook(io.BytesIO(out.getvalue()))["Tổng hợp"]
    assert_prints_one_page_wide(read, header_row=4, frozen="B5")
    assert read.print_options.horizontalCentered is True


def test_without_frozen_columns_only_the_header_rows_are_frozen() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    print_setup(sheet, header_row=1)
    out = io.BytesIO()
    book.save(out)
    read = load_workbook(io.BytesIO(out.getvalue())).active
    assert_prints_one_page_wide(read, header_row=1, frozen="A2")
