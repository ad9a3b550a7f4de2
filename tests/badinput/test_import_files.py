"""Broken files fed to the organisation and congress imports.

Every case ends in what a user reads (a Vietnamese message naming the row and
the column, or the file) and in nothing written. A case that crashes with any
exception other than the importers' own is a bug.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.congress_import import CongressImportRejected, plan_congress_import
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.tables import Table, TableError, read_table
from daihoi.orgs.importer import ImportPlan, ImportRejected, plan_import
from daihoi.orgs.models import Organisation, Structure
from daihoi.orgs.tree import subtree
from tests.conftest import login, org

pytestmark = pytest.mark.django_db

HEADER = "code,parent_code,name,level,members,valid_from"
CONGRESS_HEADER = "org_code,planned_date,held_date"
TODAY = dt.date(2020, 6, 30)
UTF8_MESSAGE = "Tệp CSV không ở mã UTF-8"
SAVE_AS_UTF8 = "Hãy lưu lại tệp với mã hóa UTF-8."
IMPORT_URL = "/to-chuc/2020/188/nhap/tai-len/"


# --- building files ---------------------------------------------------------


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    text = "\n".join(lines) + "\n"
    return windows_1258(text) if encoding == "cp1258" else text.encode(encoding)


def windows_1258(text: str) -> bytes:
    """Encode as Windows does: precomposed where the code page has the letter, else a mark.

    Python's codec has no composition: "ộ" is written "ô" plus the dot below.
    """
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], list(decomposed[1:])
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and composed.encode("cp1258", "replace") != b"?":
                base = composed
                marks.remove(mark)
                break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def xlsx_bytes(
    rows: Sequence[Sequence[object]],
    *,
    merge: tuple[str, ...] = (),
    cached: dict[str, tuple[str, str]] | None = None,
) -> bytes:
    """An .xlsx of the rows; `merge` merges ranges, `cached` sets formulas' cached values.

    openpyxl writes a formula with an empty cached value, as a file saved by a
    program that does not calculate would have; `cached` maps a cell to
    (type, value) the way Excel stores the last result: ("n", "41"),
    ("str", "text") or ("e", "#DIV/0!").
    """
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    if not cached:
        return out.getvalue()
    return _set_cached_values(out.getvalue(), cached)


def _set_cached_values(data: bytes, cached: dict[str, tuple[str, str]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = content.decode()
                for ref, (kind, value) in cached.items():
                    xml, found = re.subn(
                        rf'<c r="{ref}"><f>(.*?)</f><v\s*/?>(?:</v>)?',
                        rf'<c r="{ref}" t="{kind}"><f>\1</f><v>{value}</v>',
                        xml,
                    )
                    assert found == 1, ref
                content = xml.encode()
            target.writestr(item, content)
    return target_buffer.getvalue()


# --- what was written, and what the user reads ------------------------------


def structure() -> Structure:
    return Structure.objects.get(code="2020")


def loc_binh_path() -> str:
    return org("188").path


@contextmanager
def nothing_written() -> Iterator[None]:
    def counts() -> tuple[int, ...]:
        return (
            Organisation.objects.count(),
            AuditEntry.objects.count(),
            Campaign.objects.count(),
            Congress.objects.count(),
        )

    before = counts()
    yield
    assert counts() == before


def table_errors(filename: str, data: bytes) -> list[str]:
    with nothing_written(), pytest.raises(TableError) as caught:
        read_table(filename, data)
    return [str(e) for e in caught.value.errors]


def plan(filename: str, data: bytes) -> ImportPlan:
    return plan_import(structure(), read_table(filename, data), scope_path=loc_binh_path())


def org_errors(filename: str, data: bytes) -> list[str]:
    """The messages the organisation import gives for the file; nothing is written."""
    with nothing_written(), pytest.raises(ImportRejected) as caught:
        plan(filename, data)
    return [str(e) for e in caught.value.errors]


def congress_rows(filename: str, data: bytes) -> list[dict[str, object]]:
    rows = plan_congress_import(
        "2020", read_table(filename, data), scope_path=loc_binh_path(), today=TODAY
    )
    return [{"code": row.org.code, **row.values} for row in rows]


def congress_errors(filename: str, data: bytes) -> list[str]:
    with nothing_written(), pytest.raises(CongressImportRejected) as caught:
        congress_rows(filename, data)
    return [str(e) for e in caught.value.errors]


def upload(filename: str, data: bytes) -> tuple[int, str]:
    """Send the file through the import form as Lộc Bình's staff; return status and page."""
    with nothing_written():
        response = login("locbinh").post(
            IMPORT_URL, {"file": SimpleUploadedFile(filename, data, "text/csv")}
        )
    return response.status_code, response.content.decode()


# --- encodings, byte order marks, empty files -------------------------------


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16", "utf-16-le"])
def test_a_csv_not_in_utf8_is_refused_with_a_message_naming_the_encoding(encoding: str) -> None:
    data = csv_bytes(HEADER, "T-1,188,Đảng bộ Đông Hà,3,,", encoding=encoding)
    [message] = table_errors("ds.csv", data)
    assert message.startswith(f"Tệp: {UTF8_MESSAGE} (byte lỗi ở vị trí ")
    assert message.endswith(SAVE_AS_UTF8)


def test_windows_1258_names_the_first_byte_that_is_not_utf8() -> None:
    data = csv_bytes(HEADER, "T-1,188,Đảng bộ Đông Hà,3,,", encoding="cp1258")
    first = next(i for i, byte in enumerate(data) if byte >= 0x80)
    assert table_errors("ds.csv", data) == [
        f"Tệp: {UTF8_MESSAGE} (byte lỗi ở vị trí {first}). {SAVE_AS_UTF8}"
    ]


def test_a_byte_order_mark_is_not_part_of_the_first_header() -> None:
    data = b"\xef\xbb\xbf" + csv_bytes("Mã,Mã cấp trên,Tên,Cấp", "T-1,188,Đảng bộ Đông Hà,3")
    [row] = plan("ds.csv", data).creates
    assert (row.code, row.parent_code, row.name) == ("T-1", "188", "Đảng bộ Đông Hà")
    rows = congress_rows("dh.csv", b"\xef\xbb\xbf" + csv_bytes(CONGRESS_HEADER, "06553,,"))
    assert rows == [{"code": "06553", "planned_date": None, "held_date": None}]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_stray_byte_order_mark_in_a_header_cell_is_ignored(kind: str) -> None:
    if kind == "csv":
        data = b"\xef\xbb\xbf" + csv_bytes("\ufeffcode,parent_code,name,level", "T-1,188,A,3")
    else:
        data = xlsx_bytes([["\ufeffcode", "parent_code", "name", "level"], ["T-1", "188", "A", 3]])
    assert [row.code for row in plan(f"ds.{kind}", data).creates] == ["T-1"]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("ds.csv", b"", "Tệp «ds.csv» trống."),
        ("ds.csv", b"\xef\xbb\xbf", "Tệp: Tệp trống."),
        ("ds.xlsx", xlsx_bytes([]), "Tệp: Trang tính đầu tiên không có dữ liệu."),
        (
            "ds.xlsx",
            xlsx_bytes([[None, None], [None]]),
            "Tệp: Trang tính đầu tiên không có dữ liệu.",
        ),
    ],
    ids=["csv", "bom-only", "xlsx", "xlsx-blank-cells"],
)
def test_an_empty_file_is_refused(filename: str, data: bytes, message: str) -> None:
    assert table_errors(filename, data) == [message]


@pytest.mark.parametrize(
    "data",
    [
        csv_bytes(HEADER),
        csv_bytes(HEADER, ",,,,,", ""),
        xlsx_bytes([HEADER.split(",")]),
        xlsx_bytes([HEADER.split(","), [None] * 6]),
    ],
    ids=["csv", "csv-blank-rows", "xlsx", "xlsx-blank-row"],
)
def test_a_header_only_file_is_refused_by_the_organisation_import(data: bytes) -> None:
    name = "ds.xlsx" if data[:2] == b"PK" else "ds.csv"
    assert org_errors(name, data) == ["Tệp: Tệp không có dòng dữ liệu nào."]


def test_a_header_only_congress_file_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "dh.csv"
    path.write_bytes(csv_bytes(CONGRESS_HEADER))
    with nothing_written(), pytest.raises(CommandError):
        call_command("import_congresses", str(path), "--campaign", "rong", stdout=io.StringIO())


# --- binary garbage ---------------------------------------------------------

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 64


def test_an_exe_renamed_csv_is_refused_as_not_utf8() -> None:
    assert table_errors("ds.csv", EXE) == [
        f"Tệp: {UTF8_MESSAGE} (byte lỗi ở vị trí 2). {SAVE_AS_UTF8}"
    ]


def test_ascii_garbage_with_nul_bytes_is_refused_as_damaged() -> None:
    assert table_errors("ds.csv", b"code,name\x00\x00\x01\x02") == [
        "Tệp: Tệp CSV chứa ký tự rỗng (NUL), có thể bị hỏng."
    ]


@pytest.mark.parametrize(
    "data",
    [
        EXE,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),  # an old .xls (OLE2) renamed
        b"PK\x03\x04 not really a zip",
        b"PK\x05\x06" + bytes(18),  # an empty zip
    ],
    ids=["exe", "xls", "broken-zip", "empty-zip"],
)
def test_garbage_named_xlsx_is_refused_as_unreadable(data: bytes) -> None:
    [message] = table_errors("ds.xlsx", data)
    # Not a zip at all is refused by the check before openpyxl; a zip that is not a
    # workbook by openpyxl.
    assert (
        message
        == "Tệp «ds.xlsx» không phải tệp Excel (.xlsx) hợp lệ (không đọc được nội dung nén)."
        or message.startswith("Tệp: Không đọc được tệp Excel (.xlsx): ")
    )


def test_another_office_file_renamed_xlsx_is_refused_as_unreadable() -> None:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    [message] = table_errors("ds.xlsx", out.getvalue())
    assert message.startswith("Tệp: Không đọc được tệp Excel (.xlsx): ")


def test_a_stray_quote_in_a_long_csv_gives_a_message_not_a_crash() -> None:
    rows = [f"T-{i:06d},188,Đảng bộ {i},3,," for i in range(1, 5001)]
    rows[9] = 'T-000010,188,"Đảng bộ 10,3,,'
    messages = table_errors("ds.csv", csv_bytes(HEADER, *rows))
    assert messages and messages[0].startswith("Dòng 11")


# --- spreadsheets: merged headers, formulas ---------------------------------


def test_a_header_merged_over_two_columns_still_reads() -> None:
    data = xlsx_bytes(
        [
            ["Mã", "Mã cấp trên", "Tên", "Cấp", None],
            ["T-1", "188", "Đảng bộ Công ty A", 3, None],
        ],
        merge=("D1:E1",),
    )
    assert [(r.code, r.level and r.level.rank) for r in plan("ds.xlsx", data).creates] == [
        ("T-1", 3)
    ]


def test_a_header_merged_over_two_rows_still_reads() -> None:
    data = xlsx_bytes(
        [
            ["Mã", "Mã cấp trên", "Tên", "Cấp"],
            [None, None, None, None],
            ["T-1", "188", "Đảng bộ Công ty A", 3],
        ],
        merge=("A1:A2", "B1:B2", "C1:C2", "D1:D2"),
    )
    [row] = plan("ds.xlsx", data).creates
    assert (row.number, row.code) == (3, "T-1")


def test_a_merged_title_above_the_header_names_the_missing_columns() -> None:
    data = xlsx_bytes(
        [
            ["DANH SÁCH TỔ CHỨC ĐẢNG", None, None, None],
            ["Mã", "Mã cấp trên", "Tên", "Cấp"],
            ["T-1", "188", "Đảng bộ Công ty A", 3],
        ],
        merge=("A1:D1",),
    )
    assert org_errors("ds.xlsx", data) == [
        "Dòng 1 (giá trị «code»): Thiếu cột bắt buộc «code» (tiêu đề nhận: code, mã, mã tổ chức).",
        "Dòng 1 (giá trị «parent_code»): Thiếu cột bắt buộc «parent_code» "
        "(tiêu đề nhận: parent_code, mã cấp trên, parent).",
        "Dòng 1 (giá trị «name»): Thiếu cột bắt buộc «name» "
        "(tiêu đề nhận: name, tên, tên tổ chức).",
        "Dòng 1 (giá trị «level»): Thiếu cột bắt buộc «level» (tiêu đề nhận: level, cấp).",
    ]
    data = xlsx_bytes(
        [["ĐẠI HỘI", None, None], [*CONGRESS_HEADER.split(",")], ["06553", None, None]],
        merge=("A1:C1",),
    )
    assert congress_errors("dh.xlsx", data) == [
        "Dòng 1 (giá trị «org_code»): Thiếu cột bắt buộc «org_code».",
        "Dòng 1 (giá trị «planned_date»): Thiếu cột bắt buộc «planned_date».",
        "Dòng 1 (giá trị «held_date»): Thiếu cột bắt buộc «held_date».",
    ]


FORMULA_ROWS: list[Sequence[object]] = [
    ["code", "parent_code", "name", "level", "members"],
    ["T-1", "188", '=UPPER("đảng bộ a")', 3, "=A1+1"],
    ["T-2", "188", "Đảng bộ B", "=2+1", "=A2+1"],
]


def test_formulas_give_their_cached_values_never_their_text() -> None:
    data = xlsx_bytes(
        FORMULA_ROWS,
        cached={"C2": ("str", "ĐẢNG BỘ A"), "E2": ("n", "41"), "D3": ("n", "3"), "E3": ("n", "7")},
    )
    creates = {row.code: row for row in plan("ds.xlsx", data).creates}
    assert (creates["T-1"].name, creates["T-1"].members) == ("ĐẢNG BỘ A", 41)
    assert (creates["T-2"].level and creates["T-2"].level.rank, creates["T-2"].members) == (3, 7)


def test_a_formula_without_a_cached_value_is_an_empty_cell() -> None:
    # Saved by a program that does not calculate: the required cells are named empty.
    name, level = org_errors("ds.xlsx", xlsx_bytes(FORMULA_ROWS))
    assert name == "Dòng 2, cột «name»: Tên tổ chức không được để trống."
    assert level.startswith(
        "Dòng 3, cột «level»: Cấp không có trong cơ cấu 2020. Các cấp: 0 (Trung ương), "
    )


def test_a_formula_whose_cached_value_is_an_error_is_named() -> None:
    data = xlsx_bytes(
        FORMULA_ROWS,
        cached={"C2": ("str", "A"), "E2": ("e", "#DIV/0!"), "D3": ("n", "3"), "E3": ("n", "7")},
    )
    assert org_errors("ds.xlsx", data) == [
        "Dòng 2, cột «members» (giá trị «#DIV/0!»): "
        "Số đảng viên phải là số nguyên không âm, không có dấu phân cách."
    ]


def test_congress_dates_from_formulas() -> None:
    data = xlsx_bytes(
        [
            CONGRESS_HEADER.split(","),
            ["06553", '="2020-03-"&"01"', "=B2"],
            ["06556", "=TODAY()", None],
        ],
        cached={"B2": ("str", "2020-03-01"), "C2": ("str", "01/03/2020")},
    )
    assert congress_rows("dh.xlsx", data) == [
        {"code": "06553", "planned_date": dt.date(2020, 3, 1), "held_date": dt.date(2020, 3, 1)},
        {"code": "06556", "planned_date": None, "held_date": None},
    ]


# --- dates --------------------------------------------------------------------


def test_the_organisation_import_reads_dates_in_three_formats() -> None:
    data = csv_bytes(
        HEADER,
        "T-1,188,Đảng bộ A,3,,01/02/2020",
        "T-2,188,Đảng bộ B,3,,2020-02-01",
        "T-3,188,Đảng bộ C,3,,01-02-2020",
    )
    assert {r.code: r.valid_from for r in plan("ds.csv", data).creates} == {
        "T-1": dt.date(2020, 2, 1),
        "T-2": dt.date(2020, 2, 1),
        "T-3": dt.date(2020, 2, 1),
    }


def test_dates_in_other_formats_are_named_row_by_row() -> None:
    data = csv_bytes(
        HEADER,
        "T-1,188,Đảng bộ A,3,,31/02/2020",
        "T-2,188,Đảng bộ B,3,,02/31/2020",
        "T-3,188,Đảng bộ C,3,,2020.02.01",
        "T-4,188,Đảng bộ D,3,,1 tháng 2 năm 2020",
    )
    tail = "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."
    assert org_errors("ds.csv", data) == [
        f"Dòng 2, cột «valid_from» (giá trị «31/02/2020»): {tail}",
        f"Dòng 3, cột «valid_from» (giá trị «02/31/2020»): {tail}",
        f"Dòng 4, cột «valid_from» (giá trị «2020.02.01»): {tail}",
        f"Dòng 5, cột «valid_from» (giá trị «1 tháng 2 năm 2020»): {tail}",
    ]


def test_the_congress_import_reads_two_date_formats_and_names_the_third() -> None:
    data = csv_bytes(
        "Mã tổ chức,Ngày dự kiến,Ngày tổ chức",
        "06553,01/03/2020,2020-03-02",
        "06556,01-03-2020,",
    )
    assert congress_errors("dh.csv", data) == [
        "Dòng 3, cột «Ngày dự kiến» (giá trị «01-03-2020»): "
        "Ngày không hợp lệ; hãy ghi YYYY-MM-DD hoặc dd/mm/yyyy."
    ]


def test_excel_date_cells_are_dates_and_serial_numbers_are_named() -> None:
    data = xlsx_bytes(
        [
            HEADER.split(","),
            ["T-1", "188", "Đảng bộ A", 3, None, dt.date(2020, 1, 1)],
            ["T-2", "188", "Đảng bộ B", 3, None, dt.datetime(2020, 1, 1, 8, 30)],  # noqa: DTZ001
        ]
    )
    assert {r.code: r.valid_from for r in plan("ds.xlsx", data).creates} == {
        "T-1": dt.date(2020, 1, 1),
        "T-2": dt.date(2020, 1, 1),
    }
    serial = xlsx_bytes([HEADER.split(","), ["T-1", "188", "Đảng bộ A", 3, None, 43831]])
    assert org_errors("ds.xlsx", serial) == [
        "Dòng 2, cột «valid_from» (giá trị «43831»): "
        "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."
    ]


def test_congress_excel_date_cells_are_dates_and_serial_numbers_are_named() -> None:
    dated = ["06553", dt.date(2020, 3, 1), dt.datetime(2020, 3, 2, 14, 0)]  # noqa: DTZ001
    data = xlsx_bytes([CONGRESS_HEADER.split(","), dated, ["06556", 43891, 43891.5]])
    tail = "Ngày không hợp lệ; hãy ghi YYYY-MM-DD hoặc dd/mm/yyyy."
    assert congress_errors("dh.xlsx", data) == [
        f"Dòng 3, cột «planned_date» (giá trị «43891»): {tail}",
        f"Dòng 3, cột «held_date» (giá trị «43891.5»): {tail}",
    ]
    good = xlsx_bytes([CONGRESS_HEADER.split(","), dated])
    assert congress_rows("dh.xlsx", good) == [
        {"code": "06553", "planned_date": dt.date(2020, 3, 1), "held_date": dt.date(2020, 3, 2)}
    ]


# --- many rows, three bad ---------------------------------------------------

ROWS = 100_000
BAD = {
    12_346: "T-012345,188,Đảng bộ 12345,3,12a,",  # members not a number
    50_001: "T-050000,KHONGCO,Đảng bộ 50000,3,,",  # unknown parent
    99_999: "T-099998,188,Đảng bộ 99998,3,,30/02/2020",  # no such day
}


def big_csv() -> bytes:
    lines = [HEADER]
    for number in range(2, ROWS + 2):
        lines.append(BAD.get(number) or f"T-{number - 1:06d},188,Đảng bộ {number - 1},3,25,")
    return csv_bytes(*lines)


def test_100000_rows_with_three_bad_ones_name_exactly_those_rows() -> None:
    errors = org_errors("ds.csv", big_csv())
    assert errors == [
        "Dòng 12346, cột «members» (giá trị «12a»): "
        "Số đảng viên phải là số nguyên không âm, không có dấu phân cách.",
        "Dòng 50001, cột «parent_code» (giá trị «KHONGCO»): "
        "Không có tổ chức cấp trên với mã này trong tệp hay trong đơn vị của bạn.",
        "Dòng 99999, cột «valid_from» (giá trị «30/02/2020»): "
        "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy.",
    ]
    assert not Organisation.objects.filter(code__startswith="T-").exists()


def test_three_bad_congress_rows_among_all_of_loc_binh_are_named() -> None:
    codes = list(
        subtree(org("188"), include_self=False).order_by("path").values_list("code", flat=True)
    )
    lines = [f"{code},2020-03-01," for code in codes]
    lines[100] = f"{codes[100]},2020-03-01,2020-07-01"  # held after today
    lines[200] = "941,2020-03-01,"  # Sóc Trăng: outside the scope
    lines[300] = f"{codes[300]},2020-02-30,"
    errors = congress_errors("dh.csv", csv_bytes(CONGRESS_HEADER, *lines))
    assert len(codes) > 400
    assert errors == [
        "Dòng 102, cột «held_date» (giá trị «2020-07-01»): "
        "Ngày tổ chức ở sau hôm nay; đại hội chưa diễn ra thì để trống.",
        "Dòng 202, cột «org_code» (giá trị «941»): "
        "Không có tổ chức với mã này trong phạm vi của bạn (cơ cấu 2020).",
        "Dòng 302, cột «planned_date» (giá trị «2020-02-30»): "
        "Ngày không hợp lệ; hãy ghi YYYY-MM-DD hoặc dd/mm/yyyy.",
    ]


# --- the upload form ----------------------------------------------------------


def test_the_form_lists_the_three_bad_rows_of_100000_and_writes_nothing() -> None:
    status, page = upload("ds.csv", big_csv())
    assert status == 400
    assert "3 lỗi — chưa có gì được ghi" in page
    assert page.count("<li>Dòng ") == 3
    for number in BAD:
        assert f"<li>Dòng {number}, cột" in page


def test_the_form_refuses_a_file_over_20_mb_with_the_size_message() -> None:
    data = csv_bytes(HEADER) + b"T-1,188,Dang bo,3,,\n" * (21 * 1024 * 1024 // 20)
    assert len(data) > 21 * 1024 * 1024
    status, page = upload("ds.csv", data)
    assert status == 400
    assert re.search(r"Tệp «ds\.csv» quá lớn \(2\d(,\d)? MB\); giới hạn là 20 MB\.", page)
    assert "chưa có gì được ghi" not in page  # refused before it is read


def test_the_form_refuses_a_file_that_is_neither_csv_nor_xlsx() -> None:
    status, page = upload("ds.exe", EXE)
    assert status == 400
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in page


def test_the_form_explains_an_exe_renamed_csv() -> None:
    status, page = upload("ds.csv", EXE)
    assert status == 400
    assert "1 lỗi — chưa có gì được ghi" in page
    assert f"{UTF8_MESSAGE} (byte lỗi ở vị trí 2). {SAVE_AS_UTF8}" in page


def test_the_form_explains_a_windows_1258_csv() -> None:
    status, page = upload("ds.csv", csv_bytes(HEADER, "T-1,188,Đông Hà,3,,", encoding="cp1258"))
    assert status == 400
    assert UTF8_MESSAGE in page


def test_the_form_still_imports_a_good_file() -> None:
    """The refusals above are the file's fault, not the form's."""
    response = login("locbinh").post(
        IMPORT_URL,
        {"file": SimpleUploadedFile("ds.csv", csv_bytes(HEADER, "T-1,188,Đảng bộ A,3,,"))},
    )
    assert response.status_code == 302
    assert org("T-1").name == "Đảng bộ A"


def test_tables_are_plain_text_rows() -> None:
    """The Table the importers get holds only stripped text, whatever the cells were."""
    data = xlsx_bytes([["code", "n"], [" T-1 ", 3.0], [True, dt.date(2020, 1, 2)]])
    assert read_table("ds.xlsx", data) == Table(
        headers=["code", "n"], rows=[(2, ["T-1", "3"]), (3, ["1", "2020-01-02"])]
    )
