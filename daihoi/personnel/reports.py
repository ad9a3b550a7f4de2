"""The composition roll-up as an Excel workbook and as a Party-format report (DOCX)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import partial
from typing import Any, BinaryIO

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from daihoi.campaigns.models import Campaign
from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_date, vn_int, vn_share
from daihoi.core.sheets import neutralise, print_setup, streamed_workbook
from daihoi.jobs.exports import Ticker, not_shown, quiet
from daihoi.jobs.runner import Progress
from daihoi.orgs.models import Organisation
from daihoi.personnel.rollup import Rollup

HEADERS = [
    "Đơn vị",
    "Cấp ủy viên trúng cử",
    "Tham gia lần đầu",
    "Nữ",
    "Dân tộc thiểu số",
    "Dưới 40 tuổi",
]
BOLD = Font(bold=True)
# A unit with nobody elected yet shows a dash, not 0,00%.
_share = partial(vn_share, empty="–")


def rollup_workbook(
    campaign: Campaign,
    org: Organisation,
    as_of: dt.date,
    total: Rollup,
    children: Sequence[tuple[Organisation, Rollup]],
) -> bytes:
    """One sheet: the organisation's totals, then each direct child's, counts and shares."""
    out = io.BytesIO()
    write_rollup_workbook(out, campaign, org, as_of, total, children)
    return out.getvalue()


def _row(sheet: Any, name: str, r: Rollup, *, bold: bool = False) -> list[WriteOnlyCell]:
    """A unit's line: its name (never a formula), the count, then each part and its share."""
    values: list[object] = [name, r.total]
    for part in (r.first_time, r.women, r.ethnic_minority, r.under_40):
        values += [part, float(part) / r.total if r.total else None]
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        neutralise(cell)
        if isinstance(value, float):
            cell.number_format = "0.00%"
        elif isinstance(value, int):
            cell.number_format = "#,##0"
        if bold:
            cell.font = BOLD
        cells.append(cell)
    return cells


def write_rollup_workbook(
    out: BinaryIO,
    campaign: Campaign,
    org: Organisation,
    as_of: dt.date,
    total: Rollup,
    children: Sequence[tuple[Organisation, Rollup]],
    progress: Progress = quiet,
) -> int:
    """Write the roll-up workbook streamed (write-only); returns the children listed."""
    with streamed_workbook(out) as book:
        sheet = book.create_sheet("Cơ cấu cấp ủy")
        sheet.column_dimensions["A"].width = 45
        print_setup(sheet, header_row=4, frozen_columns=1)
        title = WriteOnlyCell(
            sheet, value=f"Cơ cấu cấp ủy khóa mới – {org.name} – đến ngày {vn_date(as_of)}"
        )
        title.font = Font(bold=True, size=14)
        sheet.append([title])
        sheet.append([campaign.name])
        sheet.append([])
        titles = [
            HEADERS[0],
            HEADERS[1],
            *[h for name in HEADERS[2:] for h in (name, f"Tỷ lệ {name.lower()}")],
        ]
        header = [WriteOnlyCell(sheet, value=t) for t in titles]
        for cell in header:
            cell.font = BOLD
        sheet.append(header)
        tick = Ticker(progress, "Đơn vị trực thuộc", len(children))
        for child, figures in children:
            sheet.append(_row(sheet, child.name, figures))
            tick()
        sheet.append(_row(sheet, f"Tổng cộng {org.name}", total, bold=True))
    return len(children)


def rollup_document(
    campaign: Campaign,
    org: Organisation,
    as_of: dt.date,
    total: Rollup,
    children: Sequence[tuple[Organisation, Rollup]],
    progress: Progress = quiet,
    *,
    more: int = 0,
) -> bytes:
    """The roll-up as a Party-format report; `more` children were left out of its table."""
    head = ph.letterhead_for(org, doc_type="BC", day=as_of)
    doc = ph.new_document()
    ph.add_header(
        doc,
        issuing_body=head.issuing_body,
        number=head.number,
        place=head.place,
        day=as_of,
        superior_body=head.superior_body,
    )
    ph.add_title(
        doc,
        "BÁO CÁO\n"
        f"Kết quả bầu cử cấp ủy trong {org.name}, nhiệm kỳ {campaign.term}\n"
        f"(tính đến ngày {vn_date(as_of)})",
    )
    t = total.total
    ph.add_body_paragraph(
        doc,
        f"Đến ngày {vn_date(as_of)}, các đại hội trong {org.name} đã bầu {vn_int(t)} cấp ủy viên; "
        f"trong đó tham gia lần đầu {vn_int(total.first_time)} ({_share(total.first_time, t)}), "
        f"nữ {vn_int(total.women)} ({_share(total.women, t)}), "
        f"dân tộc thiểu số {vn_int(total.ethnic_minority)} ({_share(total.ethnic_minority, t)}), "
        f"dưới 40 tuổi {vn_int(total.under_40)} ({_share(total.under_40, t)}).",
    )
    if children:
        ph.add_heading(doc, "KẾT QUẢ Ở CÁC ĐƠN VỊ TRỰC THUỘC")
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        # The unit's name widest; "1.234 (12,34%)" fits the four share columns on one line.
        ph.fit_columns(table, [4.5, 1.6, 2.2, 2.2, 2.2, 2.2])
        for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
            cell.text = text
        # python-docx has no streaming: the table is built in memory, a row at a time.
        tick = Ticker(progress, "Đơn vị trực thuộc", len(children))
        for child, r in children:
            tick()
            cells = table.add_row().cells
            values = [child.name, vn_int(r.total)] + [
                f"{vn_int(p)} ({_share(p, r.total)})"
                for p in (r.first_time, r.women, r.ethnic_minority, r.under_40)
            ]
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        if more > 0:
            ph.add_body_paragraph(doc, not_shown(more), italic=True)
    ph.add_signature(doc, on_behalf=ph.on_behalf_of(org.name), recipients=["Lưu Văn phòng"])
    return ph.document_bytes(doc)
