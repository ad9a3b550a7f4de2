"""Forms of the campaign pages: one per write, each keeping what the user typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns.actions.congress import EDITABLE, SUPERIOR_ONLY
from daihoi.campaigns.models import Congress, CongressState
from daihoi.core.dates import BadDay, DayField, parse_day
from daihoi.core.errors import ActionRefused
from daihoi.db.limits import limited_formfield, number_limits
from daihoi.orgs.models import Organisation

NOTE_MAX_LENGTH = 2000


def parse_as_of(text: str | None, default: dt.date) -> tuple[dt.date, str]:
    """Read the dashboard's date (dd/mm/yyyy or YYYY-MM-DD); fall back with a message."""
    if not text:
        return default, ""
    try:
        day = parse_day(text)
    except BadDay:
        message = _("Ngày «%(text)s» không hợp lệ; đang hiển thị số liệu đến ngày %(day)s.")
        return default, message % {"text": text, "day": f"{default:%d/%m/%Y}"}
    return day, ""


class MarkedForm(forms.Form):
    """A form that never shows a hidden field's error and focuses its first bad field.

    A hidden field (a version, an id) is wrong only when the page is stale or was
    tampered with; "(Hidden field version) This field is required" means nothing to
    the user, so such errors become one message that says what to do.
    """

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        errors = self.errors  # set by full_clean above: reading it cleans nothing again
        hidden = [
            name
            for name in list(errors)
            if name in self.fields and self.fields[name].widget.is_hidden
        ]
        for name in hidden:
            del errors[name]
        if hidden:
            self.add_error(None, _("Trang này đã cũ; hãy tải lại trang rồi nhập lại."))

    def refuse(self, exc: ActionRefused, fields: dict[str, str] | None = None) -> None:
        """Show an action's refusal: next to the field its code names, else above the form."""
        fields = fields or {}
        codes = exc.codes or [""] * len(exc.reasons)
        for reason, code in zip(exc.reasons, codes, strict=False):
            field = fields.get(code)
            self.add_error(field if field in self.fields else None, reason)

    def focus_first_error(self) -> None:
        """Give the first field with an error the focus when the page comes back."""
        for name, field in self.fields.items():
            if name in self.errors and not field.widget.is_hidden and not field.disabled:
                field.widget.attrs["autofocus"] = True
                return

    def get_context(self) -> dict[str, Any]:
        self.focus_first_error()
        return super().get_context()  # type: ignore[no-any-return]


class CongressForm(MarkedForm, forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, **number_limits(Congress, "version"))

    class Meta:
        model = Congress
        fields = [*EDITABLE, *SUPERIOR_ONLY]
        formfield_callback = limited_formfield
        field_classes = {"planned_date": DayField, "held_date": DayField, "held_end_date": DayField}
        widgets = {
            "pilot_lessons": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"ordinal": gettext_lazy("Lần thứ (số)")}

    def __init__(self, *args: Any, superior: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if not superior:
            # Only the superior chooses pilot congresses.
            self.fields["pilot"].disabled = True

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name != "version" and not self.fields[name].disabled
        }


class StepForm(MarkedForm):
    """Move to the next step, or take the last one back.

    `state` is the state the page showed: a second click does not move twice.
    """

    state = forms.ChoiceField(
        choices=CongressState.choices, required=False, widget=forms.HiddenInput
    )

    def expected_state(self) -> str | None:
        return self.cleaned_data.get("state") or None


class ApprovalForm(MarkedForm):
    note = forms.CharField(
        label=gettext_lazy("Ý kiến (không bắt buộc)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={
                "placeholder": gettext_lazy("Ý kiến (không bắt buộc)"),
                "aria-label": gettext_lazy("Ý kiến của cấp trên"),
            }
        ),
    )


# ---------------------------------------------------------------------------
# The bulk date editor


class BulkDateForm(MarkedForm):
    """One row of the bulk editor: an organisation's planned and held days."""

    org = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_147_483_647)
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, **number_limits(Congress, "version")
    )
    planned_date = DayField(label=gettext_lazy("Ngày dự kiến"), required=False)
    held_date = DayField(label=gettext_lazy("Ngày tổ chức"), required=False)

    def __init__(self, *args: Any, allowed: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The organisations a posted row may name: those under the unit, found by the view.
        self.allowed = allowed

    def clean_org(self) -> int:
        pk: int = self.cleaned_data["org"]
        if self.allowed is not None and pk not in self.allowed:
            # A row of another unit (the tree changed, or the page was edited): the
            # whole table is refused, shown as a stale page (MarkedForm).
            raise forms.ValidationError("unknown", code="unknown_org")
        return pk


BULK_FIELDS = ("planned_date", "held_date")
# A refusal of the record's dates is shown on the held day, the one the editor shows.
BULK_REFUSAL_FIELDS = {
    "held_end_before_opening": "held_date",
    "held_end_without_opening": "held_date",
}


class BaseBulkDateFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or self.management_form.is_valid():
            return
        # Django's "ManagementForm data is missing or has been tampered with" speaks of
        # hidden fields; the user needs to know the page is stale.
        self._non_form_errors = self.error_class(
            [_("Trang này đã cũ; hãy tải lại trang rồi nhập lại.")],
            error_class="nonform",
        )

    def focus_first_error(self) -> None:
        for form in self.forms:
            if form.errors:
                form.focus_first_error()
                return


def bulk_formset(page_size: int) -> type[BaseBulkDateFormSet]:
    """A formset of at most one page of rows: more forms than that are refused, unread."""
    factory = forms.formset_factory(
        BulkDateForm,
        formset=BaseBulkDateFormSet,
        extra=0,
        max_num=page_size,
        absolute_max=page_size,
        validate_max=True,
    )
    return cast("type[BaseBulkDateFormSet]", factory)


class BulkFilterForm(forms.Form):
    """Which rows the bulk editor shows: a level, a subordinate unit (by its code), a page.

    The unit is typed by its code, suggested by a bounded datalist: a dropdown of every
    unit below put 100,000 options in each page of a district after an import (issue 19.5).
    """

    cap = forms.ChoiceField(label=gettext_lazy("Cấp"), required=False)
    don_vi = forms.CharField(
        label=gettext_lazy("Mã đơn vị trực thuộc"),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={"list": "bulk-units", "autocomplete": "off", "size": 14, "inputmode": "text"}
        ),
    )

    def __init__(
        self,
        *args: Any,
        levels: list[tuple[str, str]],
        find_unit: Callable[[str], Organisation | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.find_unit = find_unit
        cast(forms.ChoiceField, self.fields["cap"]).choices = [("", _("Mọi cấp")), *levels]

    def clean_don_vi(self) -> Organisation | None:
        """The unit directly below of the code typed, or a refusal that names the code."""
        code = self.cleaned_data["don_vi"].strip()
        if not code:
            return None
        unit = self.find_unit(code)
        if unit is None:
            self.fields["don_vi"].widget.attrs["aria-describedby"] = "id_don_vi_error"
            raise forms.ValidationError(
                _("Không có đơn vị trực thuộc mã “%(code)s”."), params={"code": code}
            )
        return unit


class CongressImportForm(MarkedForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp ngày đại hội (CSV hoặc Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
