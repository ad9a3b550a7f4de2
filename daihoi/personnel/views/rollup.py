"""The composition roll-up of a unit's congresses: the page, its XLSX and DOCX reports."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.forms import parse_as_of
from daihoi.campaigns.models import Campaign
from daihoi.core.downloads import attachment
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation
from daihoi.personnel.rollup import rollup
from daihoi.personnel.views.common import breadcrumbs


def _rollup_inputs(
    request: HttpRequest, campaign: str, code: str
) -> tuple[Campaign, Organisation, Any]:
    camp = get_campaign(campaign)
    # Aggregates only, no personal data: anyone who sees the organisation sees them.
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, _error = parse_as_of(request.GET.get("ngay"), timezone.localdate())
    return camp, org, as_of


def rollup_rows(camp: Campaign, org: Organisation, as_of: Any) -> list[tuple[Organisation, Any]]:
    return [(child, rollup(camp, child.path, as_of)) for child in tree.children(org)]


@never_cache
@login_required
def rollup_page(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org, as_of = _rollup_inputs(request, campaign, code)
    context = {
        "campaign": camp,
        "org": org,
        "as_of": as_of,
        "breadcrumbs": breadcrumbs(request, org),
        "figures": rollup(camp, org.path, as_of),
        "children": rollup_rows(camp, org, as_of),
    }
    return render(request, "personnel/rollup.html", context)


@never_cache
@login_required
def rollup_xlsx(request: HttpRequest, campaign: str, code: str) -> FileResponse:
    from daihoi.personnel.reports import rollup_workbook

    camp, org, as_of = _rollup_inputs(request, campaign, code)
    data = rollup_workbook(
        camp, org, as_of, rollup(camp, org.path, as_of), rollup_rows(camp, org, as_of)
    )
    return attachment(data, f"co-cau-{org.code}-{as_of:%Y%m%d}.xlsx")


@never_cache
@login_required
def rollup_docx(request: HttpRequest, campaign: str, code: str) -> FileResponse:
    from daihoi.personnel.reports import rollup_document

    camp, org, as_of = _rollup_inputs(request, campaign, code)
    data = rollup_document(
        camp, org, as_of, rollup(camp, org.path, as_of), rollup_rows(camp, org, as_of)
    )
    return attachment(data, f"co-cau-{org.code}-{as_of:%Y%m%d}.docx")
