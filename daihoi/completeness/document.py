"""The reporting-rate summary as a Party-format report (.docx, Hướng dẫn 36-HD/VPTW).

The same figures as the page and its workbook: for each obligation, the reports
received of those due by the day, and of them those on time; by level, then by
unit directly below. Vietnamese by definition (a báo cáo), written literally, with
Vietnamese figures (25.938, 92,31%) whatever the reader's interface language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from docx.shared import Mm, Pt

from daihoi.completeness.models import OBLIGATION_LABELS
from daihoi.completeness.queries import OBLIGATIONS, Row, Summary
from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_date, vn_int, vn_share
from daihoi.elections.docx_common import add_grid
from daihoi.jobs.exports import DOCX_ROWS, not_shown
from daihoi.lib.completeness import Tally

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

# STT, the level or unit (the widest), then one column per obligation.
WEIGHTS = [1.0, 4.2, *[2.2] * len(OBLIGATIONS)]
TABLE_SIZE = Pt(11)


def cell(tally: Tally) -> str:
    """One cell as on the page: "received/expected" and "đúng hạn n"; "–" when none is due."""
    if not tally.expected:
        return "–"
    return f"{vn_int(tally.received)}/{vn_int(tally.expected)}\nđúng hạn {vn_int(tally.on_time)}"


def sentence(label: str, tally: Tally) -> str:
    """ "Văn kiện trình duyệt: đã nhận 120/130 báo cáo đến hạn (92,31%), đúng hạn 100 (76,92%)." """
    if not tally.expected:
        return f"{label}: chưa có báo cáo nào đến hạn."
    return (
        f"{label}: đã nhận {vn_int(tally.received)}/{vn_int(tally.expected)} báo cáo đến hạn "
        f"({vn_share(tally.received, tally.expected)}), trong đó đúng hạn "
        f"{vn_int(tally.on_time)} ({vn_share(tally.on_time, tally.expected)})."
    )


def _table(doc: DocumentObject, first: str, named: Sequence[tuple[str, Row]], total: Row) -> None:
    titles = ["STT", first, *(str(OBLIGATION_LABELS[o]) for o in OBLIGATIONS)]
    rows = [
        [str(i), name, *(cell(t) for t in row.cells())]
        for i, (name, row) in enumerate(named, start=1)
    ]
    rows.append(["", "Tổng cộng", *(cell(t) for t in total.cells())])
    figures = range(2, len(titles))
    table = add_grid(doc, titles, rows, [Mm(20)] * len(titles), centred=figures, size=TABLE_SIZE)
    ph.fit_columns(table, WEIGHTS)
    doc.add_paragraph()


def summary_document(summary: Summary) -> bytes:
    """Return the summary as a báo cáo of the root's committee, dated the day looked at."""
    root, as_of = summary.root, summary.as_of
    head = ph.letterhead_for(root, doc_type="BC", day=as_of)
    doc = ph.new_document()
    ph.add_header(doc, **asdict(head))  # the letterhead's fields are the header's
    ph.add_title(
        doc,
        "BÁO CÁO\n"
        f"Tình hình cấp dưới báo cáo lên {root.name} trong đại hội đảng các cấp, "
        f"nhiệm kỳ {summary.campaign.term}\n(tính đến ngày {vn_date(as_of)})",
    )
    ph.add_body_paragraph(
        doc,
        f"{head.issuing_body} tổng hợp việc các tổ chức đảng trực thuộc gửi báo cáo lên cấp "
        f"trên theo hạn đã quy định, đến ngày {vn_date(as_of)} như sau (mỗi ô: số báo cáo "
        "đã nhận / số báo cáo đã đến hạn, và trong đó số báo cáo gửi đúng hạn):",
    )
    ph.add_heading(doc, "I. KẾT QUẢ CHUNG")
    for obligation in OBLIGATIONS:
        label = str(OBLIGATION_LABELS[obligation])
        ph.add_body_paragraph(doc, "- " + sentence(label, summary.total.tallies[obligation]))
    _table(
        doc, "Cấp", [(r.level.name if r.level else "", r) for r in summary.by_level], summary.total
    )
    if summary.by_child:
        ph.add_heading(doc, "II. THEO ĐƠN VỊ TRỰC THUỘC")
        ph.add_body_paragraph(
            doc, "Mỗi đơn vị gồm báo cáo của chính đơn vị và các tổ chức cấp dưới:"
        )
        # python-docx builds the whole document in memory: the Word table stops at
        # DOCX_ROWS units, like the progress report's, and says where the rest are.
        shown = summary.by_child[:DOCX_ROWS]
        _table(doc, "Đơn vị", [(r.org.name if r.org else "", r) for r in shown], summary.total)
        if len(summary.by_child) > len(shown):
            ph.add_body_paragraph(doc, not_shown(len(summary.by_child) - len(shown)), italic=True)
    ph.add_body_paragraph(doc, f"Trên đây là tình hình báo cáo lên cấp trên trong {root.name}./.")
    centre = root.depth <= 1
    superior = head.superior_body
    ph.add_signature(
        doc,
        on_behalf="T/M BAN BÍ THƯ" if centre else ph.on_behalf_of(root.name),
        signer="",
        recipients=[
            f"Ban Thường vụ {ph.committee_name(superior)} (b/c),"
            if superior
            else "Bộ Chính trị, Ban Bí thư (b/c),",
            "Các tổ chức đảng trực thuộc,",
            "Lưu văn phòng.",
        ],
    )
    return ph.document_bytes(doc)
