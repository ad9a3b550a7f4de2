"""A complaint's page; settling it (/giai-quyet/) and the superior's override (/cap-tren/)."""

from __future__ import annotations

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope
from daihoi.personnel import access
from daihoi.personnel.actions.complaints import do_override_complaint, do_settle_complaint
from daihoi.personnel.forms import OverrideForm, SettleForm
from daihoi.personnel.models import Complaint, ComplaintStatus
from daihoi.personnel.views.common import breadcrumbs, page, write


def render_complaint(request: HttpRequest, complaint: Complaint, **forms: BaseForm) -> HttpResponse:
    org = complaint.congress.organisation
    forms.setdefault("settle_form", SettleForm())
    forms.setdefault("override_form", OverrideForm())
    context = {
        "complaint": complaint,
        "congress": complaint.congress,
        "org": org,
        "breadcrumbs": breadcrumbs(request, org),
        "can_write": access.may_write(request.user, org),
        "is_superior": access.may_override(request.user, org),
        "open": complaint.status == ComplaintStatus.OPEN,
        **forms,
    }
    access.record_read(
        scope.acting_user(request),
        org,
        "complaint",
        target=f"complaint:{complaint.pk}",
        people=[complaint.person_id],
    )
    return render(request, "personnel/complaint.html", context)


@page
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_complaint(request, access.complaint_for_user(request.user, pk))


@write
def complaint_settle(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = access.complaint_for_user(request.user, pk, write=True)
    form = SettleForm(request.POST)
    if form.is_valid():
        try:
            do_settle_complaint(
                complaint, form.cleaned_data["outcome"], acting_user=scope.acting_user(request)
            )
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("personnel_complaint", pk=pk)
    return render_complaint(request, complaint, settle_form=form)


@write
def complaint_override(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = access.complaint_for_user(request.user, pk, superior=True)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            do_override_complaint(
                complaint, form.cleaned_data["reason"], acting_user=scope.acting_user(request)
            )
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("personnel_complaint", pk=pk)
    return render_complaint(request, complaint, override_form=form)
