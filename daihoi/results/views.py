"""The results report of a unit: its page, the form, the file and its template.

The page (GET) shows what the unit's congress still lacks, the form for a congress
that ran no election in the app, and the file for the unit and the units below it.
Each write has its own URL and calls one action; a refusal re-renders what was typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns.access import get_campaign, get_congress_for_user
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core import uploads
from daihoi.core.downloads import attachment
from daihoi.core.errors import ActionRefused
from daihoi.core.tables import TableError
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation
from daihoi.results import requirements
from daihoi.results.actions.report import do_report_results, state_problems
from daihoi.results.forms import ResultsFileForm, ResultsForm
from daihoi.results.workbook import (
    TEMPLATE_UNITS,
    ResultsFileRejected,
    read_reports,
    template,
    waiting,
)


def _unit(request: HttpRequest, campaign: str, code: str) -> tuple[Campaign, Organisation]:
    camp = get_campaign(campaign)
    return camp, scope.get_org_for_user(request.user, camp.structure.code, code, write=True)


def _render(
    request: HttpRequest,
    camp: Campaign,
    org: Organisation,
    *,
    form: ResultsForm | None = None,
    file_form: ResultsFileForm | None = None,
    file_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    congress = Congress.objects.filter(campaign=camp, organisation=org).first()
    closed = state_problems(congress) if congress else []
    context: dict[str, Any] = {
        "campaign": camp,
        "org": org,
        "congress": congress,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "lacking": requirements.problems(congress) if congress else [],
        "closed": [reason for _code, reason in closed],
        "form": form or (ResultsForm() if congress and not closed else None),
        "file_form": file_form or ResultsFileForm(),
        "file_errors": file_errors or [],
        "waiting": waiting(camp, org).count(),
        "template_units": TEMPLATE_UNITS,
    }
    return render(request, "results/page.html", context, status=status)


@require_GET
@login_required
def results_page(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org = _unit(request, campaign, code)
    return _render(request, camp, org)


@login_required
@require_POST
def results_submit(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Report one congress's results through the form."""
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    camp, org = congress.campaign, congress.organisation
    form = ResultsForm(request.POST)
    if form.is_valid():
        report = form.report(congress, requirements.needs_delegates(congress))
        try:
            if report is not None:
                do_report_results([report], acting_user=scope.acting_user(request), source="form")
                messages.success(request, _("Đã báo cáo kết quả đại hội."))
                return redirect("congress_detail", campaign=campaign, code=code)
        except ActionRefused as exc:
            form.refuse(exc)
    return _render(request, camp, org, form=form, status=400 if form.errors else 200)


@login_required
@require_POST
def results_upload(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Report the results of the units a filled template names; all or nothing."""
    camp, org = _unit(request, campaign, code)
    form = ResultsFileForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            reports = read_reports(camp, org, upload.name or "", uploads.read_upload(upload))
            n = do_report_results(reports, acting_user=scope.acting_user(request), source="file")
        except (TableError, ResultsFileRejected) as exc:
            errors = [str(error) for error in exc.errors]
        except ActionRefused as exc:
            errors = exc.reasons
        else:
            text = ngettext(
                "Đã báo cáo kết quả %(n)s đại hội.", "Đã báo cáo kết quả %(n)s đại hội.", n
            )
            messages.success(request, text % {"n": n})
            return redirect("results_page", campaign=campaign, code=code)
    return _render(request, camp, org, file_form=form, file_errors=errors, status=400)


@require_GET
@login_required
def results_template(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    camp, org = _unit(request, campaign, code)
    return attachment(template(camp, org), f"bao-cao-ket-qua-{org.code}.xlsx")
