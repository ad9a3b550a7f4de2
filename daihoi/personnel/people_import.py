"""Importing cadre records from CSV or XLSX: all or nothing, every error with its row.

Columns (Vietnamese headers too): full_name, gender, birth_date and optionally
ethnicity, education, theory_level, position, party_joined, outgoing_committee,
planned, science_tech, org_code (a unit under the page's organisation; default
the organisation itself).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from daihoi.campaigns.congress_import import parse_day
from daihoi.core.tables import NO_WORDS, YES_WORDS, CellError, Columns, RowsRejected, Table
from daihoi.lib.text import fold
from daihoi.orgs.codes import by_code, in_chunks
from daihoi.orgs.models import Organisation
from daihoi.orgs.names import name_messages
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.actions.people import new_person
from daihoi.personnel.birthdates import birth_date_problem
from daihoi.personnel.models import Gender, Person, TheoryLevel

COLUMNS: dict[str, tuple[str, ...]] = {
    "full_name": ("full_name", "họ và tên", "họ tên"),
    "gender": ("gender", "giới tính"),
    "birth_date": ("birth_date", "ngày sinh"),
    "ethnicity": ("ethnicity", "dân tộc"),
    "education": ("education", "trình độ chuyên môn", "chuyên môn"),
    "theory_level": ("theory_level", "lý luận chính trị", "lý luận"),
    "position": ("position", "chức vụ", "chức vụ hiện nay"),
    "party_joined": ("party_joined", "ngày vào đảng"),
    "outgoing_committee": ("outgoing_committee", "cấp ủy khóa đương nhiệm", "tái cử"),
    "planned": ("planned", "quy hoạch"),
    "science_tech": ("science_tech", "khoa học công nghệ", "cán bộ khoa học, công nghệ"),
    "org_code": ("org_code", "mã tổ chức", "mã đơn vị"),
}
REQUIRED = ("full_name", "gender", "birth_date")
_LOOKUP = {fold(alias): column for column, aliases in COLUMNS.items() for alias in aliases}
_GENDERS = {"nam": Gender.MALE, "m": Gender.MALE, "nu": Gender.FEMALE, "f": Gender.FEMALE}
_THEORY = {fold(str(label)): value for value, label in TheoryLevel.choices} | {
    value: value for value in TheoryLevel.values
}


class PeopleImportRejected(RowsRejected):
    pass


def plan_people_import(org: Organisation, table: Table) -> list[Person]:
    """Check the whole table; return unsaved people or raise PeopleImportRejected."""
    errors: list[CellError] = []
    columns = Columns(table.headers, _LOOKUP)
    cell, shown = columns.text, columns.shown
    missing = [c for c in REQUIRED if c not in columns.positions]
    if missing:
        raise PeopleImportRejected(
            [
                CellError(1, "", c, _("Thiếu cột bắt buộc «%(column)s».") % {"column": c})
                for c in missing
            ]
        )

    def error(row: int, column: str, value: str, message: str) -> None:
        errors.append(CellError(row, shown.get(column, column), value, message))

    codes = {cell(cells, "org_code") for _n, cells in table.rows} - {""}
    units = by_code(
        Organisation.objects.filter(subtree_q(org.path), structure_id=org.structure_id), codes
    )
    people: list[Person] = []
    seen: dict[tuple[str, Any], int] = {}
    for number, cells in table.rows:
        values: dict[str, Any] = {}
        name, unreadable = name_messages(cell(cells, "full_name"))
        for message in unreadable:
            error(number, "full_name", name, message)
        if not name:
            error(number, "full_name", "", _("Họ và tên không được để trống."))
        values["full_name"] = name
        gender_text = cell(cells, "gender")
        gender = _GENDERS.get(fold(gender_text))
        if gender is None:
            error(number, "gender", gender_text, _("Giới tính ghi «Nam» hoặc «Nữ»."))
        values["gender"] = gender
        for column, required in (("birth_date", True), ("party_joined", False)):
            text = cell(cells, column)
            if not text:
                if required:
                    error(number, column, "", _("Ngày sinh không được để trống."))
                values[column] = None
                continue
            day = parse_day(text)
            if day is None:
                error(number, column, text, _("Ngày không hợp lệ; hãy ghi dd/mm/yyyy."))
            elif column == "birth_date" and (problem := birth_date_problem(day)):
                error(number, column, text, problem)
            values[column] = day
        born, joined = values.get("birth_date"), values.get("party_joined")
        if born and joined and joined < born:
            error(
                number,
                "party_joined",
                cell(cells, "party_joined"),
                _("Ngày vào Đảng trước ngày sinh."),
            )
        for column in ("outgoing_committee", "planned", "science_tech"):
            text = fold(cell(cells, column))
            if text in YES_WORDS:
                values[column] = True
            elif text in NO_WORDS:
                values[column] = False
            else:
                error(number, column, cell(cells, column), _("Ghi 1 (có) hoặc để trống."))
        theory = cell(cells, "theory_level")
        if theory:
            value = _THEORY.get(fold(theory))
            if value is None:
                error(
                    number,
                    "theory_level",
                    theory,
                    _("Trình độ lý luận ghi «Sơ cấp», «Trung cấp», «Cao cấp» hoặc «Cử nhân»."),
                )
            values["theory_level"] = value or ""
        for column, limit in (("ethnicity", 50), ("education", 150), ("position", 200)):
            text = cell(cells, column)
            if len(text) > limit:
                error(number, column, text, _("Dài quá %(n)s ký tự.") % {"n": limit})
            if text or column != "ethnicity":
                values[column] = text[:limit]
        code = cell(cells, "org_code")
        unit = org
        if code:
            found = units.get(code)
            if found is None:
                error(
                    number,
                    "org_code",
                    code,
                    _("Không có tổ chức với mã này trong %(org)s.") % {"org": org.name},
                )
            else:
                unit = found
        key = (fold(name), values.get("birth_date"))
        if name and key in seen:
            error(
                number,
                "full_name",
                name,
                _("Trùng họ tên và ngày sinh với dòng %(row)s.") % {"row": seen[key]},
            )
        seen[key] = number
        people.append(new_person(unit, values))
    if not table.rows:
        errors.append(CellError(0, "", "", _("Tệp không có dòng dữ liệu nào.")))
    # In chunks: a list of 100,000 names is more parameters than SQLite takes at once.
    existing: set[tuple[str, Any]] = set()
    for names in in_chunks(p.search_name for p in people):
        existing.update(
            Person.objects.filter(subtree_q(org.path, prefix="org_"))
            .filter(search_name__in=names)
            .values_list("search_name", "birth_date")
        )
    for (number, _cells), person in zip(table.rows, people, strict=True):
        if (person.search_name, person.birth_date) in existing:
            error(
                number,
                "full_name",
                person.full_name,
                _("Đã có hồ sơ cùng họ tên và ngày sinh trong đảng bộ."),
            )
    if errors:
        raise PeopleImportRejected(errors)
    return people
