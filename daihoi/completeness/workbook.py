"""The reporting-rate summary as an Excel workbook: by level, then by unit below."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from daihoi.completeness.models import OBLIGATION_LABELS
from daihoi.completeness.queries import OBLIGATIONS, Row, Summary
from daihoi.core.sheets import neutralise, print_setup


def _header() -> list[str]:
    cells = [_("Cấp / đơn vị")]
    for o in OBLIGATIONS:
        label = str(OBLIGATION_LABELS[o])
        cells += [
            f"{label}: {_('phải nộp')}",
            f"{label}: {_('đã nộp')}",
            f"{label}: {_('đúng hạn')}",
        ]
    return cells


def _line(sheet: Any, name: str, row: Row) -> list[object]:
    # A unit's name comes from an imported list: never let it run as a formula.
    first = WriteOnlyCell(sheet, value=name)
    neutralise(first)
    cells: list[object] = [first]
    for tally in row.cells():
        cells += [tally.expected, tally.received, tally.on_time]
    return cells


def summary_workbook(summary: Summary) -> bytes:
    book = Workbook(write_only=True)
    for title, rows in (
        (_("Theo cấp"), [(r.level.name if r.level else "", r) for r in summary.by_level]),
        (_("Theo đơn vị"), [(r.org.name if r.org else "", r) for r in summary.by_child]),
    ):
        sheet = book.create_sheet(title)
        print_setup(sheet, header_row=2, frozen_columns=1)
        sheet.append(
            [
                _("%(unit)s — báo cáo lên cấp trên đến ngày %(day)s")
                % {"unit": summary.root.name, "day": summary.as_of.strftime("%d/%m/%Y")}
            ]
        )
        sheet.append(_header())
        for name, row in rows:
            sheet.append(_line(sheet, name, row))
        sheet.append(_line(sheet, _("Tổng cộng"), summary.total))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
