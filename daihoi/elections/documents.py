"""The papers of an election, written with python-docx: the printed ballots and the minutes.

Both are Vietnamese by definition (Party documents), so the text is written
literally rather than translated, with Vietnamese figures (1.587; 87,50%).

`ballot_document` prints one ballot per page in the form the list calls for:
with a surplus the voter crosses out the names not chosen; with exactly as
many names as seats each line has the boxes "Đồng ý" / "Không đồng ý". Each
paper carries its serial number, the one the counting teams key. Printing
records nothing: the number issued is recorded by `do_record_ballot_counts`.

`minutes_document` writes the counting minutes (biên bản kiểm phiếu) in the
Party's format (Hướng dẫn 36-HD/VPTW): the board, the ballots issued,
collected, valid and invalid, the base and the votes needed, every name with
its votes and percentages, who is elected, ties and seats left, the head of
the entry log's hash chain, and a signature line for each board member.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from daihoi.elections import actions
from daihoi.elections.models import BoardMember, BoardRole, Election, ElectionState
from daihoi.lib import electionrecord as record
from daihoi.lib.tallyfiles import INVALID_REASONS
from daihoi.reports import party_header as ph
from daihoi.reports.common import vn_int

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

__all__ = [
    "INVALID_REASON_TEXT",
    "add_body",
    "add_grid",
    "add_para",
    "ballot_document",
    "chain_head",
    "convening_lines",
    "elected_lines",
    "fill_signature_cell",
    "minutes_document",
    "minutes_result",
    "serial_text",
    "vn_percent",
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
# Marks a run whose text is the serial, so the copies of a ballot can be renumbered.
_SERIAL_MARK = "\u2063SERIAL\u2063"


# --- shared ---------------------------------------------------------------------------------


def vn_percent(value: float | None) -> str:
    """Write a percentage with two decimals and a decimal comma: 87,50%; "—" when undefined."""
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + "%"


def serial_text(serial: int, total: int) -> str:
    """Return the serial as printed: "001", or with as many digits as the largest number."""
    return f"{serial:0{max(3, len(str(total)))}d}"


def convening_lines(org_name: str, *, centre: bool = False) -> list[str]:
    """Return the convening committee as the ballot prints it, top left.

    "Đảng bộ huyện Lộc Bình" → ["ĐẢNG BỘ HUYỆN LỘC BÌNH", "BAN CHẤP HÀNH"]; a
    cell convened by itself prints only its name; the National Congress is
    convened by the Central Committee.
    """
    if centre:
        return ["BAN CHẤP HÀNH TRUNG ƯƠNG"]
    name = org_name.strip()
    if name.startswith("Chi bộ"):
        return [name.upper()]
    return [name.upper(), "BAN CHẤP HÀNH"]


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
    doc: DocumentObject,
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


def _ballot_page(doc: DocumentObject, election: Election, names: Sequence[str]) -> None:
    """Write one ballot, its serial a marked placeholder; the copies are made from it."""
    no_surplus = len(names) == election.seats
    size = ph.BODY_SIZE if len(names) <= 25 else TABLE_SIZE
    top = ph.add_borderless_table(doc, [ph.HEADER_LEFT, ph.HEADER_RIGHT])
    left, right = top.rows[0].cells
    org = election.congress.organisation
    for i, line in enumerate(convening_lines(org.name, centre=org.depth <= 1)):
        add_para(left, line, bold=i > 0, align=WD_ALIGN_PARAGRAPH.CENTER, first=i == 0)
    add_para(left, "*", align=WD_ALIGN_PARAGRAPH.CENTER)
    add_para(
        right,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        bold=True,
        underline=True,
        size=Pt(15),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        first=True,
    )
    add_para(right)
    serial = add_para(right, align=WD_ALIGN_PARAGRAPH.CENTER)
    _run(serial, "Số: ", bold=True)
    _run(serial, _SERIAL_MARK, bold=True)

    title = add_para(doc, "PHIẾU BẦU CỬ", bold=True, size=Pt(18), align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = Pt(18)
    add_para(doc, election.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if election.round_no > 1:
        add_para(
            doc, f"(Bầu lần thứ {election.round_no})", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
    rule = add_para(doc, "-----", align=WD_ALIGN_PARAGRAPH.CENTER)
    rule.paragraph_format.space_after = Pt(12)

    numbered = [(str(i), name) for i, name in enumerate(names, start=1)]
    if no_surplus:
        add_grid(
            doc,
            ["STT", "Họ và tên", AGREE, DISAGREE],
            [(no, name, "", "") for no, name in numbered],
            [Mm(15), Mm(85), Mm(30), Mm(35)],
            centred=(0,),
            size=size,
        )
        note = NO_SURPLUS_NOTE
    else:
        add_grid(
            doc,
            ["STT", "Họ và tên"],
            numbered,
            [Mm(20), Mm(120)],
            centred=(0,),
            size=size,
        )
        note = SURPLUS_NOTE
    hint = add_para(doc, f"Ghi chú: {note}.", italic=True, size=TABLE_SIZE)
    hint.paragraph_format.space_before = Pt(12)
    hint.paragraph_format.space_after = Pt(12)

    stamp = doc.add_table(rows=1, cols=1)
    stamp.style = "Table Grid"
    stamp.alignment = WD_TABLE_ALIGNMENT.LEFT
    cell = stamp.rows[0].cells[0]
    cell.width = Mm(60)
    add_para(
        cell, STAMP_TEXT, italic=True, size=Pt(11), align=WD_ALIGN_PARAGRAPH.CENTER, first=True
    )
    for _ in range(3):
        add_para(cell)


def _set_serial(elements: Sequence[Any], text: str) -> None:
    for element in elements:
        for node in element.iter(qn("w:t")):
            if node.text == _SERIAL_MARK:
                node.text = text
                return
    raise AssertionError("the ballot has no serial placeholder")


def ballot_document(election: Election, *, copies: int | None = None) -> bytes:
    """Return the printable ballots, one per page, numbered from 001 to the number issued.

    `copies` overrides the number recorded as issued (printing spares does not
    record anything). Refuses with ValueError when the list is empty or no
    number of ballots is known.
    """
    names = actions.names(election)
    if not names:
        raise ValueError("Danh sách bầu cử chưa có tên nào; chưa thể in phiếu bầu.")
    total = copies if copies is not None else election.ballots_issued
    if not total or total < 1:
        raise ValueError(
            "Chưa biết số phiếu cần in: hãy ghi số phiếu phát ra hoặc chọn số bản cần in."
        )
    doc = ph.new_document()
    body = doc.element.body
    sect_pr = body[-1]  # the section properties stay the last child of the body
    _ballot_page(doc, election, names)
    page = [child for child in body if child is not sect_pr]
    for child in page:
        body.remove(child)
    breaker = doc.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    body.remove(breaker._p)
    # One ballot laid out once, then copied: a deep copy of the XML is far quicker
    # than building 1,587 pages of tables through python-docx.
    for serial in range(1, total + 1):
        if serial > 1:
            sect_pr.addprevious(copy.deepcopy(breaker._p))
        copies_of_page = [copy.deepcopy(child) for child in page]
        _set_serial(copies_of_page, serial_text(serial, total))
        for child in copies_of_page:
            sect_pr.addprevious(child)
    return ph.document_bytes(doc)


# --- minutes --------------------------------------------------------------------------------


def chain_head(election: Election) -> str:
    """Return the head of the entry log's hash chain: frozen at announcement, else computed."""
    return election.chain_head or actions.chain_head(election)


def minutes_result(election: Election) -> dict[str, Any]:
    """Return the result the minutes print: the announced one, else counted now.

    Raises ValueError before the entries are reconciled.
    """
    if election.state not in MINUTES_STATES:
        raise ValueError(
            "Chỉ lập biên bản kiểm phiếu khi các lượt nhập phiếu đã đối chiếu xong "
            f"(cuộc bầu cử đang ở trạng thái «{ElectionState(election.state).label}»)."
        )
    if election.result is not None and election.state != ElectionState.RECONCILED:
        return dict(election.result)
    if election.base is None:
        raise ValueError("Chưa xác định cơ sở tính kết quả bầu cử.")
    state = actions.reconciliation(election)
    if not state.settled:
        raise ValueError("Còn phiếu chưa được đối chiếu xong; chưa thể lập biên bản.")
    return record.count(actions.names(election), state.final, election.seats, election.base)


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


def elected_lines(result: Mapping[str, Any]) -> list[str]:
    """The elected by votes (ballot order among equals), each with votes and percentages."""
    by_no = {c["no"]: c for c in result["candidates"]}
    elected = sorted(result["elected"], key=lambda no: (-by_no[no]["votes"], no))
    return [
        f"{i}. Đồng chí {by_no[no]['full_name']}: {vn_int(by_no[no]['votes'])} phiếu, "
        f"đạt {vn_percent(by_no[no]['percent_of_base'])} so với cơ sở tính kết quả."
        for i, no in enumerate(elected, start=1)
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
        f"{vn_int(election.seats)}, danh sách bầu cử gồm {vn_int(len(result['candidates']))} "
        f"đồng chí. Mỗi phiếu được {vn_int(election.teams)} tổ nhập độc lập; kết quả dưới "
        "đây chỉ tính những phiếu mà các lượt nhập khớp nhau hoặc đã được Ban kiểm phiếu "
        "quyết định.",
    )

    ballots = result["ballots"]
    collected = (
        election.ballots_collected
        if election.ballots_collected is not None
        else ballots["collected"]
    )
    ph.add_heading(doc, "II. KẾT QUẢ KIỂM PHIẾU")
    issued = vn_int(election.ballots_issued) if election.ballots_issued is not None else "—"
    add_body(doc, f"1. Số phiếu phát ra: {issued} phiếu.")
    add_body(doc, f"2. Số phiếu thu vào: {vn_int(collected)} phiếu.")
    add_body(doc, f"3. Số phiếu hợp lệ: {vn_int(ballots['valid'])} phiếu.")
    add_body(doc, f"4. Số phiếu không hợp lệ: {vn_int(ballots['invalid'])} phiếu.")
    for reason in INVALID_REASONS:
        count = ballots["invalid_reasons"].get(reason, 0)
        if count:
            add_body(doc, f"- Phiếu {INVALID_REASON_TEXT[reason]}: {vn_int(count)} phiếu.")
    add_body(
        doc,
        f"5. Cơ sở tính kết quả bầu cử: {vn_int(result['base'])}; người trúng cử phải được "
        f"quá một nửa, tức ít nhất {vn_int(result['needed'])} phiếu bầu.",
    )
    add_body(doc, "6. Số phiếu bầu cho từng đồng chí (theo thứ tự trên phiếu bầu):")
    rows = [
        (
            str(c["no"]),
            c["full_name"],
            vn_int(c["votes"]),
            vn_percent(c["percent_of_base"]),
            vn_percent(c["percent_of_valid"]),
            "Trúng cử" if c["elected"] else "",
        )
        for c in result["candidates"]
    ]
    add_grid(
        doc,
        ["STT", "Họ và tên", "Số phiếu", "% so với cơ sở", "% so với phiếu hợp lệ", "Kết quả"],
        rows,
        [Mm(12), Mm(55), Mm(20), Mm(25), Mm(28), Mm(25)],
        centred=(0, 2, 3, 4, 5),
    )

    ph.add_heading(doc, "III. NGƯỜI TRÚNG CỬ")
    by_no = {c["no"]: c for c in result["candidates"]}
    if result["elected"]:
        add_body(
            doc,
            f"Căn cứ quy chế bầu cử, {vn_int(len(result['elected']))} đồng chí sau đây trúng cử "
            "(theo thứ tự số phiếu từ cao xuống thấp):",
        )
        for line in elected_lines(result):
            add_body(doc, line)
    else:
        add_body(doc, "Không có đồng chí nào đạt quá một nửa số phiếu so với cơ sở tính kết quả.")
    if result["tied"]:
        tied = ", ".join(f"{by_no[no]['full_name']}" for no in result["tied"])
        add_body(
            doc,
            f"Các đồng chí {tied} có số phiếu bằng nhau ở vị trí cuối cùng; Đại hội phải bầu "
            "lại giữa các đồng chí này.",
        )
    if result["seats_left"]:
        add_body(
            doc,
            f"Còn {vn_int(result['seats_left'])} chỗ chưa có người trúng cử; Đại hội xem xét "
            "bầu tiếp cho số còn thiếu.",
        )

    ph.add_heading(doc, "IV. KIỂM CHỨNG")
    entries = election.entries.count()
    add_body(
        doc,
        f"Nhật ký nhập phiếu gồm {vn_int(entries)} lượt nhập, mỗi lượt nối vào chuỗi mã băm; "
        "nhật ký được in kèm biên bản này.",
    )
    add_body(doc, f"Mã kiểm chứng nhật ký nhập phiếu: {chain_head(election)}")
    add_body(
        doc,
        "Biên bản được lập, thông qua trước Đại hội và niêm phong cùng toàn bộ phiếu bầu.",
    )
    _signatures(doc, head_names, member_names)
    return ph.document_bytes(doc)
