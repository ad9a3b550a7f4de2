"""A campaign's composition targets and age rules: read by everyone, changed nationally."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Campaign, CompositionTarget
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope
from daihoi.personnel import access
from daihoi.personnel.actions.targets import do_update_targets
from daihoi.personnel.forms import TargetsForm
from daihoi.personnel.models import PersonnelSettings
from daihoi.personnel.views.common import page, write


def _form(camp: Campaign, data: object = None) -> TargetsForm:
    rows = list(CompositionTarget.objects.filter(campaign=camp).order_by("pk"))
    settings = PersonnelSettings.objects.filter(campaign=camp).first() or PersonnelSettings(
        campaign=camp
    )
    return TargetsForm(data, instance=settings, rows=rows)


def _targets_page(
    request: HttpRequest, camp: Campaign, form: TargetsForm, status: int = 200
) -> HttpResponse:
    context = {
        "campaign": camp,
        "rows": form.rows,
        "form": form,
        "errors": form.non_field_errors(),
        "can_edit": access.may_edit_targets(request.user, camp),
    }
    return render(request, "personnel/targets.html", context, status=status)


@page
def targets(request: HttpRequest, campaign: str) -> HttpResponse:
    """A campaign's composition targets and age rules; the form posts to `targets_save`."""
    camp = get_object_or_404(Campaign, slug=campaign)
    return _targets_page(request, camp, _form(camp))


@write
def targets_save(request: HttpRequest, campaign: str) -> HttpResponse:
    camp = get_object_or_404(Campaign, slug=campaign)
    if not access.may_edit_targets(request.user, camp):
        raise PermissionDenied
    form = _form(camp, request.POST)
    if not form.is_valid():
        return _targets_page(request, camp, form, status=400)
    try:
        do_update_targets(
            camp, form.changes, form.settings_values, acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        form.refuse(exc.reasons)
        return _targets_page(request, camp, form, status=409)
    messages.success(request, _("Đã lưu chỉ tiêu."))
    return redirect("personnel_targets", campaign=campaign)
