"""Reading uploaded tables (CSV or XLSX) into rows of text, with clear errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from daihoi.lib.text import clean, fold, visible

# Yes and no in a table's cells, folded (no case, no diacritics): "Có", "x", "1" …
YES_WORDS = frozenset({"1", "x", "co", "yes", "true"})
NO_WORDS = frozenset({"", "0", "khong", "no", "false"})
# No import reads more columns than this; cells beyond it are dropped unread.
MAX_COLUMNS = 100


@dataclass(frozen=True)
class CellError:
    """One problem in an uploaded table; row 1 is the header, as in a spreadsheet."""

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = _("Dòng %(row)s") % {"row": self.row} if self.row else _("Tệp")
        if self.column:
            where += ", " + _("cột «%(column)s»") % {"column": self.column}
        if self.value:
            # Quoted as a reader sees it: a right-to-left override would turn the line around.
            shown = visible(self.value)[:80]
            where += " (" + _("giá trị «%(value)s»") % {"value": shown} + ")"
        return f"{where}: {self.message}"


class TableError(Exception):
    """The file could not be read as a table at all."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class RowsRejected(Exception):
    """A table read well whose rows break the import's rules; nothing was written."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class Table:
    headers: list[str]
    # (spreadsheet row number, cells as stripped text)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _cell_text(value: object, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and number_format and set(number_format) == {"0"}:
        # A column formatted "00000" shows the statistics office's codes with their
        # leading zeros (06526) while it stores the number 6526: read what it shows.
        return str(value).zfill(len(number_format))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _header(cell: str) -> str:
    # A file saved twice with a byte order mark keeps one inside its first cell.
    return cell.replace("\ufeff", "").strip()


def _read_csv(data: bytes, name: str = "") -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            [
                CellError(
                    0,
                    "",
                    "",
                    _(
                        "Tệp CSV không ở mã UTF-8 (byte lỗi ở vị trí %(pos)s). "
                        "Hãy lưu lại tệp với mã hóa UTF-8."
                    )
                    % {"pos": exc.start},
                )
            ]
        ) from exc
    if "\x00" in text:
        raise TableError(
            [CellError(0, "", "", _("Tệp CSV chứa ký tự rỗng (NUL), có thể bị hỏng."))]
        )
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: Table | None = None
    number = 0
    row_cap = uploads.max_rows()
    deadline = uploads.parse_deadline()
    try:
        for number, cells in enumerate(reader, start=1):  # noqa: B007 - read after the loop
            uploads.check_deadline(name, deadline)
            if table is None:
                table = Table(headers=[_header(c) for c in cells[:MAX_COLUMNS]])
                continue
            # Blank lines count too: a file of a million empty lines is refused as fast.
            if number - 1 > row_cap:
                uploads.check_rows(name, number - 1)
            if not any(c.strip() for c in cells):
                continue
            table.rows.append((number, [c.strip() for c in cells[:MAX_COLUMNS]]))
    except csv.Error as exc:
        # An unclosed quote swallows the rest of the file into one field.
        raise TableError(
            [
                CellError(
                    number + 1,  # the row being read when the quote swallowed the rest
                    "",
                    "",
                    _(
                        "Không đọc được tệp CSV từ dòng này: %(err)s. Thường do một dấu "
                        'ngoặc kép (") mở mà không đóng.'
                    )
                    % {"err": exc},
                )
            ]
        ) from exc
    if table is None:
        raise TableError([CellError(0, "", "", _("Tệp trống."))])
    return table


def _unreadable_xlsx(exc: Exception) -> TableError:
    return TableError(
        [CellError(0, "", "", _("Không đọc được tệp Excel (.xlsx): %(err)s") % {"err": exc})]
    )


def _open_xlsx(data: bytes, name: str) -> Any:
    # Sizes, parts and DTDs are checked before openpyxl sees a byte of it.
    uploads.check_office_zip(name, data)
    try:
        # data_only: a formula cell yields its cached value, never the formula text.
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable_xlsx(exc) from exc
    except Exception as exc:  # noqa: BLE001 - a malformed part raises lxml's or the zip's own kinds
        raise _unreadable_xlsx(exc) from exc


def _read_xlsx(data: bytes, name: str = "") -> Table:
    book = _open_xlsx(data, name)
    try:
        table = _xlsx_rows(book.worksheets[0], name) if book.worksheets else None
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - as above, while the sheet is streamed
        raise _unreadable_xlsx(exc) from exc
    finally:
        book.close()
    if table is None:
        raise TableError([CellError(0, "", "", _("Trang tính đầu tiên không có dữ liệu."))])
    return table


def read_workbook(filename: str, data: bytes) -> list[tuple[str, Table | None]]:
    """Read every sheet of an XLSX file: (sheet title, its table or None when empty).

    For a file whose parts sit on several sheets (a results report: figures, then
    names); each sheet is held to the same caps as a one-sheet import.
    """
    uploads.check_size(filename, len(data))
    if not (filename.lower().endswith(".xlsx") or data[:2] == b"PK"):
        raise TableError([CellError(0, "", filename, _("Chỉ nhận tệp Excel .xlsx."))])
    book = _open_xlsx(data, filename)
    try:
        return [(sheet.title, _xlsx_rows(sheet, filename)) for sheet in book.worksheets]
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - as in _read_xlsx
        raise _unreadable_xlsx(exc) from exc
    finally:
        book.close()


def _xlsx_rows(sheet: Any, name: str) -> Table | None:
    row_cap = uploads.max_rows()
    cell_cap = uploads.max_cells()
    cells_read = 0
    deadline = uploads.parse_deadline()
    table: Table | None = None
    declared = sheet.max_column
    # A sheet may declare 16,384 columns, and read-only mode pads every row to max_col:
    # past the cap, read the first MAX_COLUMNS and drop the padding.
    capped = declared is None or declared > MAX_COLUMNS
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS if capped else None), start=1):
        uploads.check_deadline(name, deadline)
        # Counted before a row is kept: empty rows in a gap are generated one by one.
        if number - 1 > row_cap:
            uploads.check_rows(name, number - 1)
        # Cells, not bare values: a number's format can carry its leading zeros.
        cells = [_cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
        while capped and cells and not cells[-1]:
            cells.pop()
        # Every cell costs openpyxl some microseconds: rows × columns is what to bound.
        # Counted after the padding is dropped: a sheet written without its dimension
        # (openpyxl's write-only mode, some exporters) pads each row to MAX_COLUMNS, and
        # counting that padding refused a 3-column file of 40,001 rows as 4,000,100 cells.
        # The padding's own cost is bounded by the row cap and the parse deadline.
        cells_read += len(cells)
        if cells_read > cell_cap:
            uploads.check_cells(name, cells_read)
        if table is None:
            if not any(cells):
                continue
            table = Table(headers=[_header(c) for c in cells])
            continue
        if not any(cells):
            continue
        table.rows.append((number, cells))
    return table


def read_table(filename: str, data: bytes) -> Table:
    """Read a CSV or XLSX file into a header and rows of stripped text."""
    uploads.check_size(filename, len(data))
    name = filename.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data, filename)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data, filename)
    raise TableError([CellError(0, "", filename, _("Chỉ nhận tệp .csv hoặc .xlsx."))])


class Columns:
    """A table's columns found by their headers, each folded and looked up in `lookup`.

    `lookup` maps folded header spellings to column names; the first header that
    names a column is the one kept (and shown in errors).
    """

    def __init__(self, headers: list[str], lookup: dict[str, str]) -> None:
        self.positions: dict[str, int] = {}
        self.shown: dict[str, str] = {}
        for index, header in enumerate(headers):
            column = lookup.get(fold(header))
            if column is not None and column not in self.positions:
                self.positions[column] = index
                self.shown[column] = header

    def text(self, cells: list[str], column: str) -> str:
        """The row's cell in that column, cleaned; empty where the file has no such column."""
        index = self.positions.get(column)
        return clean(cells[index]) if index is not None and index < len(cells) else ""


# At the end: uploads raises TableError, defined above.
from daihoi.core import uploads  # noqa: E402
