"""How a printed export is checked: read back as Excel and Word read it."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm

# A4's width less the guidance's margins (30 mm left, 15 mm right).
A4_TEXT_WIDTH_MM = 165


def assert_prints_one_page_wide(sheet: Any, *, header_row: int, frozen: str) -> None:
    """The sheet prints landscape on A4, one page wide, its header row on every page."""
    assert sheet.print_title_rows == f"${header_row}:${header_row}", sheet.title
    assert sheet.freeze_panes == frozen, sheet.title
    assert sheet.page_setup.orientation == "landscape", sheet.title
    assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4
    assert int(sheet.page_setup.fitToWidth) == 1, sheet.title
    assert int(sheet.page_setup.fitToHeight) == 0, sheet.title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, sheet.title


def column_widths_mm(table: Any) -> list[float]:
    """The widths Word lays the table's columns out with (its grid), in millimetres."""
    grid = table._tbl.tblGrid
    return [round(int(col.get(qn("w:w"))) * 635 / Mm(1), 1) for col in grid.gridCol_lst]


def assert_fits_a4(table: Any) -> list[float]:
    """The table's columns fill the text width of A4 and Word keeps them (fixed layout)."""
    widths = column_widths_mm(table)
    assert abs(sum(widths) - A4_TEXT_WIDTH_MM) < 1, widths
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"
    for row in table.rows:
        assert [round(c.width / Mm(1), 1) for c in row.cells] == widths
    return widths
