"""The early-warning box of the dashboard: how many units at risk by level, the first few."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from daihoi.campaigns.hooks import Panel
from daihoi.earlywarning import classify, facts, listing
from daihoi.earlywarning.reasons import LEVEL_LABELS
from daihoi.lib.risk import Level
from daihoi.orgs import scope

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Campaign
    from daihoi.orgs.models import Organisation

SHOWN = 5
# The country's and a province's box follows their page (its own request, `views.risk_box`):
# the national dashboard's 150 ms could not hold it under 100,000 open congresses or more
# (bench/pages.py), and their staff read the progress first. A district's comes with it.
LATER_ABOVE_DEPTH = 2


def dashboard_panel(
    request: HttpRequest, campaign: Campaign, org: Organisation, as_of: dt.date
) -> Panel | None:
    """Risk is read from today's facts, whatever day the dashboard looks at."""
    if not scope.is_staff(request.user):
        return None
    # First among the apps' sections: the department acts on it.
    if org.depth <= LATER_ABOVE_DEPTH:
        later = {"campaign": campaign, "org": org}
        return Panel("earlywarning/_dashboard_box_later.html", later, 10)
    context = box(request, campaign, org)
    return Panel("earlywarning/_dashboard_box.html", context, 10) if context else None


def box(request: HttpRequest, campaign: Campaign, org: Organisation) -> dict[str, Any] | None:
    """What the box shows under `org` (the caller checked the reader is staff), or None
    when every congress below is held: nothing to warn about."""
    today = timezone.localdate()
    # Counted in the database by groups (one statement, then the levels' peers); the first
    # few units are one more statement, and alone read and described.
    surveyed = classify.survey(classify.scope_for(campaign, org, today))
    counted_all = surveyed.counts()
    if not counted_all.open:
        return None
    counted = listing.Tally(counted_all.by_level, counted_all.by_reason)
    first = surveyed.page(None, None, 0, SHOWN)
    found = facts.units(campaign, org, today, only=first, by_peer=surveyed.by_peer)
    return {
        "campaign": campaign,
        "org": org,
        "today": today,
        "open": counted_all.open,
        "tally": counted,
        "levels": [(lv.value, LEVEL_LABELS[lv], counted.by_level[lv]) for lv in Level],
        "rows": listing.rows(campaign, found, listing.rights(request.user, org)),
    }
