"""The composition roll-up of a unit's congresses: the page, its XLSX and DOCX reports."""

from __future__ import annotations

from typing import Any, BinaryIO

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.forms import parse_as_of
from daihoi.campaigns.models import Campaign
from daihoi.core.paging import paginate
from daihoi.jobs import exports, runner
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


def _export(request: HttpRequest, campaign: str, code: str, extension: str) -> HttpResponseBase:
    """The roll-up's file: at once for a few children, as a job for very many (jobs/exports)."""
    from daihoi.personnel.reports import rollup_document, write_rollup_workbook

    camp, org, as_of = _rollup_inputs(request, campaign, code)

    # The Word report lists the first DOCX_ROWS children only: no more are read.
    shown = org.numchild if extension == "xlsx" else min(org.numchild, exports.DOCX_ROWS)

    def write(out: BinaryIO, progress: runner.Progress) -> int:
        progress(_("Đang tính số liệu"), 0, 0)
        total = rollup(camp, org.path, as_of)
        if extension == "xlsx":
            rows = rollup_rows(camp, org, as_of)
            return write_rollup_workbook(out, camp, org, as_of, total, rows, progress)
        # The whole subtree's grouped figures (one scan), not a filter per child shown:
        # SQLite refuses an expression of a thousand ranges.
        found = rollup_by_child(camp, org.path, as_of)
        rows = [(c, found.get(c.path, EMPTY)) for c in tree.children(org)[:shown]]
        more = org.numchild - len(rows)
        out.write(rollup_document(camp, org, as_of, total, rows, progress, more=more))
        return len(rows)

    name = f"co-cau-{org.code}-{as_of:%Y%m%d}.{extension}"
    return exports.deliver(request, exports.Export(org, name, shown, write))


@never_cache
@login_required
def rollup_xlsx(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    return _export(request, campaign, code, "xlsx")


@never_cache
@login_required
def rollup_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    return _export(request, campaign, code, "docx")
