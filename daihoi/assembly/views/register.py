"""The register: the page, adding one person, the allotment, and the two imports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.assembly import access, queries
from daihoi.assembly.actions.allotments import do_set_allotment
from daihoi.assembly.actions.delegates import do_add_delegate, do_import_register
from daihoi.assembly.elected_job import do_start_elected_import
from daihoi.assembly.forms import (
    AllotmentForm,
    DelegateForm,
    DeskStaffForm,
    RegisterUploadForm,
    focus_first_error,
    refuse_into,
)
from daihoi.assembly.models import DelegateKind
from daihoi.assembly.register_import import RegisterImportRejected
from daihoi.assembly.views.common import congress_for, congress_to_manage, context, refused
from daihoi.campaigns.models import Congress
from daihoi.core import uploads
from daihoi.core.errors import ActionRefused
from daihoi.core.tables import TableError, read_table
from daihoi.orgs import scope

# Where an action's refusal is shown, by its code: beside the field it is about.
DELEGATE_FIELDS = {
    "name_empty": "full_name",
    "name_invalid": "full_name",
    "unit_outside": "unit",
    "alternate_without_unit": "unit",
    "guest_not_invited": "kind",
    "invited_not_guest": "kind",
    "birth_year_invalid": "birth_year",
}
ALLOTMENT_FIELDS = {
    "unit_outside": "unit",
    "allotment_own_level": "unit",
    "allotment_negative": "officials",
}


def page(request: HttpRequest, congress: Congress, status: int = 200, **forms: Any) -> HttpResponse:
    """The register with its forms; a form given (bound, with errors) replaces the blank one."""
    suggestions, more_units = queries.unit_suggestions(congress)
    for form in forms.values():
        if hasattr(form, "errors"):
            focus_first_error(form)
    delegates = queries.register(congress)
    lines = queries.allotment_check(congress)
    can_manage = access.may_manage(request.user, congress)
    return render(
        request,
        "assembly/register.html",
        context(
            request,
            congress,
            officials=[d for d in delegates if d.kind == DelegateKind.OFFICIAL],
            alternates=[d for d in delegates if d.kind == DelegateKind.ALTERNATE],
            guests=[d for d in delegates if d.kind == DelegateKind.GUEST],
            lines=lines,
            allotment_problems=sum(not line.ok for _unit, line in lines),
            form=forms.get("form") or DelegateForm(congress=congress),
            allot_form=forms.get("allot_form") or AllotmentForm(congress=congress),
            unit_suggestions=suggestions,
            more_units=more_units,
            upload_form=forms.get("upload_form") or RegisterUploadForm(),
            desk_form=forms.get("desk_form") or DeskStaffForm(),
            import_errors=forms.get("import_errors") or [],
            desk_staff=queries.desk_staff(congress) if can_manage else [],
        ),
        status=status,
    )


# never_cache on every page of delegates' names, credentials and cards (signed tokens):
# a venue computer is shared, and its browser must not show them after sign-out.
@never_cache
@login_required
@require_GET
def register(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return page(request, congress_for(request, campaign, code))


@require_POST
@login_required
def delegate_add(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Add one person to the register, typed in."""
    congress = congress_to_manage(request, campaign, code)
    form = DelegateForm(request.POST, congress=congress)
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_add_delegate(
                congress,
                full_name=data["full_name"],
                kind=data["kind"],
                basis=data["basis"],
                unit=data["unit"],
                alternate_order=data["alternate_order"],
                gender=data["gender"] or "",
                ethnic_minority=data["ethnic_minority"],
                birth_year=data["birth_year"],
                position=data["position"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            refuse_into(form, exc.reasons, exc.codes, DELEGATE_FIELDS)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": data["full_name"]})
            return redirect("assembly_register", campaign=campaign, code=code)
    return page(request, congress, 400, form=form)


@require_POST
@login_required
def allotment_set(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Set (or with 0 and 0 remove) the number of delegates allotted to one unit."""
    congress = congress_to_manage(request, campaign, code)
    form = AllotmentForm(request.POST, congress=congress)
    if form.is_valid():
        data = form.cleaned_data
        unit = data["unit"]  # required: the form found it below the congress
        try:
            do_set_allotment(
                congress,
                unit,
                officials=data["officials"],
                alternates=data["alternates"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            refuse_into(form, exc.reasons, exc.codes, ALLOTMENT_FIELDS)
        else:
            messages.success(
                request, _("Đã lưu số đại biểu phân bổ cho %(unit)s.") % {"unit": unit.name}
            )
            return redirect("assembly_register", campaign=campaign, code=code)
    return page(request, congress, 400, allot_form=form)


@require_POST
@login_required
def import_elected(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Queue the import of the lower congresses' elected; the job's page follows it."""
    congress = congress_to_manage(request, campaign, code)
    try:
        job = do_start_elected_import(congress, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
        return redirect("assembly_register", campaign=campaign, code=code)
    return redirect("jobs_detail", pk=job.pk)


@require_POST
@login_required
def register_upload(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Import the register from a CSV or XLSX file: every row or none, errors by row."""
    congress = congress_to_manage(request, campaign, code)
    form = RegisterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return page(request, congress, 400, upload_form=form)
    upload = form.cleaned_data["file"]
    try:
        added = do_import_register(
            congress,
            read_table(upload.name or "", uploads.read_upload(upload)),
            acting_user=scope.acting_user(request),
            source=upload.name or "",
        )
    except (TableError, RegisterImportRejected) as exc:
        # Hundreds of messages would bury the page: the rows' errors are listed beside
        # the upload form, and one message points there.
        messages.error(
            request, _("Tệp chưa được nhập vì có lỗi; xem danh sách lỗi ở phần nhập từ tệp.")
        )
        return page(request, congress, 400, import_errors=exc.errors)
    messages.success(request, _("Đã nhập %(n)s đại biểu từ tệp.") % {"n": added})
    return redirect("assembly_register", campaign=campaign, code=code)
