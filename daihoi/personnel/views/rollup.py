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
from daihoi.core.paging import paginate
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation
from daihoi.personnel.rollup import Rollup, rollup, rollup_by_child
from daihoi.personnel.views.common import breadcrumbs


def _rollup_inputs(
    request: HttpRequest, campaign: str, code: str
) -> tuple[Campaign, Organisation, Any]:
    camp = get_campaign(campaign)
    # Aggregates only, no personal data: anyone who sees the organisation sees them.
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, _error = parse_as_of(request.GET.get("ngay"), timezone.localdate())
    return camp, org, as_of


EMPTY = Rollup(0, 0, 0, 0, 0)


def rollup_rows(
    camp: Campaign, org: Organisation, as_of: Any, children: list[Organisation] | None = None
) -> list[tuple[Organisation, Rollup]]:
    """Each child (all of them, or the given page of them) with its subtree's roll-up.

    One grouped query for the figures, never one per child (issue 19.5).
    """
    if children is None:
        children = list(tree.children(org))
        found = rollup_by_child(camp, org.path, as_of)
    else:
        found = rollup_by_child(camp, org.path, as_of, [c.path for c in children])
    return [(child, found.get(child.path, EMPTY)) for child in children]


@never_cache
@login_required
def rollup_page(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org, as_of = _rollup_inputs(request, campaign, code)
    page = paginate(request, tree.children(org), count=org.numchild)
    context = {
        "campaign": camp,
        "org": org,
        "as_of": as_of,
        "breadcrumbs": breadcrumbs(request, org),
        "figures": rollup(camp, org.path, as_of),
        "page": page,
        "children": rollup_rows(camp, org, as_of, list(page.object_list)),
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
