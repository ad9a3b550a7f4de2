"""The dashboard's figures of a subtree; a very large subtree's kept a minute.

Counting the country's 331,000 congresses takes one scan of the progress index
(0.16 s of processor on SQLite) and the late, ahead and chart lists three more;
the national dashboard cost 0.38 s of processor with nothing else to cut. Issue
19 asks for 150 ms: for a unit with at least CACHE_ABOVE congresses below it
the figures are computed at most once a minute per worker and per day viewed,
and the page says when they were counted. A smaller unit (every district, and a
province of the demo) is counted afresh on each request, as before: its figures
are what its staff have just typed.

The figures carry no one's permissions: the page's links and panels are still
drawn for the request's user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from daihoi.campaigns import progress
from daihoi.campaigns.child_ranking import Counted, ranked_progress
from daihoi.campaigns.models import Campaign, Congress
from daihoi.orgs.models import Level, Organisation

# A unit with this many congresses below it keeps its figures FRESH_SECONDS: the
# country (331,000), a large province's 30,000 are well above, a district below.
CACHE_ABOVE = 20_000
FRESH_SECONDS = 60
LATE_SHOWN = 20
AHEAD_SHOWN = 10
UPCOMING_SHOWN = 20
PILOTS_SHOWN = 20


@dataclass
class Figures:
    result: progress.Progress
    counted: Counted | None
    main: Level | None
    late: list[Congress]
    ahead: list[Congress]
    upcoming: list[Congress]
    pilots: list[Congress]
    series: list[progress.SeriesPoint]
    counted_at: dt.datetime

    @property
    def totals(self) -> progress.Counts:
        return sum((counts for _level, counts in self.result.rows()), progress.Counts())

    @property
    def lasting(self) -> bool:
        """Kept FRESH_SECONDS for the next requests (the page says when it was counted)."""
        return self.totals.total >= CACHE_ABOVE


def main_level(levels: list[Level], wanted: str | None) -> Level | None:
    """The level the chart and the children's ranking follow: chosen, else grassroots."""
    by_code = {level.code: level for level in levels}
    if wanted in by_code:
        return by_code[wanted]
    for code in ("co-so", "cap-xa"):
        if code in by_code:
            return by_code[code]
    return levels[0] if levels else None


def _first(found: QuerySet[Congress], n: int, *, large: bool) -> list[Congress]:
    """The first `n` of `found`; in a `large` subtree chosen from the progress index
    alone, then read whole.

    Ranking the country's late or early congresses reads every one of them; ranking
    their ids reads the covering index only, not the table's rows and the joined
    units and levels (65 to 35-45 ms on the national demo). A district's few hundred
    cost less in one query than in two.
    """
    if not large:
        return list(found[:n])
    ids = list(found.values_list("pk", flat=True)[:n])
    rows = found.model.objects.filter(pk__in=ids).select_related("organisation", "level")
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def _count(
    campaign: Campaign, org: Organisation, as_of: dt.date, levels: list[Level], main: Level | None
) -> Figures:
    result, counted = ranked_progress(campaign, org, as_of, levels)
    totals = sum((counts for _level, counts in result.rows()), progress.Counts())
    large = totals.total >= CACHE_ABOVE
    return Figures(
        result=result,
        counted=counted,
        main=main,
        late=_first(progress.late(campaign, org, as_of), LATE_SHOWN, large=large)
        if totals.late
        else [],
        ahead=_first(progress.ahead(campaign, org, as_of), AHEAD_SHOWN, large=large)
        if totals.ahead
        else [],
        upcoming=list(progress.upcoming(campaign, org, as_of)[:UPCOMING_SHOWN]),
        pilots=list(progress.pilots(campaign, org)[:PILOTS_SHOWN]),
        series=progress.cumulative(campaign, org, main) if main else [],
        counted_at=timezone.now(),
    )


def figures(campaign: Campaign, org: Organisation, as_of: dt.date, wanted: str | None) -> Figures:
    """The dashboard's figures of `org` on `as_of`, `wanted` the level asked for (?cap=)."""
    levels = progress.levels_below(campaign, org)
    main = main_level(levels, wanted)
    # By the level found, not the text asked: a made-up ?cap= is the default level's entry.
    key = f"dashboard:{campaign.pk}:{org.pk}:{as_of.isoformat()}:{main.pk if main else 0}"
    kept: Figures | None = cache.get(key)
    if kept is not None:
        return kept
    found = _count(campaign, org, as_of, levels, main)
    if found.lasting:
        cache.set(key, found, FRESH_SECONDS)
    return found
