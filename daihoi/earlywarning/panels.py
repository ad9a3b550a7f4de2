"""The early-warning box of the dashboard: how many units at risk by level, the first few."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

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


def dashboard_panel(
    request: HttpRequest, campaign: Campaign, org: Organisation, as_of: dt.date
) -> Panel | None:
    """Risk is read from today's facts, whatever day the dashboard looks at."""
    if not scope.is_staff(request.user):
        return None
    today = timezone.localdate()
    # Counted in the database by groups (one statement, then the levels' peers); the first
    # few units are one more statement, and alone read and described.
    surveyed = classify.survey(classify.scope_for(campaign, org, today))
    counted_all = surveyed.counts()
    if not counted_all.open:
        return None  # every congress below is held: nothing to warn about
    counted = listing.Tally(counted_all.by_level, counted_all.by_reason)
    first = surveyed.page(None, None, 0, SHOWN)
    found = facts.units(campaign, org, today, only=first, by_peer=surveyed.by_peer)
    return Panel(
        "earlywarning/_dashboard_box.html",
        {
            "campaign": campaign,
            "org": org,
            "today": today,
            "open": counted_all.open,
            "tally": counted,
            "levels": [(lv.value, LEVEL_LABELS[lv], counted.by_level[lv]) for lv in Level],
            "rows": listing.rows(campaign, found, listing.rights(request.user, org)),
        },
        # First among the apps' sections: the department acts on it.
        order=10,
    )
