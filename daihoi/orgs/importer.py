"""Validating an organisation list as a whole before anything is written.

`plan_import` reads every row, checks the file against itself and against the
tree already stored, and returns either every error found or a plan of
creations, updates and moves that `actions.do_import_organisations` applies in
one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from daihoi.core.tables import CellError, RowsRejected, Table
from daihoi.lib.text import clean, fold
from daihoi.orgs.models import Level, Organisation, OrgKind, Structure, UnitType
from daihoi.orgs.names import name_messages

# Canonical column → accepted headers (compared without diacritics or case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "mã", "mã tổ chức"),
    "parent_code": ("parent_code", "mã cấp trên", "parent"),
    "name": ("name", "tên", "tên tổ chức"),
    "level": ("level", "cấp"),
    "kind": ("kind", "loại"),
    "unit_type": ("unit_type", "loại hình", "loại hình đơn vị"),
    "members": ("members", "số đảng viên"),
    "valid_from": ("valid_from", "hiệu lực từ"),
    "valid_until": ("valid_until", "hiệu lực đến"),
}
REQUIRED = ("code", "parent_code", "name", "level")
_HEADER_LOOKUP = {fold(alias): col for col, aliases in COLUMNS.items() for alias in aliases}

_KINDS = {
    fold(alias): kind
    for kind, aliases in {
        OrgKind.DANG_BO: ("dang_bo", "đảng bộ", "đảng bộ cơ sở", "db"),
        OrgKind.CHI_BO: ("chi_bo", "chi bộ", "chi bộ cơ sở", "cb"),
    }.items()
    for alias in aliases
}
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")
MAX_CODE = 40
MAX_NAME = 255


@dataclass
class Row:
    number: int
    code: str
    parent_code: str
    name: str
    level: Level | None = None
    kind: str | None = None
    unit_type: UnitType | None = None
    members: int | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    given: set[str] = field(default_factory=set)

    def fields(self) -> dict[str, Any]:
        """Return the stored fields this row sets."""
        if self.level is None:  # plan_import refuses such rows before asking
            raise ValueError(self.code)
        values: dict[str, Any] = {
            "name": self.name,
            "level_id": self.level.pk,
            "kind": self.kind,
        }
        optional = {
            "unit_type": ("unit_type_id", self.unit_type.pk if self.unit_type else None),
            "members": ("members", self.members),
            "valid_from": ("valid_from", self.valid_from),
            "valid_until": ("valid_until", self.valid_until),
        }
        for column, (attr, value) in optional.items():
            if column in self.given:
                values[attr] = value
        return values


@dataclass
class Existing:
    """What the import needs to know of a stored organisation, without the ORM."""

    pk: int
    code: str
    path: str
    parent_path: str
    rank: int
    fields: dict[str, Any]


@dataclass
class ImportPlan:
    structure: Structure
    rows: list[Row]
    creates: list[Row]
    updates: list[tuple[Existing, dict[str, Any]]]
    moves: list[tuple[Existing, str]]  # (organisation, new parent code)
    existing: dict[str, Existing]

    @property
    def changes(self) -> int:
        return len(self.creates) + len(self.updates) + len(self.moves)


class ImportRejected(RowsRejected):
    pass


def load_existing(structure: Structure) -> dict[str, Existing]:
    """Load every organisation of the structure as plain values, in one query."""
    ranks = dict(Level.objects.filter(structure=structure).values_list("pk", "rank"))
    stored: dict[str, Existing] = {}
    step = Organisation.steplen
    rows = Organisation.objects.filter(structure=structure).values_list(
        "pk",
        "code",
        "path",
        "name",
        "level_id",
        "kind",
        "unit_type_id",
        "members",
        "valid_from",
        "valid_until",
    )
    for pk, code, path, name, level_id, kind, unit_type_id, members, vf, vu in rows.iterator(
        chunk_size=5000
    ):
        stored[code] = Existing(
            pk=pk,
            code=code,
            path=path,
            parent_path=path[:-step],
            rank=ranks[level_id],
            fields={
                "name": name,
                "level_id": level_id,
                "kind": kind,
                "unit_type_id": unit_type_id,
                "members": members,
                "valid_from": vf,
                "valid_until": vu,
            },
        )
    return stored


class _Validator:
    def __init__(self, structure: Structure, table: Table, scope_path: str | None) -> None:
        self.structure = structure
        self.table = table
        self.scope_path = scope_path
        self.errors: list[CellError] = []
        self.levels = list(Level.objects.filter(structure=structure).order_by("rank"))
        self.level_lookup: dict[str, Level] = {}
        for level in self.levels:
            for alias in (str(level.rank), level.code, level.name, level.short_name):
                self.level_lookup[fold(alias)] = level
        self.lowest_rank = self.levels[-1].rank if self.levels else 0
        self.unit_types: dict[str, UnitType] = {}
        for unit_type in UnitType.objects.all():
            self.unit_types[fold(unit_type.code)] = unit_type
            self.unit_types[fold(unit_type.name)] = unit_type
        self.header_names: dict[str, str] = {}
        self.positions: dict[str, int] = {}

    def error(self, row: int, column: str, value: str, message: str) -> None:
        shown = self.header_names.get(column, column)
        self.errors.append(CellError(row, shown, value, message))

    # --- header and cells -------------------------------------------------

    def read_header(self) -> bool:
        for index, header in enumerate(self.table.headers):
            column = _HEADER_LOOKUP.get(fold(header))
            if column is None:
                continue
            if column in self.positions:
                self.error(1, header, "", _("Cột này xuất hiện hai lần."))
                continue
            self.positions[column] = index
            self.header_names[column] = header
        for column in REQUIRED:
            if column not in self.positions:
                self.error(
                    1,
                    "",
                    column,
                    _("Thiếu cột bắt buộc «%(column)s» (tiêu đề nhận: %(aliases)s).")
                    % {"column": column, "aliases": ", ".join(COLUMNS[column])},
                )
        return not self.errors

    def cell(self, cells: list[str], column: str) -> str | None:
        """Return the cell's text, or None when the file has no such column."""
        index = self.positions.get(column)
        if index is None:
            return None
        return clean(cells[index]) if index < len(cells) else ""

    def parse_row(self, number: int, cells: list[str]) -> Row:
        code = self.cell(cells, "code") or ""
        name = self.cell(cells, "name") or ""
        row = Row(number, code, self.cell(cells, "parent_code") or "", name)
        if not code:
            self.error(number, "code", "", _("Mã tổ chức không được để trống."))
        elif len(code) > MAX_CODE:
            self.error(number, "code", code, _("Mã dài quá %(n)s ký tự.") % {"n": MAX_CODE})
        if not name:
            self.error(number, "name", "", _("Tên tổ chức không được để trống."))
        elif len(name) > MAX_NAME:
            self.error(number, "name", name, _("Tên dài quá %(n)s ký tự.") % {"n": MAX_NAME})
        for message in name_messages(name)[1]:
            self.error(number, "name", name, message)
        level_text = self.cell(cells, "level") or ""
        row.level = self.level_lookup.get(fold(level_text))
        if row.level is None:
            known = ", ".join(f"{lv.rank} ({lv.name})" for lv in self.levels)
            self.error(
                number,
                "level",
                level_text,
                _("Cấp không có trong cơ cấu %(structure)s. Các cấp: %(known)s.")
                % {"structure": self.structure.code, "known": known},
            )
        self.parse_optional(row, cells)
        return row

    def parse_optional(self, row: Row, cells: list[str]) -> None:
        number = row.number
        kind_text = self.cell(cells, "kind")
        if kind_text:
            row.kind = _KINDS.get(fold(kind_text))
            if row.kind is None:
                self.error(number, "kind", kind_text, _("Loại phải là «Đảng bộ» hoặc «Chi bộ»."))
        if row.kind is None and row.level is not None:
            # Only the lowest level is made of cells by default.
            row.kind = OrgKind.CHI_BO if row.level.rank == self.lowest_rank else OrgKind.DANG_BO
        unit_text = self.cell(cells, "unit_type")
        if unit_text is not None:
            row.given.add("unit_type")
            if unit_text:
                row.unit_type = self.unit_types.get(fold(unit_text))
                if row.unit_type is None:
                    self.error(
                        number,
                        "unit_type",
                        unit_text,
                        _("Loại hình đơn vị chưa có trong danh mục; hãy thêm vào danh mục trước."),
                    )
        members_text = self.cell(cells, "members")
        if members_text:
            row.given.add("members")
            if members_text.isdigit() and len(members_text) <= 9:
                row.members = int(members_text)
            else:
                self.error(
                    number,
                    "members",
                    members_text,
                    _("Số đảng viên phải là số nguyên không âm, không có dấu phân cách."),
                )
        for column in ("valid_from", "valid_until"):
            text = self.cell(cells, column)
            if text:
                row.given.add(column)
                value = _parse_date(text)
                if value is None:
                    self.error(
                        number,
                        column,
                        text,
                        _("Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."),
                    )
                setattr(row, column, value)
        if row.valid_from and row.valid_until and row.valid_until < row.valid_from:
            self.error(
                number,
                "valid_until",
                str(row.valid_until),
                _("Ngày hết hiệu lực đứng trước ngày bắt đầu hiệu lực."),
            )

    # --- the file as a whole ----------------------------------------------

    def in_scope(self, path: str) -> bool:
        return self.scope_path is None or path.startswith(self.scope_path)

    def check_tree(self, rows: list[Row], existing: dict[str, Existing]) -> None:
        by_code: dict[str, Row] = {}
        for row in rows:
            if not row.code:
                continue
            first = by_code.get(row.code)
            if first is not None:
                self.error(
                    row.number,
                    "code",
                    row.code,
                    _("Mã trùng với dòng %(row)s.") % {"row": first.number},
                )
                continue
            by_code[row.code] = row
            stored = existing.get(row.code)
            if stored is not None and not self.in_scope(stored.path):
                # Says nothing of where the code is used: codes outside the user's
                # unit are not theirs to learn, not even that they exist.
                self.error(
                    row.number,
                    "code",
                    row.code,
                    _(
                        "Không dùng được mã này cho một tổ chức trong đơn vị của bạn; "
                        "hãy kiểm tra lại mã hoặc hỏi cấp trên."
                    ),
                )
        for row in by_code.values():
            self.check_parent(row, by_code, existing)
        self.check_cycles(by_code)

    def check_parent(
        self, row: Row, by_code: dict[str, Row], existing: dict[str, Existing]
    ) -> None:
        if not row.parent_code:
            if row.level is not None and row.level.rank != 0:
                self.error(
                    row.number,
                    "parent_code",
                    "",
                    _("Thiếu mã cấp trên: chỉ tổ chức cấp %(top)s mới không có cấp trên.")
                    % {"top": self.levels[0].name if self.levels else "0"},
                )
            elif self.scope_path is not None:
                self.error(
                    row.number,
                    "parent_code",
                    "",
                    _("Bạn chỉ được nhập tổ chức thuộc phạm vi của mình."),
                )
            return
        if row.parent_code == row.code:
            self.error(
                row.number,
                "parent_code",
                row.parent_code,
                _("Tổ chức không thể là cấp trên của chính nó."),
            )
            return
        parent_row = by_code.get(row.parent_code)
        stored = existing.get(row.parent_code)
        # A parent outside the user's unit is answered as one that does not exist.
        if stored is not None and not self.in_scope(stored.path):
            stored = None
        if parent_row is None and stored is None:
            self.error(
                row.number,
                "parent_code",
                row.parent_code,
                _("Không có tổ chức cấp trên với mã này trong tệp hay trong đơn vị của bạn."),
            )
            return
        parent_rank: int | None
        if parent_row is not None:
            parent_rank = parent_row.level.rank if parent_row.level else None
        else:
            parent_rank = stored.rank if stored else None
        if row.level is not None and parent_rank is not None and row.level.rank != parent_rank + 1:
            self.error(
                row.number,
                "level",
                str(row.level.rank),
                _(
                    "Cấp %(rank)s (%(name)s) không ngay dưới cấp của tổ chức cấp trên "
                    "(cấp %(parent)s): không được bỏ cấp hay đảo cấp."
                )
                % {"rank": row.level.rank, "name": row.level.name, "parent": parent_rank},
            )

    def check_cycles(self, by_code: dict[str, Row]) -> None:
        # Follow parents inside the file; a chain that comes back to itself is a cycle.
        state: dict[str, int] = {}  # 1 = on the current chain, 2 = known to end
        for start in by_code:
            chain: list[str] = []
            code = start
            while code in by_code and state.get(code) is None:
                state[code] = 1
                chain.append(code)
                code = by_code[code].parent_code
            if code in by_code and state.get(code) == 1:
                loop = chain[chain.index(code) :]
                for member in loop:
                    row = by_code[member]
                    self.error(
                        row.number,
                        "parent_code",
                        row.parent_code,
                        _("Quan hệ cấp trên tạo thành vòng lặp: %(loop)s.")
                        % {"loop": " → ".join([*loop, code])},
                    )
            for member in chain:
                state[member] = 2


def _parse_date(text: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def plan_import(
    structure: Structure,
    table: Table,
    *,
    scope_path: str | None = None,
    existing: dict[str, Existing] | None = None,
) -> ImportPlan:
    """Validate the whole table and return the changes it makes, or raise ImportRejected."""
    validator = _Validator(structure, table, scope_path)
    if not validator.read_header():
        raise ImportRejected(validator.errors)
    rows = [validator.parse_row(number, cells) for number, cells in table.rows]
    if not rows:
        raise ImportRejected([CellError(0, "", "", _("Tệp không có dòng dữ liệu nào."))])
    if existing is None:
        existing = load_existing(structure)
    validator.check_tree(rows, existing)
    if validator.errors:
        validator.errors.sort(key=lambda e: e.row)
        raise ImportRejected(validator.errors)

    creates: list[Row] = []
    updates: list[tuple[Existing, dict[str, Any]]] = []
    moves: list[tuple[Existing, str]] = []
    code_by_path = {stored.path: stored.code for stored in existing.values()}
    for row in rows:
        stored = existing.get(row.code)
        if stored is None:
            creates.append(row)
            continue
        wanted = row.fields()
        changed = {k: v for k, v in wanted.items() if stored.fields.get(k) != v}
        if changed:
            updates.append((stored, changed))
        old_parent = code_by_path.get(stored.parent_path, "")
        if row.parent_code and row.parent_code != old_parent:
            moves.append((stored, row.parent_code))
    # Parents before children, whatever order the file had.
    rank_of = {row.code: row.level.rank for row in rows if row.level}
    creates.sort(key=lambda r: rank_of[r.code])
    return ImportPlan(structure, rows, creates, updates, moves, existing)
