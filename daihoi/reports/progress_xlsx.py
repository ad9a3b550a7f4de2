"""The progress of a campaign under an organisation, as an Excel workbook.

One summary sheet, one sheet per level listing the direct children, and the
late congresses. Dates are Excel dates and figures are numbers, so the
workbook can be sorted and summed; any text that Excel could take for a
formula is stored as plain text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from daihoi.campaigns.progress import Counts, Progress
from daihoi.core.sheets import neutralise, print_setup
from daihoi.reports.common import child_counts, late_rows, level_label

__all__ = ["neutralise", "progress_workbook", "sheet_title"]

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "#,##0"
# Excel (and LibreOffice) read a cell typed from these characters as a formula.
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="center")

Value = str | int | float | Decimal | dt.date | None


def _put(
    ws: Worksheet,
    row: int,
    column: int,
    value: Value,
    *,
    fmt: str | None = None,
    bold: bool = False,
) -> Cell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, Decimal):
        value = float(value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    neutralise(cell)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif fmt:
        cell.number_format = fmt
    if bold:
        cell.font = BOLD
    return cell


def _header(
    ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[int], *, names_in: int
) -> None:
    """Write a bold, wrapped header row and size the columns; print and freeze it.

    The columns up to `names_in` (the unit's name) stay in view beside the figures.
    """
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = _put(ws, row, column, title, bold=True)
        cell.alignment = WRAP
        ws.column_dimensions[get_column_letter(column)].width = width
    print_setup(ws, header_row=row, frozen_columns=names_in)


def _counts(ws: Worksheet, row: int, column: int, counts: Counts, *, bold: bool = False) -> None:
    """Write due, planned, held, percent held (a fraction shown as 48.5%) and behind."""
    _put(ws, row, column, counts.total, fmt=INTEGER_FORMAT, bold=bold)
    _put(ws, row, column + 1, counts.planned, fmt=INTEGER_FORMAT, bold=bold)
    _put(ws, row, column + 2, counts.held, fmt=INTEGER_FORMAT, bold=bold)
    _put(ws, row, column + 3, counts.percent / 100, fmt=PERCENT_FORMAT, bold=bold)
    _put(ws, row, column + 4, counts.behind, fmt=INTEGER_FORMAT, bold=bold)


def _count_titles() -> list[str]:
    return [
        _("Phải tổ chức"),
        _("Kế hoạch đến ngày"),
        _("Đã tổ chức"),
        _("Tỷ lệ đã tổ chức"),
        _("Chậm so với kế hoạch"),
    ]


def sheet_title(wanted: str, taken: set[str]) -> str:
    """Return a valid, unused sheet title: no []:*?/\\, at most 31 characters, unique."""
    base = "".join(" " if ch in "[]:*?/\\" else ch for ch in wanted).strip(" '") or "Sheet"
    base = base[:31]
    title, n = base, 2
    while title.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def _summary(ws: Worksheet, progress: Progress) -> None:
    _put(ws, 1, 1, _("Tiến độ tổ chức đại hội")).font = TITLE
    _put(ws, 2, 1, _("Tính đến ngày"), bold=True)
    _put(ws, 2, 2, progress.as_of)
    _put(ws, 3, 1, _("Tổ chức"), bold=True)
    _put(ws, 3, 2, progress.root.name)
    _put(ws, 4, 1, _("Đợt đại hội"), bold=True)
    _put(ws, 4, 2, f"{progress.campaign.name} ({progress.campaign.term})")
    _header(ws, 6, [_("Cấp"), *_count_titles()], [40, 14, 14, 14, 14, 14], names_in=1)
    for row, (level, counts) in enumerate(progress.rows(), start=7):
        _put(ws, row, 1, level_label(level))
        _counts(ws, row, 2, counts)


def _level_sheet(ws: Worksheet, progress: Progress, level_index: int) -> None:
    level = progress.levels[level_index]
    _put(ws, 1, 1, f"{level.name} – {progress.root.name}").font = TITLE
    _put(ws, 2, 1, _("Tính đến ngày"), bold=True)
    _put(ws, 2, 3, progress.as_of)
    titles = [_("STT"), _("Mã"), _("Đơn vị trực thuộc"), *_count_titles()]
    _header(ws, 4, titles, [6, 14, 50, 14, 14, 14, 14, 14], names_in=3)
    row = 5
    for number, child in enumerate(progress.children, start=1):
        _put(ws, row, 1, number)
        _put(ws, row, 2, child.org.code)
        _put(ws, row, 3, child.org.name)
        _counts(ws, row, 4, child_counts(progress, child, level))
        row += 1
    _put(ws, row, 3, _("Tổng cộng"), bold=True)
    _counts(ws, row, 4, progress.at(level), bold=True)


def _late_sheet(ws: Worksheet, progress: Progress) -> None:
    rows, _total = late_rows(progress)
    _put(ws, 1, 1, _("Đại hội chậm so với kế hoạch")).font = TITLE
    _put(ws, 2, 1, _("Tính đến ngày"), bold=True)
    _put(ws, 2, 3, progress.as_of)
    titles = [
        _("STT"),
        _("Mã"),
        _("Tổ chức"),
        _("Trực thuộc"),
        _("Cấp"),
        _("Ngày dự kiến"),
        _("Số ngày chậm"),
    ]
    _header(ws, 4, titles, [6, 18, 45, 45, 18, 14, 12], names_in=3)
    for row, late in enumerate(rows, start=5):
        _put(ws, row, 1, row - 4)
        _put(ws, row, 2, late.code)
        _put(ws, row, 3, late.name)
        _put(ws, row, 4, late.parent_name)
        _put(ws, row, 5, late.level)
        _put(ws, row, 6, late.planned_date)
        _put(ws, row, 7, late.days_late, fmt=INTEGER_FORMAT)


def progress_workbook(progress: Progress) -> bytes:
    """Return the progress as an .xlsx file: summary, one sheet per level, the late list."""
    workbook = Workbook()
    taken: set[str] = set()
    summary = workbook.active
    assert summary is not None  # noqa: S101 - a new workbook always has a sheet
    summary.title = sheet_title(_("Tổng hợp"), taken)
    late_title = _("Chậm tiến độ")
    taken.add(late_title)
    _summary(summary, progress)
    for index, level in enumerate(progress.levels):
        _level_sheet(workbook.create_sheet(sheet_title(level_label(level), taken)), progress, index)
    _late_sheet(workbook.create_sheet(late_title), progress)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
