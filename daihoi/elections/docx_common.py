"""What the election's papers share: the text helpers and the Party's wording (python-docx)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt
from docx.table import _Cell

from daihoi.core import letterhead as ph
from daihoi.elections.models import ElectionState

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph


TABLE_SIZE = Pt(12)
SURPLUS_NOTE = "Gạch ngang cả họ và tên người không bầu"
NO_SURPLUS_NOTE = "Đánh dấu (X) vào một trong hai ô «Đồng ý» hoặc «Không đồng ý» ở mỗi dòng"
STAMP_TEXT = "Dấu của ban kiểm phiếu"
AGREE, DISAGREE = "Đồng ý", "Không đồng ý"
# The states in which the minutes can be written: the entries are settled.
MINUTES_STATES = (ElectionState.RECONCILED, ElectionState.ANNOUNCED, ElectionState.SEALED)
INVALID_REASON_TEXT = {
    "not_issued": "không do ban kiểm phiếu phát ra (không có dấu)",
    "more_than_seats": "để lại nhiều tên hơn số lượng được bầu",
    "all_crossed": "gạch hết tên trong danh sách",
    "written_in": "ghi thêm tên người ngoài danh sách",
    "marked": "có dấu hiệu riêng",
}
NUMBER_LABEL = "Số phiếu"
NUMBER_WHEN = "(Ban kiểm phiếu ghi sau khi mở hòm phiếu)"
BOARD_NOTE = (
    "Phiếu phát ra không đánh số. Sau khi mở hòm phiếu, Ban kiểm phiếu đánh số các phiếu "
    "thu vào từ 1 đến N (viết tay hoặc đóng dấu số nhảy) và ghi lại số N; khi nhập phiếu "
    "chỉ nhận các số từ 1 đến N."
)


# --- shared ---------------------------------------------------------------------------------


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: Length | None = None,
) -> Any:
    # Only what differs from the Normal style (Times New Roman 14 pt, plain) is written:
    # every property set adds an element, and a 200-name table has over a thousand runs.
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    if size is not None and size != ph.BODY_SIZE:
        run.font.size = size
    return run


def add_para(
    container: DocumentObject | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: Length | None = None,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    first: bool = False,
) -> Paragraph:
    """Add one paragraph of one run; `first` reuses a table cell's initial empty paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def add_grid(
    doc: DocumentObject | _Cell,
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[Length],
    *,
    centred: Sequence[int] = (),
    size: Length = TABLE_SIZE,
) -> Table:
    """Add a bordered table: bold centred titles, then the rows; columns `centred` centred."""
    table = doc.add_table(rows=len(rows) + 1, cols=len(titles))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for r, row in enumerate(table.rows):
        values = titles if r == 0 else rows[r - 1]
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            if r == 0 or c in centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if value:
                _run(paragraph, value, bold=r == 0, size=size)
    return table


def fill_signature_cell(cell: _Cell, role: str, name: str) -> None:
    add_para(cell, role.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
    add_para(
        cell, "(Ký, ghi rõ họ tên)", italic=True, size=TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    for _ in range(3):
        add_para(cell)
    add_para(cell, name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_para(cell)


def add_body(doc: DocumentObject, text: str, *, bold: bool = False) -> Paragraph:
    paragraph = add_para(doc, text, bold=bold, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(4)
    return paragraph
