"""A unit's results report as read from the form or the file, and its checks in Vietnamese.

The form and the file both end in a `UnitReport`: the composition figures the unit
declares, its committee member by member, its delegates. `read_member` reads one
member from a row of either; `report_errors` turns lib/results' problems into
messages that name the row and the column where the report wrote the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns.congress_import import parse_day
from daihoi.campaigns.models import Congress
from daihoi.core.tables import NO_WORDS, YES_WORDS
from daihoi.lib.composition import age_on
from daihoi.lib.results import Figures, Member, Post, Problem, report_problems
from daihoi.lib.text import fold
from daihoi.orgs.names import name_messages
from daihoi.personnel.birthdates import birth_date_problem

# The columns of a committee member, in the order the form's lines give them.
MEMBER_COLUMNS: dict[str, Promise] = {
    "full_name": gettext_lazy("Họ và tên"),
    "gender": gettext_lazy("Giới tính"),
    "birth_date": gettext_lazy("Ngày sinh"),
    "ethnicity": gettext_lazy("Dân tộc"),
    "first_time": gettext_lazy("Tham gia lần đầu"),
    "standing": gettext_lazy("Ủy viên Ban Thường vụ"),
    "post": gettext_lazy("Chức vụ"),
}
FIGURE_LABELS: dict[str, Promise] = {
    "members": gettext_lazy("Số ủy viên Ban Chấp hành"),
    "women": gettext_lazy("Nữ"),
    "first_time": gettext_lazy("Tham gia lần đầu"),
    "ethnic_minority": gettext_lazy("Dân tộc thiểu số"),
    "under_40": gettext_lazy("Dưới 40 tuổi"),
    "standing": gettext_lazy("Ủy viên Ban Thường vụ"),
}
_GENDERS = {"nam": False, "m": False, "nu": True, "f": True}
_POSTS = {
    "": Post.MEMBER,
    "uy vien": Post.MEMBER,
    "bi thu": Post.SECRETARY,
    "pho bi thu": Post.DEPUTY,
}


def _genders() -> dict[str, bool]:
    """The Vietnamese words, and the ones the template's drop-down offers in the reader's
    language (an English reader's file says "Male"/"Female"): both are read back."""
    return {**_GENDERS, fold(_("Nam")): False, fold(_("Nữ")): True}


def _posts() -> dict[str, Post]:
    return {**_POSTS, fold(_("Bí thư")): Post.SECRETARY, fold(_("Phó Bí thư")): Post.DEPUTY}


# (row, where, value as written, message). `where` is "member:<column>" for a member's
# cell, "figure:<figure>" for a declared figure, "list:committee" or "list:delegates"
# for a whole list; the form and the file each say how to show it.
ErrorSink = Callable[[int, str, str, str], None]


@dataclass
class ReportedMember:
    member: Member
    birth_date: dt.date


@dataclass
class UnitReport:
    """What one congress reports; rows are where the form or the file wrote each part."""

    congress: Congress
    figures: Figures
    committee: list[ReportedMember] = field(default_factory=list)
    delegates: list[tuple[int, str]] = field(default_factory=list)
    alternates: list[tuple[int, str]] = field(default_factory=list)
    figures_row: int = 0


def _flag(text: str) -> bool | None:
    folded = fold(text)
    if folded in YES_WORDS:
        return True
    if folded in NO_WORDS:
        return False
    return None


def read_member(
    cell: Callable[[str], str], row: int, day: dt.date, error: ErrorSink
) -> ReportedMember | None:
    """Read one committee member from a row (`cell` gives a column's text); None if bad."""
    bad = False

    def refuse(column: str, value: str, message: str) -> None:
        nonlocal bad
        bad = True
        error(row, "member:" + column, value, message)

    name, unreadable = name_messages(cell("full_name"))
    for message in unreadable:
        refuse("full_name", name, message)
    if not name:
        refuse("full_name", "", _("Họ và tên không được để trống."))
    female = _genders().get(fold(cell("gender")))
    if female is None:
        refuse("gender", cell("gender"), _("Giới tính ghi «Nam» hoặc «Nữ»."))
    born = parse_day(cell("birth_date"))
    if born is None:
        refuse("birth_date", cell("birth_date"), _("Ngày sinh phải ghi dd/mm/yyyy."))
    elif problem := birth_date_problem(born, today=day):
        refuse("birth_date", cell("birth_date"), problem)
    flags: dict[str, bool] = {}
    for column in ("first_time", "standing"):
        value = _flag(cell(column))
        if value is None:
            refuse(column, cell(column), _("Ghi «x» (có) hoặc để trống."))
        flags[column] = bool(value)
    post = _posts().get(fold(cell("post")))
    if post is None:
        refuse("post", cell("post"), _("Chức vụ ghi «Bí thư», «Phó Bí thư» hoặc để trống."))
    if bad or born is None or female is None or post is None:
        return None
    ethnicity = fold(cell("ethnicity"))
    member = Member(
        row=row,
        name=name,
        female=female,
        age=age_on(born, day),
        ethnic_minority=ethnicity not in ("", "kinh"),
        first_time=flags["first_time"],
        standing=flags["standing"],
        post=post,
    )
    return ReportedMember(member, born)


def read_name(text: str, row: int, column: str, error: ErrorSink) -> str | None:
    """Read a delegate's name; None (and an error) when it cannot be one."""
    name, unreadable = name_messages(text)
    for message in unreadable:
        error(row, column, name, message)
    return None if unreadable else name


def describe(problem: Problem) -> str:
    """The problem in Vietnamese."""
    figure = FIGURE_LABELS.get(problem.figure, problem.figure)
    values = {"figure": figure, "declared": problem.declared, "counted": problem.counted}
    text = {
        "figure_exceeds_members": _(
            "«%(figure)s» khai %(declared)s người, nhiều hơn số ủy viên Ban Chấp hành "
            "(%(counted)s)."
        ),
        "members_mismatch": _(
            "Khai %(declared)s ủy viên Ban Chấp hành nhưng danh sách có %(counted)s người."
        ),
        "figure_mismatch": _(
            "«%(figure)s» khai %(declared)s người nhưng danh sách Ban Chấp hành có %(counted)s."
        ),
        "no_committee": _("Danh sách Ban Chấp hành trống."),
        "no_standing": _(
            "Ban Chấp hành có %(counted)s ủy viên (từ 9 trở lên) nhưng không ai là ủy viên "
            "Ban Thường vụ."
        ),
        "no_secretary": _("Không ai trong Ban Chấp hành có chức vụ «Bí thư»."),
        "two_secretaries": _("Chỉ một người có chức vụ «Bí thư»."),
        "leader_not_standing": _("Bí thư, Phó Bí thư phải là ủy viên Ban Thường vụ."),
        "no_delegates": _("Chưa có đại biểu chính thức dự đại hội cấp trên."),
        "no_higher_congress": _(
            "Cấp trên của đơn vị không tổ chức đại hội trong đợt này: không có đại biểu dự "
            "đại hội cấp trên để báo cáo."
        ),
    }[problem.code]
    return text % values


def report_errors(report: UnitReport, needs_delegates: bool, error: ErrorSink) -> list[str]:
    """Check a report with lib/results; send each problem to its row and column, return codes."""
    members = [m.member for m in report.committee]
    problems = report_problems(
        report.figures, members, len(report.delegates), needs_delegates=needs_delegates
    )
    for problem in problems:
        message = describe(problem)
        if problem.figure:
            value = str(getattr(report.figures, problem.figure))
            error(report.figures_row, "figure:" + problem.figure, value, message)
        elif problem.rows:
            column = "post" if problem.code != "leader_not_standing" else "standing"
            for row in problem.rows:
                error(row, "member:" + column, "", message)
        else:
            lists = "delegates" if problem.code in ("no_delegates", "no_higher_congress") else ""
            error(report.figures_row, "list:" + (lists or "committee"), "", message)
    return [p.code for p in problems]
