"""Reading congress dates reported by subordinate units: every error, or rows to write.

Columns `org_code, planned_date, held_date` and optionally `pilot, ordinal,
term` (Vietnamese headers too). The whole file is checked first; any error
writes nothing and every error is reported with its row and column. The write is
`actions.congress_import.do_import_congresses`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.core.tables import CellError, RowsRejected, Table
from daihoi.lib.roman import from_roman
from daihoi.lib.text import clean, fold
from daihoi.orgs.codes import by_code
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q

COLUMNS: dict[str, tuple[str, ...]] = {
    "org_code": ("org_code", "mã tổ chức", "mã"),
    "planned_date": ("planned_date", "ngày dự kiến"),
    "held_date": ("held_date", "ngày tổ chức", "ngày đại hội"),
    "pilot": ("pilot", "đại hội điểm"),
    "ordinal": ("ordinal", "lần thứ"),
    "term": ("term", "nhiệm kỳ"),
}
REQUIRED = ("org_code", "planned_date", "held_date")
_LOOKUP = {fold(alias): column for column, aliases in COLUMNS.items() for alias in aliases}
_TRUE = {"1", "x", "co", "yes", "true", "diem"}
_FALSE = {"", "0", "khong", "no", "false"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class CongressImportRejected(RowsRejected):
    pass


@dataclass
class CongressRow:
    number: int
    org: Organisation
    values: dict[str, Any] = field(default_factory=dict)
    # Each column's header as the file wrote it, to name it in a later refusal.
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CongressImportResult:
    created: int
    updated: int
    unchanged: int


def parse_day(text: str) -> dt.date | None:
    """Read YYYY-MM-DD or dd/mm/yyyy; None when it is neither."""
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _ordinal(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        return from_roman(text.upper())
    except ValueError:
        return None


def plan_congress_import(
    campaign_structure_code: str,
    table: Table,
    *,
    scope_path: str | None = None,
    today: dt.date | None = None,
) -> list[CongressRow]:
    """Check the whole table; return the rows to write or raise CongressImportRejected."""
    today = today or timezone.localdate()
    errors: list[CellError] = []
    positions: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, header in enumerate(table.headers):
        column = _LOOKUP.get(fold(header))
        if column and column not in positions:
            positions[column] = index
            shown[column] = header
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise CongressImportRejected(
            [
                CellError(1, "", c, _("Thiếu cột bắt buộc «%(column)s».") % {"column": c})
                for c in missing
            ]
        )

    def cell(cells: list[str], column: str) -> str | None:
        index = positions.get(column)
        if index is None:
            return None
        return clean(cells[index]) if index < len(cells) else ""

    def error(row: int, column: str, value: str, message: str) -> None:
        errors.append(CellError(row, shown.get(column, column), value, message))

    codes = [cell(cells, "org_code") or "" for _n, cells in table.rows]
    orgs = Organisation.objects.filter(structure__code=campaign_structure_code)
    if scope_path is not None:
        orgs = orgs.filter(subtree_q(scope_path))
    found = by_code(orgs.select_related("level"), codes)
    seen: dict[str, int] = {}
    rows: list[CongressRow] = []
    for number, cells in table.rows:
        code = cell(cells, "org_code") or ""
        if not code:
            error(number, "org_code", "", _("Mã tổ chức không được để trống."))
            continue
        if code in seen:
            error(number, "org_code", code, _("Mã trùng với dòng %(row)s.") % {"row": seen[code]})
            continue
        seen[code] = number
        org = found.get(code)
        if org is None:
            error(
                number,
                "org_code",
                code,
                _("Không có tổ chức với mã này trong phạm vi của bạn (cơ cấu %(s)s).")
                % {"s": campaign_structure_code},
            )
            continue
        row = CongressRow(number, org, headers=shown)
        for column in ("planned_date", "held_date"):
            text = cell(cells, column) or ""
            if not text:
                row.values[column] = None
                continue
            day = parse_day(text)
            if day is None:
                error(
                    number,
                    column,
                    text,
                    _("Ngày không hợp lệ; hãy ghi YYYY-MM-DD hoặc dd/mm/yyyy."),
                )
            row.values[column] = day
        held = row.values.get("held_date")
        if held is not None and held > today:
            error(
                number,
                "held_date",
                str(held),
                _("Ngày tổ chức ở sau hôm nay; đại hội chưa diễn ra thì để trống."),
            )
        pilot = cell(cells, "pilot")
        if pilot is not None:
            folded = fold(pilot)
            if folded in _TRUE:
                row.values["pilot"] = True
            elif folded in _FALSE:
                row.values["pilot"] = False
            else:
                error(number, "pilot", pilot, _("Đại hội điểm ghi 1 (có) hoặc để trống."))
        ordinal = cell(cells, "ordinal")
        if ordinal:
            value = _ordinal(ordinal)
            if value is None or not 1 <= value <= 200:
                error(number, "ordinal", ordinal, _("Lần thứ phải là số (14) hoặc số La Mã (XIV)."))
            row.values["ordinal"] = value
        term = cell(cells, "term")
        if term:
            row.values["term"] = term.replace("-", "–")
        rows.append(row)
    if not table.rows:
        errors.append(CellError(0, "", "", _("Tệp không có dòng dữ liệu nào.")))
    if errors:
        raise CongressImportRejected(errors)
    return rows
