"""The campaign dashboard: progress of a unit and the units under it, by level."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.campaigns import charts, dashboard_figures, hooks, progress
from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.child_ranking import ChildRanking
from daihoi.campaigns.forms import parse_as_of
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core import numbers
from daihoi.core.paging import paginate
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation


def _root_for(request: HttpRequest, campaign: Campaign) -> Organisation:
    """The organisation a user's dashboard opens at: their own, or the campaign's top."""
    own = scope.scope_root(request.user)
    if own is not None and own.structure_id == campaign.structure_id:
        return own
    if scope.sees_everything(request.user) or (own is not None and own.depth == 1):
        return progress.campaign_root(campaign)
    raise Http404(_("Tài khoản của bạn không thuộc cơ cấu của đợt đại hội này."))


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    campaigns = Campaign.objects.select_related("structure").order_by("-term_start", "-pk")
    own = scope.scope_root(request.user)
    # The newest campaign on the user's own tree: a 2020 account opens the 2020 campaign
    # even when a 2025 one exists beside it.
    campaign = (
        own and campaigns.filter(structure_id=own.structure_id).first()
    ) or campaigns.first()
    if campaign is None:
        return render(request, "campaigns/no_campaign.html")
    root = _root_for(request, campaign)
    return redirect("dashboard", campaign=campaign.slug, code=root.code)


@login_required
def dashboard(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    # A finished campaign opens on its last day held, a live one on today (issue 17.7).
    default_day = progress.opening_day(camp, timezone.localdate())
    as_of, date_error = parse_as_of(request.GET.get("ngay"), default_day)
    # The whole subtree's figures per level in one grouped query (the country's from a
    # roll-up kept on writes); the children's table reads one page of them (child_ranking).
    found = dashboard_figures.figures(camp, org, as_of, request.GET.get("cap"))
    result, main = found.result, found.main
    held_at_own = result.at(result.levels[0]).held if result.levels else 0
    ranking = ChildRanking(camp, org, as_of, result.levels, main, held_at_own, found.counted)
    page = paginate(request, ranking)
    totals = found.totals
    context = {
        "campaign": camp,
        "campaigns": Campaign.objects.filter(structure=camp.structure),
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "as_of": as_of,
        "date_error": date_error,
        "places": numbers.share_places(request.GET.get("thap-phan")),
        "result": result,
        "main": main,
        "page": page,
        "children": list(enumerate(page.object_list, start=page.start_index())),
        "late": [(c, (as_of - c.planned_date).days) for c in found.late if c.planned_date],
        "late_count": totals.late,
        "ahead_count": totals.ahead,
        "ahead": [
            (c, (c.planned_date - c.held_date).days)
            for c in found.ahead
            if c.planned_date and c.held_date
        ],
        "upcoming": found.upcoming,
        "pilots": found.pilots,
        "chart": charts.cumulative_chart(found.series, as_of) if main else None,
        "own": Congress.objects.filter(campaign=camp, organisation=org).first(),
        "can_write": scope.can_write(request.user, org),
        "panels": hooks.dashboard_sections(request, camp, org, as_of),
    }
    return render(request, "campaigns/dashboard.html", context)
