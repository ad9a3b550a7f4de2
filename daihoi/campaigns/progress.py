"""Where do we stand: congresses due, planned and held under an organisation, as of a day.

Counted from the congress table's covering index (campaign, level, org_path,
planned_date, held_date): one range query per direct child plus one for the
children themselves, never a walk of the tree. The root's figures are the sum
of its children's, since the children's subtrees partition the root's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet

from daihoi.campaigns import hooks
from daihoi.campaigns.models import Campaign, Congress
from daihoi.db.functions import Unindexed
from daihoi.lib.percent import percent
from daihoi.orgs.models import Level, Organisation
from daihoi.orgs.tree import subtree_bounds, subtree_q


@dataclass(frozen=True)
class Counts:
    total: int = 0
    planned: int = 0
    held: int = 0
    late: int = 0  # planned before the day, not held by it
    ahead: int = 0  # held by the day, before the planned day

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.total + other.total,
            self.planned + other.planned,
            self.held + other.held,
            self.late + other.late,
            self.ahead + other.ahead,
        )

    @classmethod
    def of(cls, congress: Congress, as_of: dt.date, detail: bool = True) -> Counts:
        """Count one congress, the way the SQL below counts many."""
        planned, held = congress.planned_date, congress.held_date
        held_by = held is not None and held <= as_of
        return cls(
            1,
            int(planned is not None and planned <= as_of),
            int(held_by),
            int(detail and planned is not None and planned < as_of and not held_by),
            int(detail and held_by and planned is not None and held < planned),  # type: ignore[operator]
        )

    @property
    def percent(self) -> Decimal:
        """Held as a share of total, in percent, one decimal, half away from zero."""
        return percent(Fraction(self.held, self.total), 1) if self.total else Decimal("0.0")

    @property
    def planned_percent(self) -> Decimal:
        return percent(Fraction(self.planned, self.total), 1) if self.total else Decimal("0.0")

    @property
    def behind(self) -> int:
        """Planned by the day but not held by it (never negative)."""
        return max(self.planned - self.held, 0)


@dataclass
class ChildProgress:
    org: Organisation
    by_level: dict[int, Counts]
    own: Counts  # the child's own congress

    def at(self, level: Level) -> Counts:
        return self.by_level.get(level.pk, Counts())

    def share_at(self, level: Level) -> Counts:
        """The figures the ranking reads at a level: the child's own congress at its own."""
        return self.own if self.org.level_id == level.pk else self.at(level)

    @property
    def all_levels(self) -> Counts:
        return sum(self.by_level.values(), Counts())


@dataclass
class Progress:
    campaign: Campaign
    root: Organisation
    as_of: dt.date
    levels: list[Level]
    by_level: dict[int, Counts]
    children: list[ChildProgress] = field(default_factory=list)

    def at(self, level: Level) -> Counts:
        return self.by_level.get(level.pk, Counts())

    def rows(self) -> list[tuple[Level, Counts]]:
        return [(level, self.at(level)) for level in self.levels]


def campaign_root(campaign: Campaign) -> Organisation:
    """Return the top of the campaign's tree."""
    return Organisation.objects.select_related("level", "structure").get(
        structure=campaign.structure, depth=1
    )


def opening_day(campaign: Campaign, today: dt.date) -> dt.date:
    """The day a dashboard opens on: today while any congress is still to be held.

    Once every congress of the campaign has been held, each later day reads 100%
    everywhere and says nothing; the last day a congress was held is the campaign's
    final picture. Two seeks of the (campaign, held day) index: an aggregate over the
    country's rows cost 19 ms of processor on every national dashboard.
    """
    rows = Congress.objects.filter(campaign=campaign)
    if rows.filter(held_date__isnull=True).exists():
        return today
    last: dt.date | None = rows.aggregate(last=Max("held_date"))["last"]
    if last is None or last >= today:
        return today
    return last


def levels_below(campaign: Campaign, org: Organisation) -> list[Level]:
    return list(
        Level.objects.filter(structure=campaign.structure, rank__gt=org.level.rank).order_by("rank")
    )


def _counting_sql(levels: int, detail: bool, *, by_child: bool = False, ranges: int = 0) -> str:
    """SQL counting one subtree's congresses per level: due, planned, held (late, ahead).

    Each extra figure costs a comparison on every row, about 15 ms over the
    country's 330,000 congresses on SQLite (bench/progress.py), so late and
    ahead are counted only when a page shows them.

    Hand-written once and run per child: compiling the ORM query for each of a
    province's districts or the country's provinces costs more than SQLite
    spends answering it from the covering index (campaign, level, org_path,
    planned_date, held_date).
    """
    meta = Congress._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    campaign = quote(meta.get_field("campaign").column)
    level = quote(meta.get_field("level").column)
    path = quote(meta.get_field("org_path").column)
    planned = quote(meta.get_field("planned_date").column)
    held = quote(meta.get_field("held_date").column)
    held_by = f"{held} <= %(day)s"
    marks = ", ".join(f"%(level{i})s" for i in range(levels))
    # By child: grouped by the first `width` characters of the path, the direct
    # child of the root each congress lies under; `ranges` narrows it to some children.
    child = f"SUBSTR({path}, 1, %(width)s)" if by_child else ""
    within = " OR ".join(f"({path} >= %(low{i})s AND {path} <= %(high{i})s)" for i in range(ranges))
    return (
        f"SELECT {child + ', ' if child else ''}{level}, COUNT(*), "  # noqa: S608 - names from _meta, values as parameters
        f"COUNT(CASE WHEN {planned} <= %(day)s THEN 1 END), "
        f"COUNT(CASE WHEN {held_by} THEN 1 END)"
        + (
            f", COUNT(CASE WHEN {planned} < %(day)s AND ({held} IS NULL OR {held} > %(day)s) "
            f"THEN 1 END), COUNT(CASE WHEN {held_by} AND {held} < {planned} THEN 1 END) "
            if detail
            else " "
        )
        + f"FROM {table} WHERE {campaign} = %(campaign)s AND {level} IN ({marks}) "
        f"AND {path} >= %(low)s AND {path} <= %(high)s"
        + (f" AND ({within})" if within else "")
        + f" GROUP BY {child + ', ' if child else ''}{level}"
    )


def counts_under_many(
    campaign: Campaign,
    orgs: list[Organisation],
    as_of: dt.date,
    level_ids: list[int],
    *,
    detail: bool = True,
) -> dict[int, dict[int, Counts]]:
    """Count the congresses strictly under each org, per level id: one indexed query each."""
    result: dict[int, dict[int, Counts]] = {org.pk: {} for org in orgs}
    if not level_ids:
        return result
    sql = _counting_sql(len(level_ids), detail)
    params: dict[str, Any] = {
        "campaign": campaign.pk,
        "day": connection.ops.adapt_datefield_value(as_of),
        **{f"level{i}": level_id for i, level_id in enumerate(level_ids)},
    }
    with connection.cursor() as cursor:
        for org in orgs:
            if org.numchild == 0:
                continue
            low, high = subtree_bounds(org.path, include_self=False)
            cursor.execute(sql, {**params, "low": low, "high": high})
            result[org.pk] = {row[0]: Counts(*row[1:]) for row in cursor.fetchall()}
    return result


def counts_by_child(
    campaign: Campaign,
    root: Organisation,
    as_of: dt.date,
    level_ids: list[int],
    *,
    detail: bool = True,
    within: list[Organisation] | None = None,
) -> dict[str, dict[int, Counts]]:
    """Count the congresses under each direct child of root, per level id, in one query.

    Keyed by the child's path; a child without congresses at these levels is
    absent. With `within`, only the subtrees of those children are read (a page
    of them), through one path range each on the covering index.
    """
    result: dict[str, dict[int, Counts]] = defaultdict(dict)
    if not level_ids or root.numchild == 0 or within == []:
        return result
    if within is None:
        # The national root's children from a roll-up kept on writes (completeness): a
        # few thousand rows where the congress table has 331,000 (bench/pages.py).
        kept = hooks.kept_progress(campaign, root, as_of, level_ids)
        if kept is not None:
            return kept
    sql = _counting_sql(len(level_ids), detail, by_child=True, ranges=len(within or []))
    low, high = subtree_bounds(root.path, include_self=False)
    params: dict[str, Any] = {
        "campaign": campaign.pk,
        "day": connection.ops.adapt_datefield_value(as_of),
        "width": len(root.path) + root.steplen,
        "low": low,
        "high": high,
        **{f"level{i}": level_id for i, level_id in enumerate(level_ids)},
    }
    for i, child in enumerate(within or []):
        params[f"low{i}"], params[f"high{i}"] = subtree_bounds(child.path)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            result[row[0]][row[1]] = Counts(*row[2:])
    return result


def progress_by_child(
    campaign: Campaign, root: Organisation, as_of: dt.date, levels: list[Level] | None = None
) -> tuple[Progress, dict[str, dict[int, Counts]]]:
    """The root's progress per level (with late and ahead) and each direct child's counts
    per level (its own congress at the children's level), from one grouped query.

    For a unit with few children (the country's 63 provinces): the same scan of the
    subtree that counts the root's levels gives the children's figures, which the
    ranking and its page would otherwise read in two more scans (issue 19.5).
    `levels`: levels_below(campaign, root), if the caller has read them.
    """
    levels = levels_below(campaign, root) if levels is None else levels
    result = Progress(campaign, root, as_of, levels, {})
    if not levels or root.numchild == 0:
        return result, {}
    counted = counts_by_child(campaign, root, as_of, [lv.pk for lv in levels], detail=True)
    totals: dict[int, Counts] = defaultdict(Counts)
    for by_level in counted.values():
        for level_id, counts in by_level.items():
            totals[level_id] += counts
    result.by_level = dict(totals)
    return result, dict(counted)


def counts_under(
    campaign: Campaign, org: Organisation, as_of: dt.date, level_ids: list[int]
) -> dict[int, Counts]:
    """Count the congresses strictly under org, per level id, in one indexed query."""
    return counts_under_many(campaign, [org], as_of, level_ids)[org.pk]


def progress(
    campaign: Campaign,
    root: Organisation,
    as_of: dt.date,
    *,
    with_children: bool = True,
    detail: bool = False,
    levels: list[Level] | None = None,
) -> Progress:
    """Count, per level strictly below root and per direct child, due/planned/held by as_of.

    With `detail`, also the late and ahead congresses (the dashboard shows them);
    `levels` are levels_below(campaign, root) if the caller has read them.
    """
    levels = levels_below(campaign, root) if levels is None else levels
    result = Progress(campaign, root, as_of, levels, {})
    if not levels or root.numchild == 0:
        return result
    if not with_children:
        result.by_level = counts_under_many(
            campaign, [root], as_of, [lv.pk for lv in levels], detail=detail
        )[root.pk]
        return result
    child_level, deeper = levels[0], [lv.pk for lv in levels[1:]]
    # Children through the (level, path) index: treebeard's get_children filters
    # on depth, which under the root means reading the whole table.
    children = list(
        Organisation.objects.filter(subtree_q(root.path, include_self=False), level=child_level)
        .select_related("level", "structure", "unit_type")
        .order_by("path")
    )
    own = {
        c.organisation_id: c
        for c in Congress.objects.filter(
            subtree_q(root.path, prefix="org_", include_self=False),
            campaign=campaign,
            level=child_level,
        ).only("organisation_id", "planned_date", "held_date")
    }
    totals: dict[int, Counts] = defaultdict(Counts)
    below_each = counts_under_many(campaign, children, as_of, deeper, detail=detail)
    for child in children:
        congress = own.get(child.pk)
        mine = Counts.of(congress, as_of, detail) if congress is not None else Counts()
        below = below_each[child.pk]
        result.children.append(ChildProgress(child, below, mine))
        totals[child_level.pk] += mine
        for level_id, counts in below.items():
            totals[level_id] += counts
    result.by_level = dict(totals)
    return result


def _subtree_congresses(campaign: Campaign, root: Organisation) -> QuerySet[Congress]:
    return Congress.objects.filter(
        subtree_q(root.path, prefix="org_", include_self=False), campaign=campaign
    )


def late(campaign: Campaign, root: Organisation, as_of: dt.date) -> QuerySet[Congress]:
    """Congresses whose planned day has passed without being held, the latest first."""
    return (
        _subtree_congresses(campaign, root)
        .filter(planned_date__lt=as_of)
        .filter(Q(held_date__isnull=True) | Q(held_date__gt=as_of))
        .select_related("organisation", "level")
        .order_by("planned_date", "org_path")
    )


def ahead(
    campaign: Campaign, root: Organisation, as_of: dt.date, *, by_day: bool = False
) -> QuerySet[Congress]:
    """Congresses held before their planned day, the latest first.

    `by_day` for a large subtree, where they are many: SQLite then walks the (campaign,
    held day) index back from `as_of` and stops at the first few, instead of reading the
    subtree's whole range of the progress index and sorting it (the country with a
    district of 100,000 cells: 55 ms of processor).
    """
    found: QuerySet[Congress]
    if by_day:
        low, high = subtree_bounds(root.path, include_self=False)
        path = Unindexed(F("org_path"))
        found = Congress.objects.filter(campaign=campaign).alias(path=path)  # type: ignore[assignment]
        found = found.filter(path__gte=low, path__lte=high)
    else:
        found = _subtree_congresses(campaign, root)
    return (
        found.filter(held_date__lte=as_of, held_date__lt=F("planned_date"))
        .select_related("organisation", "level")
        .order_by("-held_date", "-pk")
    )


def upcoming(
    campaign: Campaign, root: Organisation, as_of: dt.date, days: int = 7
) -> QuerySet[Congress]:
    """Congresses planned from as_of for `days` days and not yet held."""
    return (
        _subtree_congresses(campaign, root)
        .filter(planned_date__gte=as_of, planned_date__lt=as_of + dt.timedelta(days=days))
        .filter(Q(held_date__isnull=True) | Q(held_date__gt=as_of))
        .select_related("organisation", "level")
        .order_by("planned_date")
    )


def pilots(campaign: Campaign, root: Organisation) -> QuerySet[Congress]:
    return (
        _subtree_congresses(campaign, root)
        .filter(pilot=True)
        .select_related("organisation", "level")
        .order_by("planned_date", "org_path")
    )


@dataclass(frozen=True)
class SeriesPoint:
    day: dt.date
    planned: int
    held: int


def cumulative(campaign: Campaign, root: Organisation, level: Level) -> list[SeriesPoint]:
    """Cumulative planned and held congresses of one level under root, day by day."""
    daily = hooks.kept_series(campaign, root, level)
    if daily is None:
        base = _subtree_congresses(campaign, root).filter(level=level)
        planned = dict(
            base.exclude(planned_date=None)
            .values_list("planned_date")
            .annotate(n=Count("pk"))
            .order_by()
        )
        held = dict(
            base.exclude(held_date=None).values_list("held_date").annotate(n=Count("pk")).order_by()
        )
        daily = [
            (day, planned.get(day, 0), held.get(day, 0)) for day in sorted(set(planned) | set(held))
        ]
    points: list[SeriesPoint] = []
    p = h = 0
    for day, planned_on, held_on in daily:
        p += planned_on
        h += held_on
        points.append(SeriesPoint(day, p, h))
    return points
