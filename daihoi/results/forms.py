"""The one form of a results report, and the upload of a filled template."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns.forms import MarkedForm
from daihoi.campaigns.models import Congress
from daihoi.lib.results import Figures
from daihoi.results.report import (
    FIGURE_LABELS,
    MEMBER_COLUMNS,
    UnitReport,
    read_member,
    read_name,
    report_errors,
)

# A province's committee is about 50; a text box of this size holds several times that.
TEXT_LIMIT = 20_000
FIGURES = tuple(FIGURE_LABELS)
LIST_FIELDS = {"committee": "committee", "delegates": "delegates"}


def _get(values: dict[str, str], column: str) -> str:
    return values.get(column, "")


def _cells(line: str) -> list[str]:
    # Rows pasted from a spreadsheet come tab-separated; typed ones with semicolons.
    return [c.strip() for c in line.split("\t" if "\t" in line else ";")]


class ResultsForm(MarkedForm):
    """The results of one congress: its figures, its committee line by line, its delegates."""

    committee = forms.CharField(
        label=gettext_lazy("Ban Chấp hành (mỗi dòng một người)"),
        help_text=gettext_lazy(
            "Mỗi dòng: Họ và tên; Giới tính (Nam/Nữ); Ngày sinh (dd/mm/yyyy); Dân tộc; "
            "Tham gia lần đầu (x); Ủy viên Ban Thường vụ (x); Chức vụ (Bí thư, Phó Bí thư). "
            "Dán được thẳng từ Excel."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=TEXT_LIMIT,
    )
    delegates = forms.CharField(
        label=gettext_lazy("Đại biểu chính thức dự đại hội cấp trên (mỗi dòng một người)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        required=False,
    )
    alternates = forms.CharField(
        label=gettext_lazy("Đại biểu dự khuyết (mỗi dòng một người, theo thứ tự số phiếu)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in FIGURE_LABELS.items():
            self.fields[name] = forms.IntegerField(label=str(label), min_value=0, max_value=10_000)
        # Figures first, as the report reads.
        self.order_fields([*FIGURES, "committee", "delegates", "alternates"])

    def report(self, congress: Congress, needs_delegates: bool) -> UnitReport | None:
        """The report as typed, or None with each problem marked on its field."""
        # A congress held has its day; the action refuses one that is not held.
        day = congress.held_date or timezone.localdate()
        data = self.cleaned_data
        report = UnitReport(congress, Figures(**{f: data[f] for f in FIGURES}))
        for number, line in enumerate(data["committee"].splitlines(), start=1):
            if not line.strip():
                continue
            values = dict(zip(MEMBER_COLUMNS, _cells(line), strict=False))
            member = read_member(partial(_get, values), number, day, self.sink)
            if member is not None:
                report.committee.append(member)
        for name, target in (("delegates", report.delegates), ("alternates", report.alternates)):
            for number, line in enumerate(data[name].splitlines(), start=1):
                if line.strip() and (found := read_name(line, number, "list:" + name, self.sink)):
                    target.append((number, found))
        if not self.errors:
            report_errors(report, needs_delegates, self.sink)
        return None if self.errors else report

    def sink(self, row: int, where: str, value: str, message: str) -> None:
        """Show a problem on the field it concerns, with the line and column for a list."""
        kind, _sep, key = where.partition(":")
        if kind == "figure":
            self.add_error(key, message)
            return
        field = "committee" if kind == "member" else LIST_FIELDS.get(key, key)
        text = message
        if row:
            where_text = _("Dòng %(row)s") % {"row": row}
            if kind == "member":
                where_text += ", " + _("cột «%(column)s»") % {"column": MEMBER_COLUMNS[key]}
            text = f"{where_text}: {message}"
        self.add_error(field if field in self.fields else None, text)


class ResultsFileForm(MarkedForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp báo cáo kết quả (Excel .xlsx theo mẫu)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
