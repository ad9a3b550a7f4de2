"""The progress of a campaign under an organisation, as an Excel workbook.

One summary sheet, one sheet per level listing the direct children, and the
late congresses. Dates are Excel dates and figures are numbers, so the
workbook can be sorted and summed; any text that Excel could take for a
formula is stored as plain text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from daihoi.campaigns.progress import Counts, Progress
from daihoi.core.sheets import FORMULA_STARTS, neutralise, print_setup, streamed_workbook
from daihoi.jobs.exports import Ticker, quiet
from daihoi.jobs.runner import Progress as Progress_
from daihoi.reports.common import LateRow, child_counts, iter_late_rows, late_count, level_label

__all__ = ["neutralise", "progress_workbook", "sheet_title", "write_progress_workbook"]

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "#,##0"
# Excel (and LibreOffice) read a cell typed from these characters as a formula.
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="center")


Value = str | int | float | Decimal | dt.date | None


def _cell(ws: Any, value: Value, *, fmt: str | None = None, bold: bool = False) -> Any:
    """One cell of a write-only sheet: dates as Excel dates, text never a formula.

    A plain value (text, a number without format) is handed over as itself: openpyxl
    takes a Cell object only after failing to read it as a value (an exception and
    its message per cell), which cost half of writing a national late list.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, Decimal):
        value = float(value)
    plain = not (fmt or bold or isinstance(value, dt.date))
    if plain and not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    cell = WriteOnlyCell(ws, value=value)
    neutralise(cell)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif fmt:
        cell.number_format = fmt
    if bold:
        cell.font = BOLD
    return cell


def _title(ws: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    neutralise(cell)
    cell.font = TITLE
    return cell


def _header(
    ws: Any, row: int, titles: Sequence[str], widths: Sequence[int], *, names_in: int
) -> list[Any]:
    """Size the columns, print and freeze the header row; return its bold, wrapped cells.

    Called before the sheet's first row: a write-only sheet writes its set-up first.
    The columns up to `names_in` (the unit's name) stay in view beside the figures.
    """
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    print_setup(ws, header_row=row, frozen_columns=names_in)
    cells = []
    for title in titles:
        cell = _cell(ws, title, bold=True)
        cell.alignment = WRAP
        cells.append(cell)
    return cells


def _counts(ws: Any, counts: Counts, *, bold: bool = False) -> list[Any]:
    """Due, planned, held, percent held (a fraction shown as 48.5%) and behind."""
    return [
        _cell(ws, counts.total, fmt=INTEGER_FORMAT, bold=bold),
        _cell(ws, counts.planned, fmt=INTEGER_FORMAT, bold=bold),
        _cell(ws, counts.held, fmt=INTEGER_FORMAT, bold=bold),
        _cell(ws, counts.percent / 100, fmt=PERCENT_FORMAT, bold=bold),
        _cell(ws, counts.behind, fmt=INTEGER_FORMAT, bold=bold),
    ]


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


def _summary(ws: Any, progress: Progress) -> None:
    header = _header(ws, 6, [_("Cấp"), *_count_titles()], [40, 14, 14, 14, 14, 14], names_in=1)
    ws.append([_title(ws, _("Tiến độ tổ chức đại hội"))])
    ws.append([_cell(ws, _("Tính đến ngày"), bold=True), _cell(ws, progress.as_of)])
    ws.append([_cell(ws, _("Tổ chức"), bold=True), _cell(ws, progress.root.name)])
    ws.append(
        [
            _cell(ws, _("Đợt đại hội"), bold=True),
            _cell(ws, f"{progress.campaign.name} ({progress.campaign.term})"),
        ]
    )
    ws.append([])
    ws.append(header)
    for level, counts in progress.rows():
        ws.append([_cell(ws, level_label(level)), *_counts(ws, counts)])


def _as_of(ws: Any, progress: Progress) -> list[Any]:
    return [_cell(ws, _("Tính đến ngày"), bold=True), None, _cell(ws, progress.as_of)]


def _level_sheet(ws: Any, progress: Progress, level_index: int, tick: Ticker) -> None:
    level = progress.levels[level_index]
    titles = [_("STT"), _("Mã"), _("Đơn vị trực thuộc"), *_count_titles()]
    header = _header(ws, 4, titles, [6, 14, 50, 14, 14, 14, 14, 14], names_in=3)
    ws.append([_title(ws, f"{level.name} – {progress.root.name}")])
    ws.append(_as_of(ws, progress))
    ws.append([])
    ws.append(header)
    for number, child in enumerate(progress.children, start=1):
        ws.append(
            [
                number,
                _cell(ws, child.org.code),
                _cell(ws, child.org.name),
                *_counts(ws, child_counts(progress, child, level)),
            ]
        )
        tick()
    total = _cell(ws, _("Tổng cộng"), bold=True)
    ws.append([None, None, total, *_counts(ws, progress.at(level), bold=True)])


def _late_sheet(ws: Any, progress: Progress, rows: Iterable[LateRow], tick: Ticker) -> None:
    titles = [
        _("STT"),
        _("Mã"),
        _("Tổ chức"),
        _("Trực thuộc"),
        _("Cấp"),
        _("Ngày dự kiến"),
        _("Số ngày chậm"),
    ]
    header = _header(ws, 4, titles, [6, 18, 45, 45, 18, 14, 12], names_in=3)
    ws.append([_title(ws, _("Đại hội chậm so với kế hoạch"))])
    ws.append(_as_of(ws, progress))
    ws.append([])
    ws.append(header)
    for number, late in enumerate(rows, start=1):
        ws.append(
            [
                number,
                _cell(ws, late.code),
                _cell(ws, late.name),
                _cell(ws, late.parent_name),
                _cell(ws, late.level),
                _cell(ws, late.planned_date),
                _cell(ws, late.days_late, fmt=INTEGER_FORMAT),
            ]
        )
        tick()


def write_progress_workbook(out: BinaryIO, result: Progress, progress: Progress_ = quiet) -> int:
    """Write the progress as .xlsx, streamed (write-only): summary, a sheet per level, late.

    Returns the rows listed; reports progress per child and per late congress.
    """
    with streamed_workbook(out) as workbook:
        return _sheets(workbook, result, progress)


def _sheets(workbook: Workbook, result: Progress, progress: Progress_) -> int:
    taken: set[str] = set()
    summary_title = sheet_title(_("Tổng hợp"), taken)
    late_title = _("Chậm tiến độ")
    taken.add(late_title)
    _summary(workbook.create_sheet(summary_title), result)
    per_level = Ticker(progress, _("Đơn vị trực thuộc"), len(result.children) * len(result.levels))
    for index, level in enumerate(result.levels):
        sheet = workbook.create_sheet(sheet_title(level_label(level), taken))
        _level_sheet(sheet, result, index, per_level)
    total = late_count(result)
    _late_sheet(
        workbook.create_sheet(late_title),
        result,
        iter_late_rows(result),
        Ticker(progress, _("Đại hội chậm"), total),
    )
    return per_level.total + total


def progress_workbook(result: Progress) -> bytes:
    """Return the progress as an .xlsx file: summary, one sheet per level, the late list."""
    buffer = io.BytesIO()
    write_progress_workbook(buffer, result)
    return buffer.getvalue()
