"""The early-warning page: every congress under a unit at risk of missing its day, and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from daihoi.campaigns.access import get_campaign
from daihoi.earlywarning import facts, listing
from daihoi.earlywarning.reasons import LEVEL_LABELS, REASON_LABELS, rule_lines
from daihoi.lib.risk import Level, Reason
from daihoi.orgs import scope, tree

PER_PAGE = 50


@require_GET
@login_required
def risk_page(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    # Complaints and inspections are counted here: the staff's page, as the audit trail.
    if not scope.is_staff(request.user):
        raise PermissionDenied(_("Trang cảnh báo sớm dành cho ban tổ chức và lãnh đạo."))
    today = timezone.localdate()
    found = listing.at_risk(facts.units(camp, org, today))
    # An unknown filter value shows everything rather than an error: links get mistyped.
    level = Level(request.GET["muc"]) if request.GET.get("muc") in set(Level) else None
    reason = Reason(request.GET["ly-do"]) if request.GET.get("ly-do") in set(Reason) else None
    page = Paginator(listing.chosen(found, level, reason), PER_PAGE).get_page(
        request.GET.get("trang")
    )
    counted = listing.tally(found)
    context = {
        "campaign": camp,
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "today": today,
        "tally": counted,
        "levels": [(lv.value, LEVEL_LABELS[lv], counted.by_level[lv]) for lv in Level],
        "reasons": [(r.value, REASON_LABELS[r], counted.by_reason[r]) for r in Reason],
        "level": level.value if level else "",
        "reason": reason.value if reason else "",
        "page": page,
        "rows": listing.rows(camp, list(page.object_list), listing.rights(request.user, org)),
        "rule": rule_lines(),
    }
    return render(request, "earlywarning/page.html", context)
