"""Spreadsheet cells that stay text: the formula guard every XLSX export uses."""

from __future__ import annotations

from openpyxl.cell.cell import Cell

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
