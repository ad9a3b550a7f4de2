"""Composition of the elected committees of a subtree as of a day, in one indexed query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q
from django.db.models.functions import Substr

from daihoi.campaigns.models import Campaign
from daihoi.elections.models import ElectionKind
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_bounds
from daihoi.personnel.models import ElectedMember


@dataclass(frozen=True)
class Rollup:
    total: int
    first_time: int
    women: int
    ethnic_minority: int
    under_40: int

    def share(self, part: int) -> Fraction:
        return Fraction(part, self.total) if self.total else Fraction(0)

    def rows(self) -> list[tuple[str, int]]:
        from django.utils.translation import gettext as _

        return [
            (_("Tham gia lần đầu"), self.first_time),
            (_("Nữ"), self.women),
            (_("Dân tộc thiểu số"), self.ethnic_minority),
            (_("Dưới 40 tuổi"), self.under_40),
        ]


# How an elected body's composition is counted, by conditional aggregation over
# ElectedMember rows: the roll-up and the API's results both read these.
COMPOSITION: dict[str, Count] = {
    "total": Count("pk"),
    "first_time": Count("pk", filter=Q(first_time=True)),
    "women": Count("pk", filter=Q(female=True)),
    "ethnic_minority": Count("pk", filter=Q(ethnic_minority=True)),
    "under_40": Count("pk", filter=Q(age__lt=40)),
    "science_tech": Count("pk", filter=Q(science_tech=True)),
    "standing": Count("pk", filter=Q(standing=True)),
}


def rollup(
    campaign: Campaign, path: str, as_of: dt.date, kind: str = ElectionKind.COMMITTEE
) -> Rollup:
    """Count the committee members elected under `path` by `as_of`, with the four shares.

    A range on the indexed org_path copy (never LIKE, never a walk of children) and
    every figure by conditional aggregation, so the whole roll-up is one query the
    covering index `elected_rollup` answers alone.
    """
    low, high = subtree_bounds(path)
    figures = ElectedMember.objects.filter(
        campaign=campaign,
        kind=kind,
        org_path__gte=low,
        org_path__lte=high,
        elected_on__lte=as_of,
    ).aggregate(**{name: COMPOSITION[name] for name in Rollup.__dataclass_fields__})
    return Rollup(**{k: v or 0 for k, v in figures.items()})


def rollup_by_child(
    campaign: Campaign,
    root_path: str,
    as_of: dt.date,
    children: list[str] | None = None,
    kind: str = ElectionKind.COMMITTEE,
) -> dict[str, Rollup]:
    """The roll-up of each direct child's subtree of `root_path`, keyed by the child's path.

    One grouped query (by the path's first characters, the child it lies under),
    whatever the number of children; with `children` (their paths: a page of them)
    only their subtrees are read. A child with no member elected is absent.
    """
    low, high = subtree_bounds(root_path, include_self=False)
    found = ElectedMember.objects.filter(
        campaign=campaign,
        kind=kind,
        org_path__gte=low,
        org_path__lte=high,
        elected_on__lte=as_of,
    )
    if children is not None:
        within = Q(pk__in=[])
        for path in children:
            child_low, child_high = subtree_bounds(path)
            within |= Q(org_path__gte=child_low, org_path__lte=child_high)
        found = found.filter(within)
    width = len(root_path) + Organisation.steplen
    rows = (
        found.annotate(child=Substr("org_path", 1, width))
        .values("child")
        .annotate(**{name: COMPOSITION[name] for name in Rollup.__dataclass_fields__})
        .order_by()
    )
    return {row.pop("child"): Rollup(**{k: v or 0 for k, v in row.items()}) for row in rows}
