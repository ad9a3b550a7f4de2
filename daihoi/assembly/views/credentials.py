"""The credentials committee's page, its report, and its four decisions on a delegate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.assembly import queries
from daihoi.assembly.actions.credentials import (
    do_decide_credential,
    do_record_absence,
    do_replace_with_alternate,
)
from daihoi.assembly.documents import credentials_document, credentials_figures
from daihoi.assembly.forms import (
    ABSENCE_CHOICES,
    AbsenceForm,
    CredentialInvalidForm,
    focus_first_error,
    refuse_into,
)
from daihoi.assembly.models import Delegate
from daihoi.assembly.views.common import congress_for, context, delegate_to_manage, refused
from daihoi.campaigns.models import Congress
from daihoi.core.downloads import attachment
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope

REASON_FIELDS = {"reason_required": "reason", "absence_invalid": "absence"}


def page(request: HttpRequest, congress: Congress, status: int = 200, **bound: Any) -> HttpResponse:
    """The committee's page; `bound` (delegate, form name, form) shows one row's refused form."""
    delegates = queries.credential_delegates(congress)
    shown = bound.get("delegate")
    for d in delegates:
        if shown is not None and d.pk == shown.pk:
            focus_first_error(bound["form"])
            setattr(d, bound["name"], bound["form"])
    return render(
        request,
        "assembly/credentials.html",
        context(
            request,
            congress,
            delegates=delegates,
            figures=credentials_figures(congress),
            absence_choices=ABSENCE_CHOICES,
        ),
        status=status,
    )


def _back(delegate: Delegate) -> HttpResponse:
    congress = delegate.congress
    return redirect(
        "assembly_credentials", campaign=congress.campaign.slug, code=congress.organisation.code
    )


@never_cache
@login_required
@require_GET
def credentials(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return page(request, congress_for(request, campaign, code))


@never_cache
@login_required
@require_GET
def credentials_docx(request: HttpRequest, campaign: str, code: str) -> FileResponse:
    congress = congress_for(request, campaign, code)
    return attachment(
        credentials_document(congress), f"tham-tra-tu-cach-{congress.organisation.code}.docx"
    )


def _recorded(request: HttpRequest, delegate: Delegate) -> None:
    messages.success(
        request, _("Đã ghi nhận cho đồng chí %(name)s.") % {"name": delegate.full_name}
    )


@require_POST
@login_required
def credential_valid(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """The committee finds the delegate's credentials valid."""
    delegate = delegate_to_manage(request, campaign, code, pk)
    try:
        do_decide_credential(delegate, valid=True, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
    else:
        _recorded(request, delegate)
    return _back(delegate)


@require_POST
@login_required
def credential_invalid(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """The committee finds the delegate's credentials not valid, for the reason given."""
    delegate = delegate_to_manage(request, campaign, code, pk)
    form = CredentialInvalidForm(request.POST)
    if form.is_valid():
        try:
            do_decide_credential(
                delegate,
                valid=False,
                reason=form.cleaned_data["reason"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            refuse_into(form, exc.reasons, exc.codes, REASON_FIELDS)
        else:
            _recorded(request, delegate)
            return _back(delegate)
    return page(request, delegate.congress, 400, delegate=delegate, name="invalid_form", form=form)


@require_POST
@login_required
def absence(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """Record that an official is absent for the whole congress, or no longer absent."""
    delegate = delegate_to_manage(request, campaign, code, pk)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            do_record_absence(
                delegate,
                absence=form.cleaned_data["absence"],
                reason=form.cleaned_data["reason"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            refuse_into(form, exc.reasons, exc.codes, REASON_FIELDS)
        else:
            _recorded(request, delegate)
            return _back(delegate)
    return page(request, delegate.congress, 400, delegate=delegate, name="absence_form", form=form)


@require_POST
@login_required
def replace(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """Replace an absent official by the next alternate of the same unit."""
    delegate = delegate_to_manage(request, campaign, code, pk)
    try:
        alternate = do_replace_with_alternate(delegate, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(
            request,
            _("Đồng chí %(alt)s (dự khuyết thứ %(n)s) thay đồng chí %(name)s.")
            % {
                "alt": alternate.full_name,
                "n": alternate.alternate_order,
                "name": delegate.full_name,
            },
        )
    return _back(delegate)
