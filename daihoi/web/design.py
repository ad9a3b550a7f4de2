"""The design system's page (/giao-dien/): every component of site.css, drawn once.

A page to look at, not to use: whoever changes site.css or writes a template sees
the tokens, the button kinds, a form with an error tied to its field, a table with
figures, cards, badges and messages, as they look at the width of the screen in
hand. Any signed-in user may open it; it shows no data.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET


class SampleForm(forms.Form):
    """A form as the apps write them: a text, a date, a choice, a tick box, a note."""

    name = forms.CharField(label=_("Họ và tên"), max_length=100)
    held = forms.DateField(
        label=_("Ngày tổ chức"), help_text=_("Ngày/tháng/năm, ví dụ 20/02/2020.")
    )
    level = forms.ChoiceField(
        label=_("Cấp"),
        choices=[("co-so", _("Cơ sở")), ("tren-co-so", _("Cấp trên cơ sở"))],
    )
    pilot = forms.BooleanField(label=_("Đại hội điểm"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)


@require_GET
@login_required
def design_system(request: HttpRequest) -> HttpResponse:
    # Bound with a missing name and a bad date, so the page shows errors as forms do.
    form = SampleForm({"name": "", "held": "31/02/2020", "level": "co-so"})
    form.is_valid()
    return render(request, "web/design.html", {"form": form})
