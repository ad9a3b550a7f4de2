"""Forms for editing an organisation and uploading a list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.core import uploads
from daihoi.core.dates import DayField
from daihoi.db.limits import limited_formfield
from daihoi.orgs.models import Organisation
from daihoi.orgs.names import NameValidator


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = ["name", "kind", "unit_type", "members", "valid_from", "valid_until"]
        formfield_callback = limited_formfield
        field_classes = {"valid_from": DayField, "valid_until": DayField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(NameValidator(_("Tên tổ chức")))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:  # type: ignore[operator]
            self.add_error("valid_until", _("Ngày hết hiệu lực đứng trước ngày bắt đầu hiệu lực."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách (.csv hoặc .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        # An empty file gets the same message, naming it, as at every other import.
        allow_empty_file=True,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        try:
            uploads.check_size(upload.name, upload.size)
        except uploads.UploadRefused as exc:
            raise forms.ValidationError(exc.message) from exc
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
        return upload
