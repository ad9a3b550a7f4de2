"""The counting minutes (biên bản kiểm phiếu) in the Party's format, with python-docx.

`minutes_document` follows Hướng dẫn 36-HD/VPTW, in Vietnamese with Vietnamese
figures (1.587; 87,50%): the board, the ballots issued, collected, valid and invalid,
the base and the votes needed, every name with its votes and percentages, who is
elected, ties and seats left, the record's head and the fingerprint of the key that
signs it (what an inspector checks the electronic record against), and a signature
line for each board member. The parts it shares with the ballots and the
proceedings' minutes are in docx_common.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_int, vn_percent
from daihoi.elections import queries
from daihoi.elections.models import BoardMember, BoardRole, Election, ElectionState
from daihoi.elections.outcome import Outcome, as_outcome
from daihoi.elections.signing import fingerprint
from daihoi.lib import electionrecord as record

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
from daihoi.elections.docx_common import (
    INVALID_REASON_TEXT,
    MINUTES_STATES,
    add_body,
    add_grid,
    add_para,
    fill_signature_cell,
)

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


def _duty(member: BoardMember) -> str:
    """The team the person keyed for, if any."""
    return f", nhập phiếu tổ {member.team}" if member.team else ""


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


def _signatures(
    doc: DocumentObject,
    heads: Sequence[str],
    members: Sequence[str],
    technical: Sequence[str] = (),
) -> None:
    """Write a signature line for everyone on the board, two to a row, the head first:
    the head, each member, and each of the technical staff who keyed the papers."""
    signers = (
        [("Trưởng ban kiểm phiếu", n) for n in heads]
        + [("Ủy viên ban kiểm phiếu", n) for n in members]
        + [("Tổ kỹ thuật nhập phiếu", n) for n in technical]
    )
    if not signers:
        signers = [("Trưởng ban kiểm phiếu", "")]
    doc.add_paragraph()
    table = ph.add_borderless_table(doc, [Mm(82), Mm(83)])
    for i in range(0, len(signers), 2):
        row = table.rows[0] if i == 0 else table.add_row()
        pair = signers[i : i + 2]
        for cell, (role, name) in zip(row.cells, pair, strict=False):
            fill_signature_cell(cell, role, name)


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
    for m in heads:
        add_body(doc, f"- Đồng chí {_member_name(m)}, Trưởng ban.")
    for m in members:
        add_body(doc, f"- Đồng chí {_member_name(m)}, Ủy viên{_duty(m)}.")
    technical_names = [_member_name(m) for m in technical]
    if technical:
        add_body(doc, "Giúp việc Ban kiểm phiếu (tổ kỹ thuật nhập phiếu):")
        for m in technical:
            add_body(doc, f"- Đồng chí {_member_name(m)}{_duty(m)}.")
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
    _signatures(doc, head_names, member_names, technical_names)
    return ph.document_bytes(doc)
