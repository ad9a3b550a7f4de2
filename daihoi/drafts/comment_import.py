"""Importing comments from a spreadsheet: every row checked first, all or nothing.

Columns (Vietnamese headers, or the English codes): `Đoạn` (the paragraph,
"1.2:3", or empty for a general comment), `Nhóm` (Đảng viên, Nhân dân, Cán bộ
lão thành …), `Người góp ý`, `Mã đơn vị` (a unit of the importer's subtree, for
comments collected below), `Ngày` and `Nội dung`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from daihoi.campaigns.congress_import import parse_day
from daihoi.core.tables import CellError, Table
from daihoi.drafts.models import Comment, Round, SourceGroup
from daihoi.lib.text import fold
from daihoi.orgs.codes import by_code
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q

if TYPE_CHECKING:
    import datetime as dt

COLUMNS: dict[str, tuple[str, ...]] = {
    "paragraph": ("paragraph", "đoạn", "mục, đoạn", "vị trí"),
    "group": ("group", "nhóm", "nhóm góp ý", "đối tượng"),
    "source": ("source", "người góp ý", "nơi góp ý", "người, nơi góp ý"),
    "unit": ("unit", "mã đơn vị", "đơn vị"),
    "date": ("date", "ngày", "ngày góp ý"),
    "text": ("text", "nội dung", "nội dung góp ý", "ý kiến"),
}
REQUIRED = ("text", "date")
_LOOKUP = {fold(alias): column for column, aliases in COLUMNS.items() for alias in aliases}
# A group written by its label, its code or a short name.
_GROUPS = {fold(str(g.label)): g.value for g in SourceGroup} | {
    g.value: g.value for g in SourceGroup
}
_GROUPS |= {
    "dang vien": SourceGroup.MEMBERS,
    "nhan dan": SourceGroup.PUBLIC,
    "can bo lao thanh": SourceGroup.RETIRED,
    "can bo huu tri": SourceGroup.RETIRED,
    "huu tri": SourceGroup.RETIRED,
    "dai hoi cap duoi": SourceGroup.UNIT,
    "don vi": SourceGroup.UNIT,
    "mttq": SourceGroup.ORGANISATIONS,
    "doan the": SourceGroup.ORGANISATIONS,
    "": SourceGroup.MEMBERS,
}
MAX_TEXT = 20_000


class CommentImportRejected(Exception):
    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def plan_comments(
    round_: Round,
    table: Table,
    *,
    today: dt.date,
    scope_root: Organisation | None,
    default_unit: Organisation | None = None,
) -> list[Comment]:
    """Check every row and return unsaved comments; any error rejects the whole file."""
    errors: list[CellError] = []
    index: dict[str, int] = {}
    for position, header in enumerate(table.headers):
        column = _LOOKUP.get(fold(header))
        if column is not None and column not in index:
            index[column] = position
    missing = [COLUMNS[c][1] for c in REQUIRED if c not in index]
    if missing:
        raise CommentImportRejected(
            [
                CellError(
                    1,
                    "",
                    ", ".join(table.headers),
                    _("Thiếu cột: %(cols)s.") % {"cols": ", ".join(f"«{m}»" for m in missing)},
                )
            ]
        )
    paragraphs = set(round_.block_map())
    codes = {
        cells[index["unit"]]
        for _n, cells in table.rows
        if "unit" in index and index["unit"] < len(cells) and cells[index["unit"]]
    }
    units: dict[str, Organisation] = {}
    if codes:
        found = Organisation.objects.filter(
            structure_id=round_.document.congress.organisation.structure_id
        )
        if scope_root is not None:
            found = found.filter(subtree_q(scope_root.path))
        units = by_code(found, codes)
    default_path = default_unit.path if default_unit is not None else round_.document.org_path
    rows: list[Comment] = []
    # A file of 100,000 rows repeats a handful of groups and dates: read each once.
    group_of: dict[str, str | None] = {}
    day_of: dict[str, dt.date | None] = {}
    for number, cells in table.rows:

        def cell(column: str, cells: list[str] = cells) -> str:
            position = index.get(column)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        def bad(column: str, value: str, message: str, number: int = number) -> None:
            errors.append(CellError(number, COLUMNS[column][1], value, message))

        paragraph = cell("paragraph").removeprefix("§").strip()
        if paragraph and paragraph not in paragraphs:
            bad(
                "paragraph",
                paragraph,
                _(
                    "Dự thảo lần %(n)s không có đoạn này "
                    "(ghi dạng 1.2:3, để trống nếu là ý kiến chung)."
                )
                % {"n": round_.number},
            )
        group_text = cell("group")
        if group_text not in group_of:
            group_of[group_text] = _GROUPS.get(fold(group_text))
        group = group_of[group_text]
        if group is None:
            bad(
                "group",
                group_text,
                _("Nhóm góp ý không có trong danh mục (%(list)s).")
                % {"list": ", ".join(str(g.label) for g in SourceGroup)},
            )
        day_text = cell("date")
        if day_text not in day_of:
            day_of[day_text] = parse_day(day_text)
        day = day_of[day_text]
        if day is None:
            bad("date", day_text, _("Ngày phải ghi dd/mm/yyyy."))
        elif day > today:
            bad("date", day_text, _("Ngày góp ý ở tương lai."))
        text = cell("text")
        if not text:
            bad("text", "", _("Nội dung góp ý đang trống."))
        elif len(text) > MAX_TEXT:
            bad("text", text[:40], _("Nội dung dài quá %(n)s ký tự.") % {"n": MAX_TEXT})
        code = cell("unit")
        unit = units.get(code) if code else default_unit
        if code and unit is None:
            bad("unit", code, _("Không có đơn vị mã này trong phạm vi của bạn."))
        if errors and errors[-1].row == number:
            continue
        assert day is not None and group is not None  # noqa: S101 - checked above
        rows.append(
            Comment(
                round=round_,
                paragraph=paragraph,
                source_group=SourceGroup.UNIT if code else group,
                source_name=cell("source") or (unit.name if unit is not None else ""),
                source_org=unit,
                source_path=unit.path if unit is not None else default_path,
                received_on=day,
                text=text,
            )
        )
    if not table.rows:
        errors.append(CellError(0, "", "", _("Tệp không có dòng ý kiến nào.")))
    if errors:
        raise CommentImportRejected(errors)
    return rows
