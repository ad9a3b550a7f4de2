"""The printed ballots of an election, four, two or one to an A4 sheet, with python-docx.

Vietnamese by definition (Party documents), so the text is written literally rather
than translated. `ballot_document` prints the ballots in the form the list calls for:
with a surplus the voter crosses out the names not chosen; with exactly as many names
as seats each line has the boxes "Đồng ý" / "Không đồng ý". The papers are issued by
the congress and are all alike: no serial, so no paper can be tied to the delegate
who received it. Each has an empty "Số phiếu" box beside the board's stamp box; after
opening the ballot box the board numbers the papers collected 1…N, and those are the
numbers the counting teams key. Short lists print four to an A4 sheet, longer ones
two, long ones one per page, with dashed cut lines between them. Printing records
nothing: the number issued is recorded by `do_record_ballot_counts`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import _Cell

from daihoi.core import letterhead as ph
from daihoi.elections import queries
from daihoi.elections.models import Election
from daihoi.lib.roman import to_roman

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph
from daihoi.elections.docx_common import (
    AGREE,
    BOARD_NOTE,
    DISAGREE,
    NO_SURPLUS_NOTE,
    NUMBER_LABEL,
    NUMBER_WHEN,
    STAMP_TEXT,
    SURPLUS_NOTE,
    TABLE_SIZE,
    _run,
    add_grid,
    add_para,
)

# --- ballots --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotLayout:
    """How many ballots share an A4 sheet, and the sizes that make one fit its share."""

    per_page: int
    rows: int
    cols: int
    landscape: bool
    margin: Length  # of the page, every side
    cell_height: Length  # of each ballot's cell, below which nothing may be printed
    inner: Length  # the width a ballot's text may use
    header: Length
    body: Length
    title: Length
    names: Length
    note: Length
    small: Length


def _layout(per_page: int, rows: int, cols: int, **sizes: float) -> BallotLayout:
    landscape = cols > rows
    width, height = (297, 210) if landscape else (210, 297)
    margin = 10
    # A few millimetres short of the page, so that no row spills onto a page of its own.
    cell_height = (height - 2 * margin - 3) / rows
    return BallotLayout(
        per_page=per_page,
        rows=rows,
        cols=cols,
        landscape=landscape,
        margin=Mm(margin),
        cell_height=Mm(cell_height),
        inner=Mm((width - 2 * margin) / cols - 2 * _CELL_PAD_MM),
        header=Pt(sizes["header"]),
        body=Pt(sizes["body"]),
        title=Pt(sizes["title"]),
        names=Pt(sizes["names"]),
        note=Pt(sizes["note"]),
        small=Pt(sizes["small"]),
    )


_CELL_PAD_MM = 5
# A6 quarters of a portrait sheet, A5 halves of a landscape one, or a whole page; the
# largest list each holds was measured by printing it (LibreOffice, Times New Roman).
FOUR_UP = _layout(4, 2, 2, header=9, body=10, title=14, names=11, note=8.5, small=7)
TWO_UP = _layout(2, 1, 2, header=10, body=11, title=15, names=11, note=9.5, small=8)
ONE_UP = BallotLayout(
    per_page=1,
    rows=1,
    cols=1,
    landscape=False,
    margin=Mm(0),
    cell_height=Mm(0),
    inner=ph.TEXT_WIDTH,
    header=ph.BODY_SIZE,
    body=ph.BODY_SIZE,
    title=Pt(18),
    names=Pt(13),
    note=TABLE_SIZE,
    small=Pt(10),
)
FOUR_UP_MAX_NAMES = 8
TWO_UP_MAX_NAMES = 20
CUT_LINE = {"val": "dashed", "sz": "6", "space": "0", "color": "808080"}


def ballot_layout(names: int) -> BallotLayout:
    """Return the layout for a list of `names`: four to a page, two, or one."""
    if names <= FOUR_UP_MAX_NAMES:
        return FOUR_UP
    if names <= TWO_UP_MAX_NAMES:
        return TWO_UP
    return ONE_UP


def congress_heading(
    org_name: str, *, ordinal: int | None, term: str, centre: bool = False
) -> tuple[str, str]:
    """Return the congress that issues the ballots, in capitals, as two lines.

    ("Đảng bộ huyện Lộc Bình", 21, "2025–2030") → ("ĐẠI HỘI ĐẢNG BỘ HUYỆN LỘC
    BÌNH", "LẦN THỨ XXI, NHIỆM KỲ 2025–2030"); a party cell is "ĐẠI HỘI CHI BỘ
    …"; the National Congress is "ĐẠI HỘI ĐẠI BIỂU TOÀN QUỐC" "LẦN THỨ XIV CỦA
    ĐẢNG". What is not known (no ordinal, no term) is left out.
    """
    numbered = f"LẦN THỨ {to_roman(ordinal)}" if ordinal else ""
    if centre:
        return "ĐẠI HỘI ĐẠI BIỂU TOÀN QUỐC", " ".join(filter(None, [numbered, "CỦA ĐẢNG"]))
    name = " ".join(org_name.split())
    if not name.lower().startswith(("đảng bộ", "chi bộ")):
        name = f"Đảng bộ {name}"
    second = ", ".join(filter(None, [numbered, f"NHIỆM KỲ {term.strip()}" if term else ""]))
    return f"ĐẠI HỘI {name.upper()}", second


def _congress_lines(election: Election) -> tuple[str, str]:
    congress = election.congress
    org = congress.organisation
    return congress_heading(
        org.name,
        ordinal=congress.ordinal,
        term=congress.term or congress.campaign.term,
        centre=org.depth <= 1,
    )


def _tight(paragraph: Paragraph, height: Length) -> Paragraph:
    """Give a paragraph an exact line height: a blank line of the stamp box, or a spacer."""
    paragraph.paragraph_format.line_spacing = height
    return paragraph


def _after_table(box: DocumentObject | _Cell) -> None:
    """Drop the empty paragraph python-docx puts after a table in a cell: text follows."""
    if isinstance(box, _Cell):
        box._tc.remove(box.paragraphs[-1]._p)


def _borderless(box: DocumentObject | _Cell, widths: Sequence[Length]) -> Table:
    if not isinstance(box, _Cell):
        return ph.add_borderless_table(box, widths)
    table = box.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, {})
    for cell, column, width in zip(table.rows[0].cells, table.columns, widths, strict=True):
        cell.width = column.width = width
    _after_table(box)
    return table


def _set_borders(table: Table, inside: Mapping[str, str]) -> None:
    """No border round the table; the inside lines as given (a cut line), or none."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        attrs = inside if inside and edge.startswith("inside") else {"val": "nil"}
        for key, value in attrs.items():
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _write_ballot(
    box: DocumentObject | _Cell, election: Election, names: Sequence[str], layout: BallotLayout
) -> None:
    """Write one ballot into `box` (the page, or a cell of a sheet); copies are made from it."""
    one = layout is ONE_UP
    width = layout.inner
    gap = Pt(2) if not one else Pt(6)
    if isinstance(box, _Cell):  # a new cell holds one empty paragraph; the ballot starts bare
        for paragraph in box.paragraphs:
            box._tc.remove(paragraph._p)
    first_line, second_line = _congress_lines(election)
    left_w = ph.HEADER_LEFT if one else Length(int(width * 0.5))
    top = _borderless(box, [left_w, Length(width - left_w)])
    left, right = top.rows[0].cells
    heading = add_para(left, first_line, bold=True, size=layout.header, first=True)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "LẦN THỨ XXI," and "NHIỆM KỲ 2025–2030" each on a line of its own.
    for part in second_line.replace(", ", ",\n").split("\n") if second_line else []:
        heading.add_run().add_break()
        _run(heading, part, bold=True, size=layout.header)
    add_para(left, "*", size=layout.header, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_para(
        right,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        bold=True,
        underline=True,
        size=layout.header if not one else Pt(15),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        first=True,
    )

    title = add_para(box, "PHIẾU BẦU CỬ", bold=True, size=layout.title)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(12) if one else Pt(4)
    add_para(box, election.title, bold=True, size=layout.body, align=WD_ALIGN_PARAGRAPH.CENTER)
    if election.round_no > 1:
        add_para(
            box,
            f"(Bầu lần thứ {election.round_no})",
            italic=True,
            size=layout.body,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    rule = add_para(box, "-----", size=layout.body, align=WD_ALIGN_PARAGRAPH.CENTER)
    rule.paragraph_format.space_after = Pt(8) if one else gap

    size = layout.names if len(names) <= 25 else TABLE_SIZE
    numbered = [(str(i), name) for i, name in enumerate(names, start=1)]
    stt = Mm(15) if one else Mm(12)
    if len(names) == election.seats:
        tick = Mm(30) if one else Length(int(width * 0.16))
        cross = Mm(35) if one else Length(int(width * 0.2))
        add_grid(
            box,
            ["STT", "Họ và tên", AGREE, DISAGREE],
            [(no, name, "", "") for no, name in numbered],
            [stt, Length(width - stt - tick - cross), tick, cross],
            centred=(0,),
            size=size,
        )
        note = NO_SURPLUS_NOTE
    else:
        name_w = Mm(120) if one else Length(int(min(width - stt, Mm(100))))
        add_grid(box, ["STT", "Họ và tên"], numbered, [stt, name_w], centred=(0,), size=size)
        note = SURPLUS_NOTE
    _after_table(box)
    hint = add_para(box, f"Ghi chú: {note}.", italic=True, size=layout.note)
    hint.paragraph_format.space_before = gap
    hint.paragraph_format.space_after = gap
    _board_marks(box, layout)


def _board_marks(box: DocumentObject | _Cell, layout: BallotLayout) -> None:
    """The board's two boxes side by side, its stamp and the paper's number, and the note."""
    one = layout is ONE_UP
    width = Mm(130) if one else layout.inner
    marks = box.add_table(rows=1, cols=2)
    _after_table(box)
    marks.style = "Table Grid"
    marks.alignment = WD_TABLE_ALIGNMENT.CENTER
    marks.autofit = False
    half = Length(int(width / 2))
    for cell, column in zip(marks.rows[0].cells, marks.columns, strict=True):
        cell.width = column.width = half
    number, stamp = marks.rows[0].cells
    label = add_para(number, NUMBER_LABEL, bold=True, size=layout.note, first=True)
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_para(number, NUMBER_WHEN, italic=True, size=layout.small, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_para(number, size=layout.note)
    add_para(number, "…………", size=layout.note, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_para(
        stamp,
        STAMP_TEXT,
        italic=True,
        size=layout.note,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        first=True,
    )
    for _ in range(3):
        _tight(add_para(stamp), layout.note)
    board = add_para(box, BOARD_NOTE, italic=True, size=layout.small)
    board.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    board.paragraph_format.space_before = Pt(6) if one else Pt(2)


def _sheet(doc: DocumentObject, layout: BallotLayout) -> Table:
    """Add one sheet's table: a cell per ballot, dashed cut lines between them and no others."""
    table = doc.add_table(rows=layout.rows, cols=layout.cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, CUT_LINE)
    margins = OxmlElement("w:tblCellMar")
    for edge, mm in (("top", 4), ("left", _CELL_PAD_MM), ("bottom", 2), ("right", _CELL_PAD_MM)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(Mm(mm).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)
    column_width = Length(int(layout.inner + Mm(2 * _CELL_PAD_MM)))
    for column in table.columns:
        column.width = column_width
    for row in table.rows:
        row.height = layout.cell_height
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            cell.width = column_width
    return table


def _page_setup(doc: DocumentObject, layout: BallotLayout) -> None:
    section = doc.sections[0]
    if layout.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = ph.PAGE_HEIGHT, ph.PAGE_WIDTH
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", layout.margin)
    if layout.rows > 1:
        # The rows keep a few millimetres of slack; split above and below them, the cut
        # between the rows falls on the middle of the sheet (two A6 of 148.5 mm), not
        # 1.5 mm above it.
        page_height = section.page_height or ph.PAGE_HEIGHT
        section.top_margin = Length(int((page_height - layout.rows * layout.cell_height) / 2))
    # Blank lines and the paragraph a cell ends with are as small as the ballot's text.
    doc.styles["Normal"].font.size = layout.body  # type: ignore[attr-defined]


def ballot_document(election: Election, *, copies: int | None = None) -> bytes:
    """Return the printable ballots, unnumbered: four, two or one to an A4 sheet.

    `copies` overrides the number recorded as issued (printing spares does not
    record anything). Refuses with ValueError when the list is empty or no
    number of ballots is known.
    """
    names = queries.names(election)
    if not names:
        raise ValueError("Danh sách bầu cử chưa có tên nào; chưa thể in phiếu bầu.")
    total = copies if copies is not None else election.ballots_issued
    if not total or total < 1:
        raise ValueError(
            "Chưa biết số phiếu cần in: hãy ghi số phiếu phát ra hoặc chọn số bản cần in."
        )
    layout = ballot_layout(len(names))
    doc = ph.new_document()
    if layout is not ONE_UP:
        _page_setup(doc, layout)
    body = doc.element.body
    sect_pr = body[-1]  # the section properties stay the last child of the body
    breaker = doc.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    body.remove(breaker._p)
    if layout is ONE_UP:
        _write_ballot(doc, election, names, layout)
        page = [child for child in body if child is not sect_pr]
    else:
        sheet = _sheet(doc, layout)
        first = sheet.cell(0, 0)
        _write_ballot(first, election, names, layout)
        ballot = [child for child in first._tc if child.tag != qn("w:tcPr")]
        for child in ballot:
            first._tc.remove(child)
        first._tc.append(OxmlElement("w:p"))
        # Word wants a paragraph after a table; an exact 1 pt one keeps the sheet on its page.
        _tight(breaker, Pt(1))
        page = [sheet._tbl]
    for child in page:
        body.remove(child)
    # One ballot laid out once, then copied: a deep copy of the XML is far quicker
    # than building 1,587 ballots of tables through python-docx.
    pages = -(-total // layout.per_page)
    for number in range(pages):
        if number > 0:
            sect_pr.addprevious(copy.deepcopy(breaker._p))
        copied = [copy.deepcopy(child) for child in page]
        if layout is not ONE_UP:
            on_sheet = min(layout.per_page, total - number * layout.per_page)
            for tc in list(copied[0].iter(qn("w:tc")))[:on_sheet]:
                for old in [c for c in tc if c.tag != qn("w:tcPr")]:
                    tc.remove(old)
                tc.extend(copy.deepcopy(child) for child in ballot)
        for child in copied:
            sect_pr.addprevious(child)
    if layout is not ONE_UP:
        end = copy.deepcopy(breaker._p)
        for br in end.iter(qn("w:br")):
            br.getparent().remove(br)
        sect_pr.addprevious(end)
    return ph.document_bytes(doc)
