"""Spreadsheet helpers every XLSX export shares: the formula guard and the print set-up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

# What Excel and LibreOffice read as the start of a formula (CSV/XLSX injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Cell) -> None:
    """Make a text cell that looks like a formula plain text, shown exactly as written.

    The value stays the text (no visible apostrophe); the cell is typed as a
    string and carries Excel's quote prefix, so neither opening nor editing the
    cell evaluates it.
    """
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def print_setup(sheet: Any, *, header_row: int, frozen_columns: int = 0) -> None:
    """Print the sheet landscape on A4, one page wide, its header row on every page.

    The header row repeats at the top of each printed page (Excel's print titles)
    and stays in view on screen (frozen panes), with the first `frozen_columns`
    columns (a unit's name) frozen beside the figures. The pages run as long as the
    rows need: fit to one page wide, any number of pages tall (fitToHeight 0),
    so a 300-row sheet does not shrink to one unreadable page.

    Works on a normal and on a write-only sheet; a write-only sheet must be set up
    before its first row is appended (openpyxl writes the frozen panes with it).
    """
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{header_row + 1}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = 9  # A4 in the SpreadsheetML enumeration
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


@contextmanager
def streamed_workbook(out: BinaryIO) -> Iterator[Workbook]:
    """A write-only workbook (rows streamed to disk), saved to `out` when the block ends.

    If the block raises (a cancelled export), nothing is saved and the sheets'
    streams are closed cleanly.
    """
    book = Workbook(write_only=True)
    try:
        yield book
    except BaseException:
        close_unsaved(book)
        raise
    book.save(out)


def close_unsaved(book: Any) -> None:
    """End a write-only workbook abandoned midway (a cancelled export) without saving it.

    Each write-only sheet streams through a suspended generator into a temporary
    file; left to the garbage collector, the generator ends inside lxml and prints
    errors. Closing the sheets ends them cleanly and removes their files.
    """
    for sheet in book.worksheets:
        try:
            sheet.close()
            os.remove(sheet._writer.out)
        except (OSError, AttributeError, ValueError, TypeError):
            continue
