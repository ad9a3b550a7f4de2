"""The dashboard's figures of a subtree, counted on each request.

The national root's counts come from the progress roll-up that the completeness app
keeps on every write (`hooks.kept_progress`: 2 ms where a scan of the country's
331,000 congresses took 140 ms of processor); any other unit's from one scan of its
subtree on the progress index. The figures are always those of the last write: a
one-minute cache of the national figures, tried before the roll-up, left the country
a minute behind what its staff had just typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from daihoi.campaigns import progress
from daihoi.campaigns.child_ranking import Counted, ranked_progress
from daihoi.campaigns.models import Campaign, Congress
from daihoi.orgs.models import Level, Organisation

# A subtree this large ranks its late and early congresses by id first (`_first`).
LARGE = 20_000
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

    @property
    def totals(self) -> progress.Counts:
        return sum((counts for _level, counts in self.result.rows()), progress.Counts())


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
    large = totals.total >= LARGE
    return Figures(
        result=result,
        counted=counted,
        main=main,
        late=_first(progress.late(campaign, org, as_of), LATE_SHOWN, large=large)
        if totals.late
        else [],
        ahead=_first(progress.ahead(campaign, org, as_of, by_day=large), AHEAD_SHOWN, large=large)
        if totals.ahead
        else [],
        upcoming=list(progress.upcoming(campaign, org, as_of)[:UPCOMING_SHOWN]),
        pilots=list(progress.pilots(campaign, org)[:PILOTS_SHOWN]),
        series=progress.cumulative(campaign, org, main) if main else [],
    )


def figures(campaign: Campaign, org: Organisation, as_of: dt.date, wanted: str | None) -> Figures:
    """The dashboard's figures of `org` on `as_of`, `wanted` the level asked for (?cap=)."""
    levels = progress.levels_below(campaign, org)
    return _count(campaign, org, as_of, levels, main_level(levels, wanted))
