"""Forms of the campaign pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns.actions import EDITABLE, SUPERIOR_ONLY
from daihoi.campaigns.congress_import import parse_day
from daihoi.campaigns.models import Congress
from daihoi.db.limits import limited_formfield, number_limits

DATE_INPUT = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}


def parse_as_of(text: str | None, default: dt.date) -> tuple[dt.date, str]:
    """Read the dashboard's date (dd/mm/yyyy or YYYY-MM-DD); fall back with a message."""
    if not text:
        return default, ""
    day = parse_day(text.strip())
    if day is None:
        return default, _("Ngày «%(text)s» không hợp lệ; đang hiển thị số liệu đến hôm nay.") % {
            "text": text
        }
    return day, ""


class CongressForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, **number_limits(Congress, "version"))

    class Meta:
        model = Congress
        fields = [*EDITABLE, *SUPERIOR_ONLY]
        formfield_callback = limited_formfield
        widgets = {
            "planned_date": forms.DateInput(attrs=DATE_INPUT),
            "held_date": forms.DateInput(attrs=DATE_INPUT),
            "held_end_date": forms.DateInput(attrs=DATE_INPUT),
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
