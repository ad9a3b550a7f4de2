"""The early-warning page: every congress under a unit at risk of missing its day, and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.models import Campaign
from daihoi.core.paging import paginate
from daihoi.earlywarning import classify, facts, listing, panels
from daihoi.earlywarning.reasons import LEVEL_LABELS, REASON_LABELS, rule_lines
from daihoi.lib.risk import Level, Reason
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation

PER_PAGE = 50


def _unit(request: HttpRequest, campaign: str, code: str) -> tuple[Campaign, Organisation]:
    """The campaign and the reader's unit asked for (404 outside their subtree), for staff."""
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    # Complaints and inspections are counted here: the staff's page, as the audit trail.
    if not scope.is_staff(request.user):
        raise PermissionDenied(_("Trang cảnh báo sớm dành cho ban tổ chức và lãnh đạo."))
    return camp, org


@require_GET
@login_required
def risk_box(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The dashboard's box of a large unit, asked for by its page once shown."""
    camp, org = _unit(request, campaign, code)
    context = panels.box(request, camp, org)
    if context is None:
        return HttpResponse("")  # every congress below is held: the placeholder goes
    return render(request, "earlywarning/_dashboard_box.html", {"p": context})


@require_GET
@login_required
def risk_page(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org = _unit(request, campaign, code)
    today = timezone.localdate()
    # An unknown filter value shows everything rather than an error: links get mistyped.
    level = Level(request.GET["muc"]) if request.GET.get("muc") in set(Level) else None
    reason = Reason(request.GET["ly-do"]) if request.GET.get("ly-do") in set(Reason) else None
    # Counted in the database by groups (one statement and the levels' peers); the page
    # asked for is one more statement that reads its rows alone, then described.
    found = classify.survey(classify.scope_for(camp, org, today))
    counted = found.counts(level, reason)
    chosen = classify.Chosen(found, level, reason, counted.chosen)
    page = paginate(request, chosen, per_page=PER_PAGE, count=counted.chosen)
    shown = facts.units(camp, org, today, only=list(page.object_list), by_peer=found.by_peer)
    tally = listing.Tally(counted.by_level, counted.by_reason)
    context = {
        "campaign": camp,
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "today": today,
        "tally": tally,
        "levels": [(lv.value, LEVEL_LABELS[lv], tally.by_level[lv]) for lv in Level],
        "reasons": [(r.value, REASON_LABELS[r], tally.by_reason[r]) for r in Reason],
        "level": level.value if level else "",
        "reason": reason.value if reason else "",
        "page": page,
        "rows": listing.rows(camp, shown, listing.rights(request.user, org)),
        "rule": rule_lines(),
    }
    return render(request, "earlywarning/page.html", context)
