"""The credentials committee's report (báo cáo thẩm tra tư cách đại biểu) as DOCX.

A Party document, so the text is Vietnamese by definition and written literally:
those summoned, present, absent with and without reason, replaced by alternates,
the committee's decisions, and the composition of those summoned.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from docx.shared import Pt

from daihoi.assembly.models import (
    Absence,
    CredentialState,
    Delegate,
    DelegateBasis,
    DelegateKind,
    Gender,
    Sitting,
)
from daihoi.assembly.quorum import attendance
from daihoi.campaigns.models import Congress
from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_int, vn_share


@dataclass
class CredentialsFigures:
    """What the report states; computed from the register and a sitting's check-ins."""

    summoned: int
    present: int
    sitting: Sitting | None
    absent_with_reason: list[Delegate] = field(default_factory=list)
    absent_without_reason: list[Delegate] = field(default_factory=list)
    replaced: list[tuple[Delegate, Delegate]] = field(default_factory=list)
    invalid: list[Delegate] = field(default_factory=list)
    pending: int = 0
    valid: int = 0
    composition: list[tuple[str, int]] = field(default_factory=list)
    base: int = 0


def _age_band(birth_year: int | None, year: int) -> str:
    if birth_year is None:
        return "Chưa rõ tuổi"
    age = year - birth_year
    if age < 40:
        return "Dưới 40 tuổi"
    if age <= 50:
        return "Từ 40 đến 50 tuổi"
    return "Trên 50 tuổi"


def last_sitting(congress: Congress) -> Sitting | None:
    """The open sitting, or else the latest one opened."""
    opened = Sitting.objects.filter(congress=congress, opened_at__isnull=False)
    return (
        opened.filter(closed_at__isnull=True).order_by("-opened_at").first()
        or opened.order_by("-opened_at").first()
    )


def credentials_figures(congress: Congress, sitting: Sitting | None = None) -> CredentialsFigures:
    sitting = sitting or last_sitting(congress)
    figures = attendance(congress, sitting)
    delegates = list(
        Delegate.objects.filter(congress=congress)
        .exclude(kind=DelegateKind.GUEST)
        .select_related("unit", "replaced_by")
        .order_by("full_name", "pk")
    )
    counted = [d for d in delegates if d.counted]
    out = CredentialsFigures(
        summoned=figures.summoned, present=figures.present, sitting=sitting, base=figures.base
    )
    out.absent_with_reason = [d for d in counted if d.absence == Absence.WITH_REASON]
    out.absent_without_reason = [d for d in counted if d.absence == Absence.WITHOUT_REASON]
    out.replaced = [(d, d.replaced_by) for d in delegates if d.replaced_by is not None]
    out.invalid = [
        d
        for d in delegates
        if d.kind == DelegateKind.OFFICIAL and d.credential == CredentialState.INVALID
    ]
    out.pending = sum(d.credential == CredentialState.PENDING for d in counted)
    out.valid = sum(d.credential == CredentialState.VALID for d in counted)
    year = (congress.campaign.reference_date or congress.held_date or timezone.localdate()).year
    bands = Counter(_age_band(d.birth_year, year) for d in counted)
    out.composition = [
        (
            "Đại biểu đương nhiên (cấp ủy khóa đương nhiệm)",
            sum(d.basis == DelegateBasis.EX_OFFICIO for d in counted),
        ),
        ("Đại biểu được bầu", sum(d.basis == DelegateBasis.ELECTED for d in counted)),
        ("Đại biểu được chỉ định", sum(d.basis == DelegateBasis.APPOINTED for d in counted)),
        ("Đại biểu dự khuyết được thay vào chính thức", sum(d.promoted for d in counted)),
        ("Đại biểu nữ", sum(d.gender == Gender.FEMALE for d in counted)),
        ("Đại biểu là người dân tộc thiểu số", sum(d.ethnic_minority for d in counted)),
        *(
            (band, bands[band])
            for band in ("Dưới 40 tuổi", "Từ 40 đến 50 tuổi", "Trên 50 tuổi", "Chưa rõ tuổi")
            if bands[band]
        ),
    ]
    return out


def credentials_document(congress: Congress, *, day: dt.date | None = None) -> bytes:
    """Return the credentials committee's report as DOCX."""
    f = credentials_figures(congress)
    org = congress.organisation
    day = day or congress.held_date or timezone.localdate()
    letterhead = ph.letterhead_for(org, doc_type="BC", day=day)
    doc = ph.new_document()
    ordinal = f" lần thứ {congress.ordinal_roman}" if congress.ordinal else ""
    ph.add_header(
        doc,
        issuing_body="Ban thẩm tra tư cách đại biểu",
        number="    -BC/ĐH",
        place=letterhead.place,
        day=day,
        superior_body=f"Đại hội {org.name}{ordinal}",
    )
    ph.add_title(
        doc,
        f"BÁO CÁO\nThẩm tra tư cách đại biểu dự Đại hội {org.name}{ordinal}, "
        f"nhiệm kỳ {congress.term or congress.campaign.term}",
    )
    body = ph.add_body_paragraph
    ph.add_heading(doc, "I. SỐ LƯỢNG ĐẠI BIỂU")
    body(
        doc,
        f"Tổng số đại biểu chính thức được triệu tập: {vn_int(f.summoned)} đồng chí "
        "(không kể đại biểu không đủ tư cách và đại biểu đã được thay bằng đại biểu dự khuyết).",
    )
    where = f" ({f.sitting})" if f.sitting else ""
    body(
        doc,
        f"Số đại biểu có mặt{where}: {vn_int(f.present)} đồng chí, "
        f"bằng {vn_share(f.present, f.summoned)} số đại biểu được triệu tập.",
    )
    absent = len(f.absent_with_reason) + len(f.absent_without_reason)
    body(
        doc,
        f"Số đại biểu vắng mặt cả đại hội: {vn_int(absent)} đồng chí, trong đó có lý do "
        f"{vn_int(len(f.absent_with_reason))}, không có lý do "
        f"{vn_int(len(f.absent_without_reason))}.",
    )
    for d in f.absent_with_reason:
        body(doc, f"- Đồng chí {d.full_name}: {d.absence_reason}.")
    for d in f.absent_without_reason:
        body(doc, f"- Đồng chí {d.full_name}: vắng mặt không có lý do.")
    if f.replaced:
        body(doc, "Đại biểu dự khuyết được thay thế đại biểu chính thức vắng mặt:")
        for official, alternate in f.replaced:
            unit = official.unit.name if official.unit else ""
            body(
                doc,
                f"- Đồng chí {alternate.full_name} (dự khuyết thứ {alternate.alternate_order}, "
                f"{unit}) thay đồng chí {official.full_name}.",
            )
    body(doc, f"Cơ sở tính kết quả bầu cử: {vn_int(f.base)} đại biểu.")

    ph.add_heading(doc, "II. CƠ CẤU ĐẠI BIỂU")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    ph.fit_columns(table, [4, 1.5, 1.5])
    for cell, text in zip(table.rows[0].cells, ("Cơ cấu", "Số lượng", "Tỉ lệ"), strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for label, count in f.composition:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = (
            label,
            vn_int(count),
            vn_share(count, f.summoned),
        )
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(12)

    ph.add_heading(doc, "III. KẾT QUẢ THẨM TRA TƯ CÁCH ĐẠI BIỂU")
    body(
        doc,
        f"Ban thẩm tra tư cách đại biểu đã xem xét: {vn_int(f.valid)} đại biểu đủ tư cách, "
        f"{vn_int(len(f.invalid))} đại biểu không đủ tư cách"
        + (f", {vn_int(f.pending)} đại biểu chưa thẩm tra." if f.pending else "."),
    )
    for d in f.invalid:
        body(doc, f"- Đồng chí {d.full_name}: {d.credential_reason}.")
    if not f.invalid and not f.pending:
        body(
            doc,
            "Tất cả đại biểu được triệu tập đều đủ tư cách đại biểu dự Đại hội; đề nghị Đại hội "
            "xem xét, biểu quyết công nhận.",
        )
    ph.add_signature(doc, on_behalf="T/M BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU", position="TRƯỞNG BAN")
    return ph.document_bytes(doc)
