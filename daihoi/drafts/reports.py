"""Tổng hợp ý kiến góp ý of a round: counts by group and handling, and every comment.

The same figures as XLSX (for the drafting team to sort and filter) and as a
DOCX report in the Party format (for the committee's file).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_date
from daihoi.core.sheets import FORMULA_STARTS, neutralise, print_setup
from daihoi.drafts.models import Comment, Handling, Round, SourceGroup
from daihoi.lib.paragraphs import key_label

NOT_HANDLED = "Chưa xử lý"
GENERAL = "Ý kiến chung"


@dataclass(frozen=True)
class Summary:
    groups: list[str]  # labels, in SourceGroup order
    outcomes: list[str]  # Handling labels, then "Chưa xử lý"
    counts: dict[tuple[str, str], int]  # (group label, outcome label) -> count
    total: int

    def row(self, group: str) -> list[int]:
        return [self.counts.get((group, o), 0) for o in self.outcomes]

    def column_total(self, outcome: str) -> int:
        return sum(self.counts.get((g, outcome), 0) for g in self.groups)

    def group_total(self, group: str) -> int:
        return sum(self.row(group))


def summarise(comments: QuerySet[Comment]) -> Summary:
    """Count comments by source group and handling in one query."""
    outcome_label = {h.value: str(h.label) for h in Handling} | {"": NOT_HANDLED}
    group_label = {g.value: str(g.label) for g in SourceGroup}
    counts: dict[tuple[str, str], int] = {}
    for row in comments.order_by().values("source_group", "handling").annotate(n=Count("pk")):
        key = (group_label[row["source_group"]], outcome_label[row["handling"]])
        counts[key] = counts.get(key, 0) + row["n"]
    return Summary(
        groups=[str(g.label) for g in SourceGroup],
        outcomes=[str(h.label) for h in Handling] + [NOT_HANDLED],
        counts=counts,
        total=sum(counts.values()),
    )


def _where(paragraph: str) -> str:
    return key_label(paragraph) if paragraph else GENERAL


def comment_rows(comments: QuerySet[Comment]) -> Iterator[list[str | dt.date]]:
    outcome_label = {h.value: str(h.label) for h in Handling} | {"": NOT_HANDLED}
    group_label = {g.value: str(g.label) for g in SourceGroup}
    fields = (
        "pk",
        "paragraph",
        "source_group",
        "source_name",
        "received_on",
        "text",
        "handling",
        "response",
        "applied_in__number",
        "group_id",
    )
    for row in comments.order_by("paragraph", "pk").values_list(*fields).iterator(chunk_size=5000):
        pk, paragraph, group, name, day, text, handling, response, applied, group_id = row
        yield [
            str(pk),
            _where(paragraph),
            group_label[group],
            name,
            day,
            text,
            outcome_label[handling],
            response,
            f"Lần {applied}" if applied else "",
            f"N{group_id}" if group_id else "",
        ]


HEADERS = [
    "Số",
    "Vị trí",
    "Nhóm góp ý",
    "Người, nơi góp ý",
    "Ngày",
    "Nội dung góp ý",
    "Hình thức xử lý",
    "Nội dung tiếp thu, giải trình",
    "Đưa vào dự thảo",
    "Nhóm ý kiến",
]
# Room for each column's usual content, the comment and its handling the widest; printed
# landscape and fitted to the page's width, the texts wrap rather than run off the page.
WIDTHS = (6, 10, 16, 24, 11, 60, 16, 50, 12, 10)


def summary_xlsx(round_: Round, comments: QuerySet[Comment]) -> bytes:
    """Two sheets: the counts by group and handling, and every comment with its handling."""
    summary = summarise(comments)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Tổng hợp")
    # A write-only sheet takes its print set-up before its first row.
    print_setup(sheet, header_row=4, frozen_columns=1)
    sheet.append(
        [f"TỔNG HỢP Ý KIẾN GÓP Ý – {round_.document.title.upper()} (DỰ THẢO LẦN {round_.number})"]
    )
    from openpyxl.cell import WriteOnlyCell

    org_cell = WriteOnlyCell(sheet, value=round_.document.congress.organisation.name)
    neutralise(org_cell)  # type: ignore[arg-type]
    sheet.append([org_cell])
    sheet.append([])
    sheet.append(["Nhóm góp ý", *summary.outcomes, "Cộng"])
    for group in summary.groups:
        sheet.append([group, *summary.row(group), summary.group_total(group)])
    sheet.append(["Cộng", *[summary.column_total(o) for o in summary.outcomes], summary.total])
    detail = book.create_sheet("Ý kiến")
    print_setup(detail, header_row=1, frozen_columns=2)
    for column, width in enumerate(WIDTHS, start=1):
        detail.column_dimensions[get_column_letter(column)].width = width
    detail.append(HEADERS)

    for values in comment_rows(comments):
        # Plain values are cheap; a cell object only where it needs a format or must not
        # be read as a formula (a comment may start with "=" or "-").
        cells: list[object] = []
        for value in values:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(detail, value=value)
                cell.number_format = "dd/mm/yyyy"
                cells.append(cell)
            elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell = WriteOnlyCell(detail, value=value)
                neutralise(cell)  # type: ignore[arg-type]
                cells.append(cell)
            else:
                cells.append(value)
        detail.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_template(round_: Round) -> bytes:
    """The comment import's columns, one example row, and the round's paragraphs for reference."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook has one sheet
    sheet.title = "Ý kiến"
    sheet.append(["Đoạn", "Nhóm", "Người góp ý", "Mã đơn vị", "Ngày", "Nội dung"])
    first = next((b.key for b in round_.numbered() if b.level is None), "")
    sheet.append([first, "Đảng viên", "Chi bộ …", "", "dd/mm/yyyy", "Nội dung góp ý …"])
    for column, width in zip("ABCDEF", (10, 22, 26, 12, 12, 80), strict=True):
        sheet.column_dimensions[column].width = width
    print_setup(sheet, header_row=1)
    reference = book.create_sheet("Các đoạn")
    reference.append(["Đoạn", "Nội dung"])
    for block in round_.numbered():
        cell_text = block.text[:300]
        reference.append([block.key, cell_text])
        neutralise(reference.cell(row=reference.max_row, column=2))
    groups = book.create_sheet("Nhóm góp ý")
    for group in SourceGroup:
        groups.append([str(group.label)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def summary_docx(round_: Round, comments: QuerySet[Comment]) -> bytes:
    """The report in the Party format: header, counts, then every comment and its handling."""
    org = round_.document.congress.organisation
    summary = summarise(comments)
    today = timezone.localdate()
    head = ph.letterhead_for(org, doc_type="BC", day=today)
    doc = ph.new_document()
    ph.add_header(
        doc,
        issuing_body=head.issuing_body,
        number=head.number,
        place=head.place,
        day=head.day,
        superior_body=head.superior_body,
    )
    ph.add_title(
        doc,
        f"BÁO CÁO\ntổng hợp ý kiến góp ý vào {round_.document.title} (dự thảo lần {round_.number})",
    )
    ph.add_body_paragraph(
        doc,
        f"Tổng số {summary.total} ý kiến góp ý. Trong đó: "
        + "; ".join(
            f"{o.lower()} {summary.column_total(o)}"
            for o in summary.outcomes
            if summary.column_total(o)
        )
        + ".",
    )
    ph.add_heading(doc, "I. SỐ LƯỢNG Ý KIẾN THEO NHÓM VÀ HÌNH THỨC XỬ LÝ")
    table = doc.add_table(rows=1, cols=len(summary.outcomes) + 2)
    table.style = "Table Grid"
    # The group's name ("Cán bộ lão thành, cán bộ hưu trí") widest, the counts narrow.
    ph.fit_columns(table, [3.5, *[1.5] * len(summary.outcomes), 1.2])
    for cell, text in zip(
        table.rows[0].cells, ["Nhóm góp ý", *summary.outcomes, "Cộng"], strict=True
    ):
        cell.text = text
    for group in summary.groups:
        cells = table.add_row().cells
        for cell, value in zip(
            cells, [group, *summary.row(group), summary.group_total(group)], strict=True
        ):
            cell.text = str(value)
    cells = table.add_row().cells
    for cell, value in zip(
        cells,
        ["Cộng", *[summary.column_total(o) for o in summary.outcomes], summary.total],
        strict=True,
    ):
        cell.text = str(value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    ph.add_heading(doc, "II. CÁC Ý KIẾN VÀ VIỆC TIẾP THU, GIẢI TRÌNH")
    lines: list[tuple[str, bool]] = []
    for values in comment_rows(comments):
        number, where, source_group, name, day, body, outcome, response, applied, _g = values
        source = ", ".join(str(v) for v in (source_group, name) if v)
        day_text = vn_date(day) if isinstance(day, dt.date) else str(day)
        lines.append((f"{number}. [{where}] {source} ({day_text}): {body}", False))
        answer = (
            f"{outcome}"
            + (f": {response}" if response else "")
            + (f" ({applied})" if applied else "")
        )
        lines.append((answer, True))
    _append_paragraphs(doc, lines)
    ph.add_signature(
        doc,
        on_behalf=ph.on_behalf_of(org.name),
        position="TRƯỞNG TIỂU BAN VĂN KIỆN",
        recipients=["Ban Thường vụ (để báo cáo)", "Tiểu ban Văn kiện", "Lưu Văn phòng"],
    )
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.LEFT
    return ph.document_bytes(doc)


_XML_UNSAFE = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _append_paragraphs(doc: Any, lines: list[tuple[str, bool]]) -> None:
    """Append body paragraphs (text, italic) in one pass.

    python-docx inserts each new paragraph before the section properties by
    scanning the body, which is quadratic: 200,000 paragraphs took minutes.
    Copying a formatted template paragraph and inserting it next to a fixed
    element is linear.
    """
    templates = {
        italic: ph.add_body_paragraph(doc, "x", italic=italic)._p for italic in (False, True)
    }
    anchor = templates[False]
    for text, italic in lines:
        element = copy.deepcopy(templates[italic])
        t = element.find(f"{qn('w:r')}/{qn('w:t')}")
        t.text = text.translate(_XML_UNSAFE)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        anchor.addprevious(element)
    for template in templates.values():
        template.getparent().remove(template)


def round_docx(round_: Round) -> bytes:
    """The text of a round as a Word file, its headings as Word headings (for delegates)."""
    doc = ph.new_document()
    ph.add_title(doc, f"{round_.document.title}\n{round_.document.congress.organisation.name}")
    for block in round_.numbered():
        if block.level is not None:
            ph.add_heading(doc, block.text)
        else:
            ph.add_body_paragraph(doc, block.text)
    return ph.document_bytes(doc)
