"""The print set-up every XLSX export shares, read back the way Excel opens the file, and
the plain rows a long sheet is written with."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from daihoi.core.sheets import PlainRows, close_unsaved, print_setup
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


# Values openpyxl writes in every way it has: text to escape, to keep spaced, beyond
# the BMP, with characters XML cannot hold; whole, decimal and negative numbers; dates
# around Excel's 29 February 1900 and before its epoch; empty cells between.
TRICKY: list[list[Any]] = [
    [1, "Chi bộ thôn Nà Làng", "A & B <c> \"d\" 'e' ]]>", dt.date(2020, 2, 15), 5, 0.485],
    [2, " lề trái", "lề phải ", dt.date(1900, 1, 15), -3, Decimal("0.1")],
    [3, "dòng\r\nmới\tthẻ", "😀 ngoài BMP", dt.date(1900, 3, 1), 10**12, 1 / 3],
    [4, "bỏ\x01\x1fký tự", None, dt.date(1899, 12, 31), None, 0.0],
    [5, None, "", None, 0, None],
    [6, "x" * 40, "Đảng bộ", dt.date(1850, 6, 1), 2**60, -2.5e-20],
]
FORMATS = [None, None, None, "dd/mm/yyyy", "#,##0", "0.0%"]


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def _read_back(data: bytes) -> list[tuple[Any, ...]]:
    """Every cell as Excel reads it: value, type and number format."""
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [(c.coordinate, c.value, c.data_type, c.number_format) for r in sheet for c in r]


def _as_cells(sheet: Any, values: list[Any]) -> list[Any]:
    """The row as openpyxl's own cells, as the exports made it before PlainRows."""
    row: list[Any] = []
    for value, fmt in zip(values, FORMATS, strict=True):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if isinstance(value, Decimal):
            value = float(value)
        if value is not None and fmt is not None:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = fmt
            value = cell
        row.append(value)
    return row


def _write(fast: bool) -> tuple[bytes, list[bool]]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Chậm tiến độ")
    print_setup(sheet, header_row=2, frozen_columns=1)
    title = WriteOnlyCell(sheet, value="Đại hội chậm")
    title.font = Font(bold=True)
    sheet.append([title])
    sheet.append(["STT", "Tên", "Ghi chú", "Ngày", "Số", "Tỷ lệ"])
    plain = PlainRows(sheet, FORMATS)
    taken = []
    for values in TRICKY:
        taken.append(fast and plain.append(values))
        if not taken[-1]:
            sheet.append(_as_cells(sheet, values))
    sheet.append([None, "Tổng cộng", None, None, 42])
    return _saved(book), taken


def test_plain_rows_write_the_sheet_openpyxl_writes_byte_for_byte() -> None:
    fast, taken = _write(fast=True)
    slow, _ = _write(fast=False)
    # Every row but the one with an empty text went the fast way.
    assert taken == [True, True, True, True, False, True]
    assert _sheet_xml(fast) == _sheet_xml(slow)
    # The styles they point at: the same formats (openpyxl's date cell also lists its
    # default date format, unused, in the style table).
    assert _read_back(fast) == _read_back(slow)


def test_plain_rows_read_back_as_typed_formatted_cells() -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    plain = PlainRows(sheet, FORMATS)
    assert plain.append(TRICKY[0])
    read = load_workbook(io.BytesIO(_saved(book)))["Danh sách"]
    number, name, note, day, late, share = read[1]
    assert (number.value, number.data_type) == (1, "n")
    assert (name.value, name.data_type) == ("Chi bộ thôn Nà Làng", "s")
    assert note.value == "A & B <c> \"d\" 'e' ]]>"
    assert day.value.date() == dt.date(2020, 2, 15)
    assert day.is_date and day.number_format == "dd/mm/yyyy"
    assert (late.value, late.number_format) == (5, "#,##0")
    assert (share.value, share.number_format) == (0.485, "0.0%")


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://example.invalid")',
        "+1",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\x01=1",  # a formula once the character XML cannot hold is gone
        "#N/A",
        "",
        "x" * 32768,
        True,
        dt.datetime(2020, 2, 15, 8, 30, tzinfo=None),  # noqa: DTZ001 - Excel's, naive
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        b"bytes",
    ],
)
def test_plain_rows_refuse_what_openpyxl_would_not_write_as_a_plain_value(value: Any) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    plain = PlainRows(sheet, [None, "#,##0"])
    assert not plain.append([value, 1])
    assert not plain.append([1, value])
    assert plain.append([1, 2])
    close_unsaved(book)


def test_plain_rows_refuse_a_date_without_format_a_short_row_and_a_normal_sheet() -> None:
    book = Workbook(write_only=True)
    plain = PlainRows(book.create_sheet("Danh sách"), [None, "dd/mm/yyyy"])
    assert not plain.append([dt.date(2020, 1, 1), dt.date(2020, 1, 1)])
    assert not plain.append([1])
    close_unsaved(book)
    normal = Workbook().active
    assert not PlainRows(normal, [None]).append([1])


def test_a_row_with_its_own_height_is_written_by_openpyxl_with_it() -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.row_dimensions[2].height = 30
    plain = PlainRows(sheet, [None, "#,##0"])
    assert plain.append(["one", 1])
    assert plain.append(["two", 2])
    xml = _sheet_xml(_saved(book)).decode()
    assert '<row r="1"><c r="A1" t="inlineStr"><is><t>one</t></is></c>' in xml
    assert '<row r="2" ht="30" customHeight="1"><c r="A2" t="inlineStr"><is><t>two</t>' in xml
