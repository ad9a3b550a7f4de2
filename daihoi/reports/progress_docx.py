"""The progress of a campaign under an organisation, as a Party-format report (.docx).

The text is Vietnamese by definition (a báo cáo per Hướng dẫn 36-HD/VPTW), so
it is written literally rather than translated, with Vietnamese figures
(25.938, 48,5%) whatever the reader's interface language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from daihoi.campaigns.progress import Counts, Progress
from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_date, vn_int, vn_percent
from daihoi.jobs import exports
from daihoi.jobs.exports import Ticker, not_shown, quiet
from daihoi.jobs.runner import Progress as Progress_
from daihoi.reports.common import child_counts, late_rows, level_label, main_level

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

__all__ = ["LATE_SHOWN", "level_sentence", "progress_document"]

LATE_SHOWN = 30
TABLE_SIZE = Pt(12)


def level_sentence(label: str, counts: Counts) -> str:
    """Return "Cấp cơ sở: đã tổ chức 25.938/53.480 đại hội, đạt 48,5%." and what is behind."""
    text = (
        f"{label}: đã tổ chức {vn_int(counts.held)}/{vn_int(counts.total)} đại hội, "
        f"đạt {vn_percent(counts.percent)}."
    )
    if counts.behind:
        text += (
            f" Theo kế hoạch đến ngày phải tổ chức {vn_int(counts.planned)} đại hội, "
            f"còn {vn_int(counts.behind)} đại hội chậm so với kế hoạch."
        )
    return text


def _grid(
    doc: DocumentObject,
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numbers_from: int,
    weights: Sequence[float],
    tick: Callable[[], None] | None = None,
) -> None:
    """Add a bordered table: bold centred titles, 12 pt, figures from a column on right-aligned.

    The columns share A4's text width by `weights`, the names the widest.
    """
    table = doc.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ph.fit_columns(table, weights)
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(title)
        run.bold = True
        run.font.size = TABLE_SIZE
    for values in rows:
        cells = table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            numeric = column >= numbers_from or column == 0
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            paragraph.add_run(value).font.size = TABLE_SIZE
        if tick is not None:
            tick()
    doc.add_paragraph()


def _count_cells(counts: Counts) -> list[str]:
    return [
        vn_int(counts.total),
        vn_int(counts.planned),
        vn_int(counts.held),
        vn_percent(counts.percent),
        vn_int(counts.behind),
    ]


def _own(counts: Counts) -> str:
    if not counts.total:
        return "–"
    return "Đã tổ chức" if counts.held else "Chưa tổ chức"


COUNT_TITLES = ["Phải tổ chức", "Kế hoạch đến ngày", "Đã tổ chức", "Tỷ lệ", "Chậm"]
# Column weights (see ph.fit_columns): the row number narrow, figures of up to
# 6 digits ("53.480") at 12 pt, a unit's name as wide as the rest allow.
STT = 1.0
COUNT_WEIGHTS = [1.6, 1.8, 1.6, 1.4, 1.4]


def progress_document(
    progress: Progress,
    *,
    number: str | None = None,
    issuing_body: str | None = None,
    superior_body: str | None = None,
    place: str | None = None,
    day: dt.date | None = None,
    signer: str = "",
    on_behalf: str | None = None,
    recipients: Sequence[str] | None = None,
    report: Progress_ = quiet,
) -> bytes:
    """Return the progress report as a .docx file in the Party's document format.

    `number` is the whole number as printed after "Số" ("15-BC/HU"); the header
    values not given are derived from the root organisation, and `day` (the
    date of the report) defaults to the as-of date.
    """
    root, as_of = progress.root, progress.as_of
    derived = ph.letterhead_for(root, doc_type="BC", day=day or as_of)
    issuing = issuing_body or derived.issuing_body
    superior = superior_body if superior_body is not None else derived.superior_body
    doc = ph.new_document()
    ph.add_header(
        doc,
        issuing_body=issuing,
        number=number or derived.number,
        place=place or derived.place,
        day=day or as_of,
        superior_body=superior,
    )
    ph.add_title(
        doc,
        "BÁO CÁO\n"
        f"Tiến độ tổ chức đại hội đảng các cấp trong {root.name}, "
        f"nhiệm kỳ {progress.campaign.term}\n"
        f"(tính đến ngày {vn_date(as_of)})",
    )

    directive = progress.campaign.directive
    basis = ""
    if directive is not None:
        basis = (
            f"Thực hiện {directive.doc_type.name.lower()} số {directive.code} ngày "
            f"{vn_date(directive.date)} về {directive.title[:1].lower()}{directive.title[1:]}, "
        )
    ph.add_body_paragraph(
        doc,
        f"{basis}{issuing} báo cáo tiến độ tổ chức đại hội đảng các cấp trong {root.name} "
        f"đến ngày {vn_date(as_of)} như sau:",
    )

    ph.add_heading(doc, "I. KẾT QUẢ CHUNG")
    for level, counts in progress.rows():
        ph.add_body_paragraph(doc, "- " + level_sentence(level_label(level), counts))
    _grid(
        doc,
        ["STT", "Cấp", *COUNT_TITLES],
        [
            [str(i), level_label(level), *_count_cells(counts)]
            for i, (level, counts) in enumerate(progress.rows(), start=1)
        ],
        numbers_from=2,
        weights=[STT, 4, *COUNT_WEIGHTS],
    )

    compared = main_level(progress)
    if compared is not None and progress.children:
        ph.add_heading(doc, "II. TIẾN ĐỘ Ở CÁC ĐƠN VỊ TRỰC THUỘC")
        ph.add_body_paragraph(doc, f"Số liệu {level_label(compared).lower()} theo từng đơn vị:")
        rows = [
            [
                str(i),
                child.org.name,
                _own(child.own),
                *_count_cells(child_counts(progress, child, compared)),
            ]
            for i, child in enumerate(progress.children[: exports.DOCX_ROWS], start=1)
        ]
        rows.append(["", "Tổng cộng", "", *_count_cells(progress.at(compared))])
        _grid(
            doc,
            ["STT", "Đơn vị", "Đại hội của đơn vị", *COUNT_TITLES],
            rows,
            numbers_from=3,
            weights=[STT, 5, 2.2, *COUNT_WEIGHTS],
            # python-docx has no streaming: the table is built in memory, row by row.
            tick=Ticker(report, "Đơn vị trực thuộc", len(rows)),
        )
        more = len(progress.children) - exports.DOCX_ROWS
        if more > 0:
            ph.add_body_paragraph(doc, not_shown(more), italic=True)

    ph.add_heading(doc, "III. CÁC ĐẠI HỘI CHẬM SO VỚI KẾ HOẠCH")
    late, total = late_rows(progress, LATE_SHOWN)
    if not total:
        ph.add_body_paragraph(doc, "Không có đại hội nào chậm so với kế hoạch.")
    else:
        ph.add_body_paragraph(
            doc, f"Có {vn_int(total)} đại hội chưa tổ chức theo đúng ngày dự kiến:"
        )
        _grid(
            doc,
            ["STT", "Tổ chức đảng", "Trực thuộc", "Ngày dự kiến", "Số ngày chậm"],
            [
                [str(i), r.name, r.parent_name, vn_date(r.planned_date), vn_int(r.days_late)]
                for i, r in enumerate(late, start=1)
            ],
            numbers_from=3,
            weights=[STT, 5, 4.5, 2.2, 1.6],
        )
        if total > len(late):
            ph.add_body_paragraph(
                doc,
                f"Ngoài ra còn {vn_int(total - len(late))} đại hội khác chậm so với kế hoạch "
                "(danh sách đầy đủ trong tệp Excel kèm theo).",
                italic=True,
            )

    ph.add_body_paragraph(
        doc, f"Trên đây là báo cáo tiến độ tổ chức đại hội đảng các cấp của {issuing}./."
    )
    centre = root.depth <= 1
    if recipients is None:
        above = (
            f"Ban Thường vụ {ph.committee_name(superior)} (b/c),"
            if superior
            else "Bộ Chính trị, Ban Bí thư (b/c),"
        )
        recipients = [
            above,
            "Các ban đảng Trung ương," if centre else "Các đồng chí ủy viên ban thường vụ,",
            "Các tổ chức đảng trực thuộc,",
            "Lưu văn phòng.",
        ]
    ph.add_signature(
        doc,
        on_behalf=on_behalf or ("T/M BAN BÍ THƯ" if centre else ph.on_behalf_of(root.name)),
        signer=signer,
        recipients=recipients,
    )
    return ph.document_bytes(doc)
