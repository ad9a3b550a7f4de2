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

from django.db.models import Count, F, Q, QuerySet

from daihoi.campaigns.models import Campaign, Congress
from daihoi.lib.percent import percent
from daihoi.orgs.models import Level, Organisation
from daihoi.orgs.tree import subtree_q


@dataclass(frozen=True)
class Counts:
    total: int = 0
    planned: int = 0
    held: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.total + other.total, self.planned + other.planned, self.held + other.held
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


def levels_below(campaign: Campaign, org: Organisation) -> list[Level]:
    return list(
        Level.objects.filter(structure=campaign.structure, rank__gt=org.level.rank).order_by("rank")
    )


def _counted(queryset: QuerySet[Congress], as_of: dt.date) -> QuerySet[Congress, dict]:  # type: ignore[type-arg]
    return (
        queryset.values("level")
        .annotate(
            total=Count("pk"),
            planned=Count("pk", filter=Q(planned_date__lte=as_of)),
            held=Count("pk", filter=Q(held_date__lte=as_of)),
        )
        .order_by()
    )


def _as_counts(rows: QuerySet[Congress, dict]) -> dict[int, Counts]:  # type: ignore[type-arg]
    return {r["level"]: Counts(r["total"], r["planned"], r["held"]) for r in rows}


def counts_under(
    campaign: Campaign, org: Organisation, as_of: dt.date, level_ids: list[int]
) -> dict[int, Counts]:
    """Count the congresses strictly under org, per level id, in one indexed query."""
    if not level_ids or org.numchild == 0:
        return {}
    rows = Congress.objects.filter(
        subtree_q(org.path, prefix="org_", include_self=False),
        campaign=campaign,
        level_id__in=level_ids,
    )
    return _as_counts(_counted(rows, as_of))


def progress(
    campaign: Campaign, root: Organisation, as_of: dt.date, *, with_children: bool = True
) -> Progress:
    """Count, per level strictly below root and per direct child, due/planned/held by as_of."""
    levels = levels_below(campaign, root)
    result = Progress(campaign, root, as_of, levels, {})
    if not levels or root.numchild == 0:
        return result
    if not with_children:
        result.by_level = counts_under(campaign, root, as_of, [lv.pk for lv in levels])
        return result
    child_level, deeper = levels[0], [lv.pk for lv in levels[1:]]
    children = list(
        Organisation.objects.get_children(root).select_related("level", "structure", "unit_type")
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
    for child in children:
        congress = own.get(child.pk)
        mine = Counts()
        if congress is not None:
            mine = Counts(
                1,
                int(congress.planned_date is not None and congress.planned_date <= as_of),
                int(congress.held_date is not None and congress.held_date <= as_of),
            )
        below = counts_under(campaign, child, as_of, deeper)
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


def ahead(campaign: Campaign, root: Organisation, as_of: dt.date) -> QuerySet[Congress]:
    """Congresses held before their planned day."""
    return (
        _subtree_congresses(campaign, root)
        .filter(held_date__lte=as_of, held_date__lt=F("planned_date"))
        .select_related("organisation", "level")
        .order_by("-held_date")
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
    points: list[SeriesPoint] = []
    p = h = 0
    for day in sorted(set(planned) | set(held)):
        p += planned.get(day, 0)
        h += held.get(day, 0)
        points.append(SeriesPoint(day, p, h))
    return points
