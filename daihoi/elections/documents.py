"""The papers of an election, written with python-docx: the printed ballots and the minutes.

Both are Vietnamese by definition (Party documents), so the text is written
literally rather than translated, with Vietnamese figures (1.587; 87,50%).

`ballot_document` prints the ballots in the form the list calls for: with a
surplus the voter crosses out the names not chosen; with exactly as many names
as seats each line has the boxes "Đồng ý" / "Không đồng ý". The papers are
issued by the congress and are all alike: no serial, so no paper can be tied
to the delegate who received it. Each has an empty "Số phiếu" box beside the
board's stamp box; after opening the ballot box the board numbers the papers
collected 1…N, and those are the numbers the counting teams key. Short lists
print four to an A4 sheet, longer ones two, long ones one per page, with dashed
cut lines between them. Printing records nothing: the number issued is
recorded by `do_record_ballot_counts`.

`minutes_document` writes the counting minutes (biên bản kiểm phiếu) in the
Party's format (Hướng dẫn 36-HD/VPTW): the board, the ballots issued,
collected, valid and invalid, the base and the votes needed, every name with
its votes and percentages, who is elected, ties and seats left, the record's
head and the fingerprint of the key that signs it (what an inspector checks the
electronic record against), and a signature line for each board member.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import _Cell

from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_int, vn_percent
from daihoi.elections import queries
from daihoi.elections.models import BoardMember, BoardRole, Election, ElectionState
from daihoi.elections.outcome import Outcome, as_outcome
from daihoi.elections.signing import fingerprint
from daihoi.lib import electionrecord as record
from daihoi.lib.roman import to_roman

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph

__all__ = [
    "INVALID_REASON_TEXT",
    "add_body",
    "add_grid",
    "add_para",
    "ballot_document",
    "ballot_layout",
    "chain_head",
    "congress_heading",
    "elected_lines",
    "fill_signature_cell",
    "minutes_document",
    "minutes_result",
    "spaced_head",
]

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


# --- minutes --------------------------------------------------------------------------------


def chain_head(election: Election, result: Outcome) -> str:
    """Return the record's head: sealed at announcement, else the one announcing will seal.

    Once the entries are reconciled nothing more is keyed, so the head over the
    last entry, this result and the number of entries is the one the record
    will carry: minutes printed before the announcement certify the same record.
    """
    if election.chain_head:
        return election.chain_head
    return record.final_hash(
        queries.chain_head(election), result.to_json(), election.entries.count()
    )


def spaced_head(head: str) -> str:
    """Write a chain head in groups of eight, to be read aloud and compared by eye."""
    return " ".join(head[i : i + 8] for i in range(0, len(head), 8))


def minutes_result(election: Election) -> Outcome:
    """Return the result the minutes print: the announced one, else counted now.

    Raises ValueError before the entries are reconciled.
    """
    if election.state not in MINUTES_STATES:
        raise ValueError(
            "Chỉ lập biên bản kiểm phiếu khi các lượt nhập phiếu đã đối chiếu xong "
            f"(cuộc bầu cử đang ở trạng thái «{ElectionState(election.state).label}»)."
        )
    stored = election.outcome
    if stored is not None and election.state != ElectionState.RECONCILED:
        return stored
    if election.base is None:
        raise ValueError("Chưa xác định cơ sở tính kết quả bầu cử.")
    if not queries.reconciliation(election).settled:
        raise ValueError("Còn phiếu chưa được đối chiếu xong; chưa thể lập biên bản.")
    return queries.count_now(election)


def _member_name(member: BoardMember) -> str:
    return member.user.full_name or member.user.username


def _day_of(election: Election) -> dt.date:
    stamp = election.reconciled_at or election.announced_at
    return timezone.localdate(stamp) if stamp is not None else timezone.localdate()


def _board(election: Election) -> tuple[list[BoardMember], list[BoardMember], list[BoardMember]]:
    """Return the head(s), the members and the technical staff, each by name."""
    members = sorted(election.board.select_related("user"), key=lambda m: (m.pk,))
    heads = [m for m in members if m.role == BoardRole.HEAD]
    plain = [m for m in members if m.role == BoardRole.MEMBER]
    technical = [m for m in members if m.role == BoardRole.TECHNICAL]
    return heads, plain, technical


def fill_signature_cell(cell: _Cell, role: str, name: str) -> None:
    add_para(cell, role.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
    add_para(
        cell, "(Ký, ghi rõ họ tên)", italic=True, size=TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    for _ in range(3):
        add_para(cell)
    add_para(cell, name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_para(cell)


def _signatures(doc: DocumentObject, heads: Sequence[str], members: Sequence[str]) -> None:
    """Write a signature line for every head and member, two to a row, the head first."""
    signers = [("Trưởng ban kiểm phiếu", n) for n in heads] + [
        ("Ủy viên ban kiểm phiếu", n) for n in members
    ]
    if not signers:
        signers = [("Trưởng ban kiểm phiếu", "")]
    doc.add_paragraph()
    table = ph.add_borderless_table(doc, [Mm(82), Mm(83)])
    for i in range(0, len(signers), 2):
        row = table.rows[0] if i == 0 else table.add_row()
        pair = signers[i : i + 2]
        for cell, (role, name) in zip(row.cells, pair, strict=False):
            fill_signature_cell(cell, role, name)


def add_body(doc: DocumentObject, text: str, *, bold: bool = False) -> Paragraph:
    paragraph = add_para(doc, text, bold=bold, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(4)
    return paragraph


def elected_lines(result: Mapping[str, Any] | Outcome) -> list[str]:
    """The elected by votes (ballot order among equals), each with votes and percentages."""
    outcome = as_outcome(result)
    return [
        f"{i}. Đồng chí {line.full_name}: {vn_int(line.votes)} phiếu, "
        f"đạt {vn_percent(line.percent_of_base, 2)} so với cơ sở tính kết quả."
        for i, line in enumerate(outcome.elected_lines(), start=1)
    ]


def minutes_document(election: Election) -> bytes:
    """Return the counting minutes of a reconciled (or announced, sealed) election as DOCX."""
    result = minutes_result(election)
    congress = election.congress
    org = congress.organisation
    day = _day_of(election)
    letterhead = ph.letterhead_for(org, doc_type="BB", day=day)
    doc = ph.new_document()
    ph.add_header(
        doc,
        issuing_body="Ban kiểm phiếu",
        number="    -BB/ĐH",
        place=letterhead.place,
        day=day,
        superior_body=f"Đại hội {org.name}",
    )
    ph.add_title(doc, f"BIÊN BẢN KIỂM PHIẾU\n{election.title}")
    if election.round_no > 1:
        add_para(
            doc, f"(Bầu lần thứ {election.round_no})", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )

    heads, members, technical = _board(election)
    head_names = [_member_name(m) for m in heads]
    member_names = [_member_name(m) for m in members]
    ph.add_heading(doc, "I. BAN KIỂM PHIẾU")
    add_body(
        doc,
        f"Hôm nay, {ph.date_line(letterhead.place, day).split(', ', 1)[1]}, tại Đại hội "
        f"{org.name}, Ban kiểm phiếu do Đại hội bầu ra gồm các đồng chí:",
    )
    for name in head_names:
        add_body(doc, f"- Đồng chí {name}, Trưởng ban.")
    for name in member_names:
        add_body(doc, f"- Đồng chí {name}, Ủy viên.")
    if technical:
        names = ", ".join(_member_name(m) for m in technical)
        add_body(doc, f"Giúp việc Ban kiểm phiếu (tổ kỹ thuật nhập phiếu): {names}.")
    add_body(
        doc,
        f"Ban kiểm phiếu đã kiểm phiếu cuộc bầu cử «{election.title}», số lượng được bầu: "
        f"{vn_int(election.seats)}, danh sách bầu cử gồm {vn_int(len(result.candidates))} "
        f"đồng chí. Mỗi phiếu được {vn_int(election.teams)} tổ nhập độc lập; kết quả dưới "
        "đây chỉ tính những phiếu mà các lượt nhập khớp nhau hoặc đã được Ban kiểm phiếu "
        "quyết định.",
    )

    ballots = result.ballots
    collected = (
        election.ballots_collected if election.ballots_collected is not None else ballots.collected
    )
    ph.add_heading(doc, "II. KẾT QUẢ KIỂM PHIẾU")
    issued = vn_int(election.ballots_issued) if election.ballots_issued is not None else "—"
    add_body(doc, f"1. Số phiếu phát ra: {issued} phiếu.")
    add_body(doc, f"2. Số phiếu thu vào: {vn_int(collected)} phiếu.")
    add_body(doc, f"3. Số phiếu hợp lệ: {vn_int(ballots.valid)} phiếu.")
    add_body(doc, f"4. Số phiếu không hợp lệ: {vn_int(ballots.invalid)} phiếu.")
    for reason, count in ballots.reasons():
        if count:
            add_body(doc, f"- Phiếu {INVALID_REASON_TEXT[reason]}: {vn_int(count)} phiếu.")
    add_body(
        doc,
        f"5. Cơ sở tính kết quả bầu cử: {vn_int(result.base)}; người trúng cử phải được "
        f"quá một nửa, tức ít nhất {vn_int(result.needed)} phiếu bầu.",
    )
    add_body(doc, "6. Số phiếu bầu cho từng đồng chí (theo thứ tự trên phiếu bầu):")
    rows = [
        (
            str(c.no),
            c.full_name,
            vn_int(c.votes),
            vn_percent(c.percent_of_base, 2),
            vn_percent(c.percent_of_valid, 2),
            "Trúng cử" if c.elected else "",
        )
        for c in result.candidates
    ]
    add_grid(
        doc,
        ["STT", "Họ và tên", "Số phiếu", "% so với cơ sở", "% so với phiếu hợp lệ", "Kết quả"],
        rows,
        [Mm(12), Mm(55), Mm(20), Mm(25), Mm(28), Mm(25)],
        centred=(0, 2, 3, 4, 5),
    )

    ph.add_heading(doc, "III. NGƯỜI TRÚNG CỬ")
    if result.elected:
        add_body(
            doc,
            f"Căn cứ quy chế bầu cử, {vn_int(len(result.elected))} đồng chí sau đây trúng cử "
            "(theo thứ tự số phiếu từ cao xuống thấp):",
        )
        for line in elected_lines(result):
            add_body(doc, line)
    else:
        add_body(doc, "Không có đồng chí nào đạt quá một nửa số phiếu so với cơ sở tính kết quả.")
    if result.tied:
        tied = ", ".join(result.tied_names())
        add_body(
            doc,
            f"Các đồng chí {tied} có số phiếu bằng nhau ở vị trí cuối cùng; Đại hội phải bầu "
            "lại giữa các đồng chí này.",
        )
    if result.seats_left:
        add_body(
            doc,
            f"Còn {vn_int(result.seats_left)} chỗ chưa có người trúng cử; Đại hội xem xét "
            "bầu tiếp cho số còn thiếu.",
        )

    ph.add_heading(doc, "IV. KIỂM CHỨNG")
    entries = election.entries.count()
    add_body(
        doc,
        f"Nhật ký nhập phiếu gồm {vn_int(entries)} lượt nhập, mỗi lượt nối vào chuỗi mã băm; "
        "nhật ký được in kèm biên bản này.",
    )
    add_body(
        doc, f"Mã kiểm chứng hồ sơ (đầu chuỗi băm): {spaced_head(chain_head(election, result))}"
    )
    add_body(doc, f"Dấu vân tay khóa ký của hệ thống: {fingerprint()}")
    add_body(
        doc,
        "Hai mã trên dùng để kiểm tra hồ sơ điện tử của cuộc bầu cử bằng lệnh "
        "«daihoi verify-election HỒ_SƠ --head <mã kiểm chứng>»: hồ sơ đúng là hồ sơ mà "
        "biên bản này xác nhận khi mã đầu chuỗi của hồ sơ trùng với mã in trên đây và hồ sơ "
        "được ký bằng khóa có dấu vân tay in trên đây.",
    )
    add_body(
        doc,
        "Biên bản được lập, thông qua trước Đại hội và niêm phong cùng toàn bộ phiếu bầu.",
    )
    _signatures(doc, head_names, member_names)
    return ph.document_bytes(doc)
