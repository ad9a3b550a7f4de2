"""The results report as an XLSX file: the template to fill, and reading it back.

Two sheets, because a report is two things: «Số liệu», one row per unit with the
composition figures it declares, and «Danh sách», one row per person (the committee
with each member's facts, the delegates to the higher congress). The template lists
the units under the page's unit whose congress is held and waits for its report.
Reading checks the whole file before anything is written and names every error by
sheet, row and column; a unit outside the page's subtree is one of them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import partial

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.core.sheets import neutralise, print_setup
from daihoi.core.tables import CellError, Columns, RowsRejected, Table, TableError, read_workbook
from daihoi.elections.models import Election
from daihoi.lib.results import Figures
from daihoi.lib.text import fold
from daihoi.orgs.codes import by_code
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q
from daihoi.results.actions.report import ANNOUNCED, elections_in_app, state_problems
from daihoi.results.report import (
    FIGURE_LABELS,
    MEMBER_COLUMNS,
    ErrorSink,
    UnitReport,
    read_member,
    read_name,
    report_errors,
)
from daihoi.results.requirements import electing_delegates

FIGURES_SHEET = gettext_lazy("Số liệu")
LIST_SHEET = gettext_lazy("Danh sách")
CODE = gettext_lazy("Mã đơn vị")
UNIT = gettext_lazy("Tên đơn vị")
BODY = gettext_lazy("Cơ quan")
BODIES: dict[str, Promise] = {
    "committee": gettext_lazy("Ban Chấp hành"),
    "delegates": gettext_lazy("Đại biểu chính thức"),
    "alternates": gettext_lazy("Đại biểu dự khuyết"),
}
# The template lists at most this many units: a file a department fills by hand. Above
# it (a province of the finished 2020 campaign has thousands of held cells) the page
# says to download the template of each unit below.
TEMPLATE_UNITS = 2000
# Short spellings a department types, folded.
_BODY_WORDS = {"bch": "committee", "chinh thuc": "delegates", "du khuyet": "alternates"}


class ResultsFileRejected(RowsRejected):
    pass


def _lookup(labels: dict[str, Promise]) -> dict[str, str]:
    found = {fold(str(label)): key for key, label in labels.items()}
    found[fold(str(CODE))] = found["ma to chuc"] = "code"
    found[fold(str(BODY))] = "body"
    return found


# ---------------------------------------------------------------------------
# The template


def waiting(campaign: Campaign, org: Organisation) -> QuerySet[Congress]:
    """The held congresses under org (itself included) whose results are still to report."""
    return (
        Congress.objects.filter(campaign=campaign, state=CongressState.HELD)
        .filter(subtree_q(org.path, prefix="org_"))
        .exclude(pk__in=Election.objects.filter(state__in=ANNOUNCED).values("congress_id"))
    )


def template(campaign: Campaign, org: Organisation) -> bytes:
    """The XLSX to fill: one row per unit waiting for its report, the list sheet empty."""
    book = Workbook()
    figures = book.active
    figures.title = str(FIGURES_SHEET)
    figures.append([str(CODE), str(UNIT), *(str(label) for label in FIGURE_LABELS.values())])
    units = waiting(campaign, org).select_related("organisation").order_by("org_path")
    for congress in units[:TEMPLATE_UNITS]:
        figures.append([congress.organisation.code, congress.organisation.name])
        for cell in figures[figures.max_row]:
            neutralise(cell)
    people = book.create_sheet(str(LIST_SHEET))
    people.append([str(CODE), str(BODY), *(str(label) for label in MEMBER_COLUMNS.values())])
    choices = {
        "B": [str(label) for label in BODIES.values()],
        "D": [_("Nam"), _("Nữ")],
        "J": [_("Bí thư"), _("Phó Bí thư")],
    }
    for column, values in choices.items():
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        people.add_data_validation(rule)
        rule.add(f"{column}2:{column}5000")
    for sheet in (figures, people):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        # Codes keep their leading zeros (06529) as typed.
        for cell in sheet["A"]:
            cell.number_format = "@"
        sheet.column_dimensions["A"].width = 12
        sheet.column_dimensions["B"].width = 28
        print_setup(sheet, header_row=1, frozen_columns=1)
    people.column_dimensions["C"].width = 26
    guide = book.create_sheet(_("Hướng dẫn"))
    for line in (
        _("Trang «Số liệu»: mỗi đơn vị một dòng, ghi số ủy viên Ban Chấp hành và cơ cấu."),
        _(
            "Trang «Danh sách»: mỗi người một dòng. Cơ quan: Ban Chấp hành, Đại biểu chính "
            "thức hoặc Đại biểu dự khuyết. Với Ban Chấp hành ghi đủ giới tính, ngày sinh "
            "(dd/mm/yyyy), dân tộc; «x» ở cột Tham gia lần đầu, Ủy viên Ban Thường vụ; "
            "chức vụ Bí thư hoặc Phó Bí thư. Với đại biểu chỉ cần họ và tên."
        ),
        _(
            "Số liệu phải khớp danh sách (số nữ, lần đầu, dân tộc thiểu số, dưới 40 tuổi tính "
            "theo ngày đại hội, ủy viên Ban Thường vụ). Cả tệp được kiểm tra trước: có lỗi "
            "thì không đơn vị nào được ghi."
        ),
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------
# Reading a filled file


@dataclass
class _Sheet:
    title: str
    table: Table
    columns: Columns = field(init=False)

    def __post_init__(self) -> None:
        lookup = _lookup(FIGURE_LABELS if self.title == str(FIGURES_SHEET) else MEMBER_COLUMNS)
        self.columns = Columns(self.table.headers, lookup)

    def where(self, key: str) -> str:
        shown = self.columns.shown.get(key) or {**FIGURE_LABELS, **MEMBER_COLUMNS}.get(key, key)
        return f"{shown} ({self.title})"


def _sheets(filename: str, data: bytes) -> tuple[_Sheet, _Sheet]:
    found = read_workbook(filename, data)
    by_title = {fold(title): table for title, table in found}
    tables = [by_title.get(fold(str(name))) for name in (FIGURES_SHEET, LIST_SHEET)]
    # A renamed sheet is read by its place, as the template has it.
    for index, table in enumerate(tables):
        if table is None and len(found) > index:
            tables[index] = found[index][1]
    if tables[0] is None or tables[1] is None:
        raise TableError(
            [
                CellError(
                    0,
                    "",
                    "",
                    _("Tệp phải có hai trang «Số liệu» và «Danh sách» như tệp mẫu, có dữ liệu."),
                )
            ]
        )
    return _Sheet(str(FIGURES_SHEET), tables[0]), _Sheet(str(LIST_SHEET), tables[1])


def read_reports(
    campaign: Campaign, org: Organisation, filename: str, data: bytes
) -> list[UnitReport]:
    """Read and check a filled template; every unit's report, or ResultsFileRejected."""
    figures, people = _sheets(filename, data)
    errors: list[CellError] = []

    def sink(row: int, where: str, value: str, message: str) -> None:
        kind, _sep, key = where.partition(":")
        # A whole list's problem (no committee, no delegates) is the unit's: its code.
        target = people if kind == "member" else figures
        errors.append(
            CellError(row, target.where("code" if kind == "list" else key), value, message)
        )

    for sheet, required in ((figures, ("code", "members")), (people, ("code", "body"))):
        for key in required:
            if key not in sheet.columns.positions:
                errors.append(
                    CellError(1, sheet.where(key), "", _("Thiếu cột bắt buộc của tệp mẫu."))
                )
    if errors:
        raise ResultsFileRejected(errors)
    reports = _read_figures(campaign, org, figures, errors)
    _read_people(reports, people, errors, sink)
    electing = electing_delegates([r.congress for r in reports.values()])
    for report in reports.values():
        report_errors(report, report.congress.pk in electing, sink)
    if not reports and not errors:
        errors.append(CellError(0, "", "", _("Trang «Số liệu» không có đơn vị nào.")))
    if errors:
        raise ResultsFileRejected(errors)
    return list(reports.values())


def _read_figures(
    campaign: Campaign, org: Organisation, sheet: _Sheet, errors: list[CellError]
) -> dict[str, UnitReport]:
    cell = sheet.columns.text
    codes = {cell(cells, "code") for _n, cells in sheet.table.rows} - {""}
    units = by_code(
        Organisation.objects.filter(subtree_q(org.path), structure_id=org.structure_id), codes
    )
    congresses = {
        c.organisation_id: c
        for c in Congress.objects.filter(
            campaign=campaign, organisation__in=list(units.values())
        ).select_related("organisation", "campaign")
    }
    in_app = elections_in_app(c.pk for c in congresses.values())
    reports: dict[str, UnitReport] = {}
    for number, cells in sheet.table.rows:
        code = cell(cells, "code")
        unit = units.get(code)
        if unit is None:
            message = _("Không có đơn vị mã này trong %(org)s.") % {"org": org.name}
            errors.append(CellError(number, sheet.where("code"), code, message))
            continue
        if unit.code in reports:
            message = _("Đơn vị này đã có ở dòng %(row)s.") % {
                "row": reports[unit.code].figures_row
            }
            errors.append(CellError(number, sheet.where("code"), code, message))
            continue
        congress = congresses.get(unit.pk)
        found = (
            state_problems(congress, congress.pk in in_app)
            if congress
            else [("", _("Đơn vị chưa có hồ sơ đại hội trong đợt này."))]
        )
        for _code, reason in found:
            errors.append(CellError(number, sheet.where("code"), code, reason))
        values: dict[str, int] = {}
        for key in FIGURE_LABELS:
            text = cell(cells, key)
            if not (text.isascii() and text.isdigit()) or int(text) > 10_000:
                message = _("Ghi một số nguyên từ 0 đến 10.000.")
                errors.append(CellError(number, sheet.where(key), text, message))
            else:
                values[key] = int(text)
        if congress is not None and not found and len(values) == len(FIGURE_LABELS):
            reports[unit.code] = UnitReport(congress, Figures(**values), figures_row=number)
    return reports


def _read_people(
    reports: dict[str, UnitReport], sheet: _Sheet, errors: list[CellError], sink: ErrorSink
) -> None:
    cell = sheet.columns.text
    # As by_code reads the first sheet: a spreadsheet drops a code's leading zeros.
    codes = {fold(c): c for c in reports} | {fold(c.lstrip("0")): c for c in reports}
    body_of = {fold(str(label)): key for key, label in BODIES.items()} | _BODY_WORDS
    for number, cells in sheet.table.rows:
        code = cell(cells, "code")
        unit = codes.get(fold(code)) or codes.get(fold(code.lstrip("0")))
        body = body_of.get(fold(cell(cells, "body")))
        if body is None:
            message = _(
                "Cơ quan ghi «Ban Chấp hành», «Đại biểu chính thức» hoặc «Đại biểu dự khuyết»."
            )
            errors.append(CellError(number, sheet.where("body"), cell(cells, "body"), message))
        if unit is None:
            message = _("Mã đơn vị này không có ở trang «Số liệu» (hoặc dòng của nó có lỗi).")
            errors.append(CellError(number, sheet.where("code"), code, message))
        if unit is None or body is None:
            continue
        report = reports[unit]
        day = report.congress.held_date
        if body == "committee" and day is not None:
            member = read_member(partial(cell, cells), number, day, sink)
            if member is not None:
                report.committee.append(member)
        elif body != "committee":
            target = report.delegates if body == "delegates" else report.alternates
            name = read_name(cell(cells, "full_name"), number, "member:full_name", sink)
            if name:
                target.append((number, name))
