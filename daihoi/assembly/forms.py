"""Forms of the register and the credentials committee; values are checked again by actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import validators
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from daihoi.assembly import queries
from daihoi.assembly.actions.checkin_undo import UNDO_REASON_MAX
from daihoi.assembly.models import (
    Absence,
    CheckIn,
    DelegateBasis,
    DelegateKind,
    Gender,
    SittingKind,
    SittingPart,
)
from daihoi.campaigns.models import Congress
from daihoi.core.dates import DayField
from daihoi.db.limits import number_limits
from daihoi.orgs.names import NameValidator

# The <datalist> of unit codes the register's forms share (see queries.unit_suggestions).
UNITS_LIST_ID = "register-units"


class UnitCodeField(forms.CharField):
    """A unit below the congress, typed by its code (suggested by the page's datalist).

    Not a dropdown of every unit below: a district with thousands of cells would put
    them all in each page (issue 19.5). The form looks the code up in the congress's
    subtree alone (`UnitBelowForm`), so a code from elsewhere is refused by name.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"list": UNITS_LIST_ID, "autocomplete": "off", "size": 16}),
        )
        super().__init__(**kwargs)


class UnitBelowForm(forms.Form):
    """A form whose `unit` code is looked up below `congress`: cleaned to the unit or None."""

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.congress = congress

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "unit" not in data:
            return data
        code = data["unit"]
        data["unit"] = queries.unit_below(self.congress, code) if code else None
        if code and data["unit"] is None:
            self.add_error(
                "unit",
                _("Không có đơn vị mã “%(code)s” thuộc %(org)s.")
                % {"code": code, "org": self.congress.organisation.name},
            )
        return data


class DelegateForm(UnitBelowForm):
    full_name = forms.CharField(
        label=_lazy("Họ và tên"), max_length=150, validators=[NameValidator(_lazy("Họ và tên"))]
    )
    kind = forms.ChoiceField(label=_lazy("Loại"), choices=DelegateKind.choices)
    basis = forms.ChoiceField(label=_lazy("Tư cách"), choices=DelegateBasis.choices)
    unit = UnitCodeField(
        label=_lazy("Mã đoàn đại biểu (mã đơn vị bầu ra)"),
        required=False,
        help_text=_lazy("Để trống với khách mời và đại biểu đương nhiên không thuộc đoàn nào."),
    )
    alternate_order = forms.IntegerField(
        label=_lazy("Thứ tự dự khuyết"), required=False, min_value=1, max_value=999
    )
    gender = forms.ChoiceField(label=_lazy("Giới tính"), choices=Gender.choices, required=False)
    ethnic_minority = forms.BooleanField(label=_lazy("Dân tộc thiểu số"), required=False)
    # 1900 up to this year (set per form, so a server left running past New Year is right).
    birth_year = forms.IntegerField(
        label=_lazy("Năm sinh"), required=False, min_value=1900, max_value=2100
    )
    position = forms.CharField(
        label=_lazy("Chức vụ, đơn vị công tác"), max_length=300, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["birth_year"]
        year.max_value = timezone.localdate().year  # type: ignore[attr-defined]
        year.validators = [
            v for v in year.validators if not isinstance(v, validators.MaxValueValidator)
        ]
        year.validators.append(validators.MaxValueValidator(year.max_value))  # type: ignore[attr-defined]


class AllotmentForm(UnitBelowForm):
    unit = UnitCodeField(label=_lazy("Mã đơn vị"))
    officials = forms.IntegerField(label=_lazy("Chính thức"), min_value=0, max_value=5000)
    alternates = forms.IntegerField(
        label=_lazy("Dự khuyết"), min_value=0, max_value=5000, initial=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the register page shows DelegateForm's unit field too.
        kwargs.setdefault("auto_id", "allot_%s")
        super().__init__(*args, **kwargs)


class SittingForm(forms.Form):
    kind = forms.ChoiceField(label=_lazy("Phiên"), choices=SittingKind.choices)
    date = DayField(label=_lazy("Ngày"))
    part = forms.ChoiceField(label=_lazy("Buổi"), choices=SittingPart.choices)


class QuorumRuleForm(forms.Form):
    numerator = forms.IntegerField(label=_lazy("Tử số"), min_value=1, max_value=100)
    denominator = forms.IntegerField(label=_lazy("Mẫu số"), min_value=1, max_value=100)
    strict = forms.BooleanField(label=_lazy("Phải vượt quá tỉ lệ"), required=False)


class CheckInUndoForm(forms.Form):
    """Take back one check-in of the sitting; the reason is required (see do_undo_check_in)."""

    checkin = forms.IntegerField(
        label=_lazy("Lượt điểm danh"),
        widget=forms.HiddenInput,
        **number_limits(CheckIn, "id", min_value=1),
    )
    reason = forms.CharField(label=_lazy("Lý do hoàn tác"), max_length=UNDO_REASON_MAX)
    # The desk's name, to come back to the same desk.
    desk = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)


class CredentialInvalidForm(forms.Form):
    """Not valid: the reason is required (the action says so, next to this field)."""

    reason = forms.CharField(label=_lazy("Lý do"), max_length=500, required=False)


class AbsenceForm(forms.Form):
    absence = forms.ChoiceField(label=_lazy("Vắng mặt"), choices=Absence.choices, required=False)
    reason = forms.CharField(label=_lazy("Lý do vắng"), max_length=300, required=False)


class DeskStaffForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "desk_%s")
        super().__init__(*args, **kwargs)

    username = forms.CharField(label=_lazy("Tên đăng nhập"), max_length=150)


class RegisterUploadForm(forms.Form):
    # An empty file reaches the table reader, which says what is wrong with it.
    file = forms.FileField(label=_lazy("Tệp .csv hoặc .xlsx"), allow_empty_file=True)


ABSENCE_CHOICES = Absence.choices


def refuse_into(
    form: forms.Form, reasons: list[str], codes: list[str], fields: dict[str, str]
) -> None:
    """Put an action's refusal beside the field its code names (`fields`: code -> field)."""
    for i, reason in enumerate(reasons):
        code = codes[i] if i < len(codes) else ""
        field = fields.get(code)
        form.add_error(field if field in form.fields else None, reason)


def focus_first_error(form: forms.Form) -> None:
    """Give the first invalid field autofocus, so the page opens on what to fix."""
    for name in form.fields:
        if name in form.errors:
            form.fields[name].widget.attrs["autofocus"] = True
            return


def form_errors(form: forms.Form) -> list[str]:
    """Each error with the field's label, e.g. "Năm sinh: Đảm bảo giá trị này ≥ 1900"."""
    found = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            found.append(f"{label}: {error}" if label else str(error))
    return found
