"""A campaign's composition targets and age rules: read by everyone, changed nationally."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from daihoi.campaigns.models import Campaign, CompositionTarget
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope
from daihoi.personnel import access
from daihoi.personnel.actions.targets import TargetChange, do_update_targets
from daihoi.personnel.forms import DATE_INPUTS
from daihoi.personnel.models import PersonnelSettings

SETTING_FIELDS = [
    "reference_date",
    "first_time_born_from",
    "reelection_born_from",
    "retirement_months_male",
    "retirement_months_female",
    "first_time_min_months",
    "reelection_min_months",
]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, campaign: str) -> HttpResponse:
    """A campaign's composition targets and age rules: read by all, changed nationally."""
    camp = get_object_or_404(Campaign, slug=campaign)
    rows = list(CompositionTarget.objects.filter(campaign=camp).order_by("pk"))
    settings = PersonnelSettings.objects.filter(campaign=camp).first() or PersonnelSettings(
        campaign=camp
    )
    SettingsForm = djforms.modelform_factory(PersonnelSettings, fields=SETTING_FIELDS)  # noqa: N806
    form = SettingsForm(request.POST or None, instance=settings)
    for field in form.fields.values():
        if isinstance(field, djforms.DateField):
            field.input_formats = DATE_INPUTS
    errors: list[str] = []
    if request.method == "POST":
        if not access.may_edit_targets(request.user, camp):
            raise PermissionDenied
        changes, errors = _target_changes(request, rows)
        if form.is_valid() and not errors:
            try:
                do_update_targets(
                    camp,
                    changes,
                    {name: form.cleaned_data[name] for name in SETTING_FIELDS},
                    acting_user=scope.acting_user(request),
                )
            except ActionRefused as exc:
                errors = exc.reasons
            else:
                messages.success(request, _("Đã lưu chỉ tiêu."))
                return redirect("personnel_targets", campaign=campaign)
    context = {
        "campaign": camp,
        "rows": rows,
        "form": form,
        "errors": errors,
        "can_edit": access.may_edit_targets(request.user, camp),
    }
    return render(request, "personnel/targets.html", context)


def _target_changes(request: HttpRequest, rows: list[Any]) -> tuple[list[TargetChange], list[str]]:
    changes: list[TargetChange] = []
    errors: list[str] = []
    for row in rows:
        values: list[Decimal | None] = []
        # What was typed goes back into the row's inputs if the page comes back.
        row.typed = {"hard": bool(request.POST.get(f"hard-{row.code}"))}
        row.invalid = set()
        for bound in ("minimum", "maximum"):
            row.typed[bound] = request.POST.get(f"{bound}-{row.code}", "")
            text = row.typed[bound].strip().replace(",", ".")
            try:
                value = Decimal(text) if text else None
            except InvalidOperation:
                value = None
                row.invalid.add(bound)
                errors.append(
                    _("%(label)s: «%(v)s» không phải là số.") % {"label": row.label, "v": text}
                )
            if value is not None and not 0 <= value <= 100:
                row.invalid.add(bound)
                errors.append(
                    _("%(label)s: %(v)s nằm ngoài 0–100%%.") % {"label": row.label, "v": text}
                )
            values.append(value)
        changes.append(
            TargetChange(row.code, values[0], values[1], bool(request.POST.get(f"hard-{row.code}")))
        )
    return changes, errors
