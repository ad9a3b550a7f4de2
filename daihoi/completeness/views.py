"""The reporting-rate page of a unit, its workbook and its report: what the units below owe."""

from __future__ import annotations

from typing import BinaryIO

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.forms import parse_as_of
from daihoi.completeness import queries
from daihoi.completeness.document import summary_document
from daihoi.completeness.models import OBLIGATION_LABELS
from daihoi.completeness.workbook import summary_workbook
from daihoi.core.paging import paginate
from daihoi.jobs import exports, runner
from daihoi.orgs import scope, tree


def _summary(request: HttpRequest, campaign: str, code: str) -> tuple[queries.Summary, str]:
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, date_error = parse_as_of(request.GET.get("ngay"), timezone.localdate())
    return queries.summary(camp, org, as_of), date_error


@require_GET
@login_required
def completeness(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, date_error = parse_as_of(request.GET.get("ngay"), timezone.localdate())
    found = queries.headline(camp, org, as_of)
    # One page of the units below, counted alone; the totals stay the whole subtree's.
    page = paginate(request, tree.children(org))
    page.object_list = queries.page_rows(camp, org, as_of, list(page.object_list))
    return render(
        request,
        "completeness/summary.html",
        {
            "summary": found,
            "page": page,
            "org": found.root,
            "date_error": date_error,
            "labels": [OBLIGATION_LABELS[o] for o in queries.OBLIGATIONS],
        },
    )


def _export(request: HttpRequest, campaign: str, code: str, extension: str) -> HttpResponseBase:
    """The summary's file: at once for a few units below, as a job for very many (jobs/exports)."""
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, _error = parse_as_of(request.GET.get("ngay"), timezone.localdate())

    def write(out: BinaryIO, progress: runner.Progress) -> int:
        # Counting the subtree is part of the work: in the job, not in the request.
        progress(_("Đang tính số liệu"), 0, 0)
        found = queries.summary(camp, org, as_of)
        out.write(summary_workbook(found) if extension == "xlsx" else summary_document(found))
        return len(found.by_child)

    name = f"bao-cao-len-{org.code}-{as_of:%Y%m%d}.{extension}"
    return exports.deliver(request, exports.Export(org, name, org.numchild, write))


@require_GET
@login_required
def completeness_xlsx(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    return _export(request, campaign, code, "xlsx")


@require_GET
@login_required
def completeness_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    return _export(request, campaign, code, "docx")
