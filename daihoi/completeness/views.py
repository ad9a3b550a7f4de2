"""The reporting-rate page of a unit, its workbook and its report: what the units below owe."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.forms import parse_as_of
from daihoi.completeness import queries
from daihoi.completeness.document import summary_document
from daihoi.completeness.models import OBLIGATION_LABELS
from daihoi.completeness.workbook import summary_workbook
from daihoi.core.downloads import DOCX, attachment
from daihoi.core.paging import paginate
from daihoi.orgs import scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _summary(request: HttpRequest, campaign: str, code: str) -> tuple[queries.Summary, str]:
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, date_error = parse_as_of(request.GET.get("ngay"), timezone.localdate())
    return queries.summary(camp, org, as_of), date_error


@require_GET
@login_required
def completeness(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    found, date_error = _summary(request, campaign, code)
    return render(
        request,
        "completeness/summary.html",
        {
            "summary": found,
            # One page of the units below; the totals stay the whole subtree's.
            "page": paginate(request, found.by_child),
            "org": found.root,
            "date_error": date_error,
            "labels": [OBLIGATION_LABELS[o] for o in queries.OBLIGATIONS],
        },
    )


@require_GET
@login_required
def completeness_xlsx(request: HttpRequest, campaign: str, code: str) -> FileResponse:
    found, _error = _summary(request, campaign, code)
    name = f"bao-cao-len-{found.root.code}-{found.as_of:%Y%m%d}.xlsx"
    return attachment(summary_workbook(found), name, XLSX)


@require_GET
@login_required
def completeness_docx(request: HttpRequest, campaign: str, code: str) -> FileResponse:
    found, _error = _summary(request, campaign, code)
    name = f"bao-cao-len-{found.root.code}-{found.as_of:%Y%m%d}.docx"
    return attachment(summary_document(found), name, DOCX)
