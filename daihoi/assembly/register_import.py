"""Importing a congress's delegate register from CSV or XLSX: all or nothing, errors by row.

For an organisation department whose lower congresses were not run in the app,
so that do_import_elected has no results to read. Columns, matched by their
headers without case or diacritics: Họ và tên; optionally Loại đại biểu
(chính thức, dự khuyết, đương nhiên, chỉ định, khách mời; empty is chính thức),
Mã đơn vị (a unit below the congress's organisation), Thứ tự dự khuyết (empty:
after the unit's last), Số phiếu, Giới tính, Dân tộc thiểu số (1 or empty),
Năm sinh and Chức vụ. Each row meets the rules of do_add_delegate. The write is
actions.delegates.do_import_register; this module reads and checks the file.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from daihoi.assembly.models import Delegate, DelegateBasis, DelegateKind, Gender
from daihoi.assembly.rules import delegate_problems, new_delegate
from daihoi.campaigns.congress_import import parse_day
from daihoi.campaigns.models import Congress
from daihoi.core.tables import NO_WORDS, YES_WORDS, CellError, Columns, RowsRejected, Table
from daihoi.lib.text import fold
from daihoi.orgs.codes import by_code, in_chunks
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q

# The first header of each column is the one an error names when the column is missing.
COLUMNS: dict[str, tuple[str, ...]] = {
    "full_name": ("Họ và tên", "họ tên", "full_name"),
    "kind": ("Loại đại biểu", "loại", "kind"),
    "unit": ("Mã đơn vị", "mã đoàn", "mã tổ chức", "unit_code"),
    "alternate_order": ("Thứ tự dự khuyết", "alternate_order"),
    "votes": ("Số phiếu", "số phiếu bầu", "votes"),
    "gender": ("Giới tính", "gender"),
    "ethnic_minority": ("Dân tộc thiểu số", "ethnic_minority"),
    "birth_year": ("Năm sinh", "birth_year"),
    "position": ("Chức vụ", "chức vụ, đơn vị công tác", "position"),
}
_LOOKUP = {fold(alias): column for column, aliases in COLUMNS.items() for alias in aliases}
_KIND_WORDS = {
    "chính thức": (DelegateKind.OFFICIAL, DelegateBasis.ELECTED),
    "dự khuyết": (DelegateKind.ALTERNATE, DelegateBasis.ELECTED),
    "đương nhiên": (DelegateKind.OFFICIAL, DelegateBasis.EX_OFFICIO),
    "chỉ định": (DelegateKind.OFFICIAL, DelegateBasis.APPOINTED),
    "khách mời": (DelegateKind.GUEST, DelegateBasis.INVITED),
}
# "Đại biểu dự khuyết" as often as "dự khuyết": the register's own headings say it so.
_KINDS = {fold(p + word): pair for word, pair in _KIND_WORDS.items() for p in ("", "đại biểu ")}
_GENDERS = {"": Gender.UNKNOWN, "nam": Gender.MALE, "nu": Gender.FEMALE}
MAX_ORDER = 999
MAX_VOTES = 2_147_483_647  # the column's limit on PostgreSQL


class RegisterImportRejected(RowsRejected):
    pass


def _whole(text: str, low: int, high: int) -> int | None:
    # isascii: "²" is a digit to str.isdigit, and int() refuses it.
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if low <= int(text) <= high else None


class _Reader(Columns):
    """The table's columns found by their headers, and every error met reading its rows."""

    def __init__(self, table: Table) -> None:
        super().__init__(table.headers, _LOOKUP)
        self.errors: list[CellError] = []

    def refuse(self, number: int, column: str, value: str, message: str) -> None:
        shown = self.shown.get(column, COLUMNS[column][0])
        self.errors.append(CellError(number, shown, value, message))


def _units(congress: Congress, table: Table, reader: _Reader) -> dict[str, Organisation]:
    """The units the file names, looked up below the congress's organisation only."""
    codes = {reader.text(cells, "unit") for _number, cells in table.rows}
    org = congress.organisation
    return by_code(
        Organisation.objects.filter(
            subtree_q(org.path, include_self=False), structure_id=org.structure_id
        ),
        codes,
    )


def _read_row(
    congress: Congress,
    reader: _Reader,
    number: int,
    cells: list[str],
    units: dict[str, Organisation],
) -> dict[str, Any]:
    """The row's values, as new_delegate takes them; its problems go to the reader's errors."""
    text = {column: reader.text(cells, column) for column in COLUMNS}
    failed: set[str] = set()

    def refuse(column: str, message: str) -> None:
        failed.add(column)
        reader.refuse(number, column, text[column], message)

    if len(text["full_name"]) > 150:
        refuse("full_name", _("Dài quá %(n)s ký tự.") % {"n": 150})
    pair = _KINDS.get(fold(text["kind"] or "chính thức"))
    if pair is None:
        refuse(
            "kind",
            _(
                "Loại đại biểu ghi «chính thức», «dự khuyết», «đương nhiên», «chỉ định» "
                "hoặc «khách mời»."
            ),
        )
    kind, basis = pair or (DelegateKind.OFFICIAL, DelegateBasis.ELECTED)
    unit = units.get(text["unit"])
    if text["unit"] and unit is None:
        refuse(
            "unit",
            _("Không có tổ chức với mã này trong %(org)s.") % {"org": congress.organisation.name},
        )
    order = None
    if text["alternate_order"]:
        order = _whole(text["alternate_order"], 1, MAX_ORDER)
        if kind != DelegateKind.ALTERNATE:
            refuse("alternate_order", _("Chỉ đại biểu dự khuyết có thứ tự dự khuyết."))
        elif order is None:
            refuse(
                "alternate_order",
                _("Thứ tự dự khuyết ghi một số nguyên từ 1 đến %(n)s.") % {"n": MAX_ORDER},
            )
    votes = _whole(text["votes"], 0, MAX_VOTES) if text["votes"] else None
    if text["votes"] and votes is None:
        refuse("votes", _("Số phiếu ghi một số nguyên không âm."))
    gender = _GENDERS.get(fold(text["gender"]))
    if gender is None:
        refuse("gender", _("Giới tính ghi «Nam» hoặc «Nữ»."))
    minority = fold(text["ethnic_minority"])
    if minority not in YES_WORDS | NO_WORDS:
        refuse("ethnic_minority", _("Ghi 1 (có) hoặc để trống."))
    born = text["birth_year"]
    birth_year = _whole(born, 0, 9999)
    if born and birth_year is None:
        # A spreadsheet's date cell arrives as YYYY-MM-DD; a whole date gives its year.
        day = parse_day(born)
        if day is None:
            refuse("birth_year", _("Năm sinh ghi bốn chữ số, ví dụ 1975."))
        else:
            birth_year = day.year
    if len(text["position"]) > 300:
        refuse("position", _("Dài quá %(n)s ký tự.") % {"n": 300})
    for column, _code, message in delegate_problems(
        congress,
        full_name=text["full_name"],
        kind=kind,
        basis=basis,
        unit=unit,
        birth_year=birth_year,
    ):
        # An unknown code or kind is said once, not again as a missing unit or basis.
        if column not in failed:
            refuse(column, message)
    return {
        "full_name": text["full_name"],
        "kind": kind,
        "basis": basis,
        "unit": unit,
        "alternate_order": order,
        "votes": votes,
        "gender": gender or Gender.UNKNOWN,
        "ethnic_minority": minority in YES_WORDS,
        "birth_year": birth_year,
        "position": text["position"],
    }


def _unit_pk(values: dict[str, Any]) -> int | None:
    return values["unit"].pk if values["unit"] is not None else None


def plan_delegate_import(congress: Congress, table: Table) -> list[Delegate]:
    """Check the whole table; return unsaved delegates or raise RegisterImportRejected."""
    reader = _Reader(table)
    if "full_name" not in reader.positions:
        message = _("Thiếu cột bắt buộc «%(column)s».") % {"column": COLUMNS["full_name"][0]}
        raise RegisterImportRejected([CellError(1, "", "", message)])
    if not table.rows:
        raise RegisterImportRejected([CellError(0, "", "", _("Tệp không có dòng dữ liệu nào."))])
    units = _units(congress, table, reader)
    names = {fold(reader.text(cells, "full_name"))[:150] for _number, cells in table.rows}
    # In chunks: SQLite takes at most 32,766 parameters in one query.
    registered: set[tuple[str, int | None]] = set()
    for chunk in in_chunks(names):
        registered.update(
            Delegate.objects.filter(congress=congress, folded_name__in=chunk).values_list(
                "folded_name", "unit_id"
            )
        )
    # A rank says who is called first to replace an absent official: one per unit.
    ranked = {
        (unit_id, rank)
        for unit_id, rank in Delegate.objects.filter(
            congress=congress, kind=DelegateKind.ALTERNATE
        ).values_list("unit_id", "alternate_order")
        if rank is not None
    }
    seen: dict[tuple[str, int | None], int] = {}
    ranked_at: dict[tuple[int | None, int], int] = {}
    rows: list[dict[str, Any]] = []
    for number, cells in table.rows:
        values = _read_row(congress, reader, number, cells, units)
        name, unit_id, order = values["full_name"], _unit_pk(values), values["alternate_order"]
        key = (fold(name)[:150], unit_id)
        if name and key in seen:
            reader.refuse(
                number,
                "full_name",
                name,
                _("Trùng họ tên và đơn vị với dòng %(row)s.") % {"row": seen[key]},
            )
        elif name and key in registered:
            reader.refuse(
                number,
                "full_name",
                name,
                _("Đã có trong danh sách đại biểu (cùng họ tên, cùng đơn vị)."),
            )
        seen.setdefault(key, number)
        if order is not None and values["kind"] == DelegateKind.ALTERNATE:
            if (unit_id, order) in ranked:
                reader.refuse(
                    number,
                    "alternate_order",
                    str(order),
                    _("Đơn vị này đã có đại biểu dự khuyết thứ %(n)s trong danh sách.")
                    % {"n": order},
                )
            elif (unit_id, order) in ranked_at:
                reader.refuse(
                    number,
                    "alternate_order",
                    str(order),
                    _("Thứ tự dự khuyết này đã dùng ở dòng %(row)s cho cùng đơn vị.")
                    % {"row": ranked_at[unit_id, order]},
                )
            ranked_at.setdefault((unit_id, order), number)
        rows.append(values)
    if reader.errors:
        raise RegisterImportRejected(reader.errors)
    # Alternates without a rank come after the unit's last, on the register or in the file.
    following: dict[int | None, int] = {}
    for unit_id, order in ranked | set(ranked_at):
        following[unit_id] = max(following.get(unit_id, 1), order + 1)
    for values in rows:
        if values["kind"] == DelegateKind.ALTERNATE and values["alternate_order"] is None:
            unit_id = _unit_pk(values)
            rank = following.get(unit_id, 1)
            values["alternate_order"], following[unit_id] = rank, rank + 1
    return [new_delegate(congress, **values) for values in rows]
