"""The units directly below a dashboard's unit, ranked by their rate, read one page at a time.

A district may have 100,000 cells below it after a legitimate import: the
dashboard shows 50 of them, and what it reads must not grow with the rest.

- At the children's own level (a district's grassroots, every cell under a
  commune) a child's rate is its own congress: held (100%) or not (0%). The
  ranking is then the held children by path, followed by the others by path,
  and the number held is already in the unit's totals; each part is read from
  the index, a window at a time.
- At a deeper level a child's rate is a share of its subtree: one grouped
  query counts every child's subtree at that level (a row per child that has
  congresses there, never a row per congress) and the ranking is sorted from
  those rows. Only children with children of their own get such a row, so a
  unit with very many leaf children costs nothing here.

Each window then reads its children, their own congresses and their subtree
counts level by level in three queries, whatever its size.

A unit with few children (FEW_CHILDREN: the country's 63 provinces, a province's
districts) is counted by child once, for every level (`ranked_progress`): that one
scan gives the unit's totals, the ranking and every page's figures, where the
national dashboard otherwise scanned the country three times (0.45 s of processor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import overload

from django.db.models import Exists, OuterRef, QuerySet

from daihoi.campaigns.models import Campaign, Congress
from daihoi.campaigns.progress import (
    ChildProgress,
    Counts,
    Progress,
    counts_by_child,
    progress,
    progress_by_child,
)
from daihoi.orgs import tree
from daihoi.orgs.models import Level, Organisation

# Up to this many children, the dashboard counts every child's subtree in the query that
# counts the unit's (a row per child and level); past it, a page's children alone.
FEW_CHILDREN = 1_000

Counted = dict[str, dict[int, Counts]]


def ranked_progress(
    campaign: Campaign, root: Organisation, as_of: dt.date, levels: list[Level]
) -> tuple[Progress, Counted | None]:
    """The root's progress per level (`levels` below it), and its children's counts when
    they are few."""
    if root.numchild <= FEW_CHILDREN:
        return progress_by_child(campaign, root, as_of, levels)
    found = progress(campaign, root, as_of, with_children=False, detail=True, levels=levels)
    return found, None


class ChildRanking(Sequence[tuple[ChildProgress, Counts]]):
    """The ranked children of `root`, sliced like a list (what Paginator asks of it)."""

    def __init__(
        self,
        campaign: Campaign,
        root: Organisation,
        as_of: dt.date,
        levels: list[Level],
        main: Level | None,
        held_at_own: int,
        counted: Counted | None = None,
    ) -> None:
        """`counted`: every child's counts per level (ranked_progress), if already read."""
        self.campaign, self.root, self.as_of = campaign, root, as_of
        self.counted = counted
        self.child_level = levels[0] if levels else None
        self.deeper = [lv.pk for lv in levels[1:]]
        self.main = main
        self.held_at_own = held_at_own
        self._shares: list[tuple[str, Counts]] | None = None

    def __len__(self) -> int:
        # treebeard keeps the number of children: counting them again scans the level.
        return self.root.numchild if self.child_level is not None else 0

    @overload
    def __getitem__(self, index: int) -> tuple[ChildProgress, Counts]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[ChildProgress, Counts]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> tuple[ChildProgress, Counts] | list[tuple[ChildProgress, Counts]]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        if stop <= start or self.child_level is None:
            return []
        return self._window(self._orgs(start, stop))

    # -- which children are in the window ------------------------------------------------

    def _at_own_level(self) -> bool:
        return self.main is None or self.main.pk == getattr(self.child_level, "pk", None)

    def _children(self) -> QuerySet[Organisation]:
        return tree.children(self.root).select_related("level", "structure", "unit_type")

    def _orgs(self, start: int, stop: int) -> list[Organisation]:
        if self._at_own_level():
            return self._orgs_by_own(start, stop)
        return self._orgs_by_share(start, stop)

    def _orgs_by_own(self, start: int, stop: int) -> list[Organisation]:
        held = Congress.objects.filter(
            campaign=self.campaign,
            organisation=OuterRef("pk"),
            held_date__lte=self.as_of,
        )
        first = self.held_at_own
        found: list[Organisation] = []
        if start < first:
            found += self._children().filter(Exists(held))[start : min(stop, first)]
        if stop > first:
            found += self._children().exclude(Exists(held))[max(start - first, 0) : stop - first]
        return found

    def shares(self) -> list[tuple[str, Counts]]:
        """(child path, its counts at the main level) for the children with a share, ranked."""
        if self._shares is None:
            main = self.main.pk if self.main is not None else 0
            counted = self.counted
            if counted is None:
                counted = counts_by_child(
                    self.campaign, self.root, self.as_of, [main], detail=False
                )
            rows = [(path, by_level.get(main, Counts())) for path, by_level in counted.items()]
            self._shares = sorted(
                (row for row in rows if row[1].percent > 0),
                key=lambda row: (-row[1].percent, row[0]),
            )
        return self._shares

    def _orgs_by_share(self, start: int, stop: int) -> list[Organisation]:
        ranked = self.shares()
        first = len(ranked)
        found: list[Organisation] = []
        if start < first:
            paths = [path for path, _counts in ranked[start:stop]]
            by_path = {o.path: o for o in self._children().filter(path__in=paths)}
            found += [by_path[p] for p in paths if p in by_path]
        if stop > first:
            # The rest read 0%: in path order, after the ranked ones.
            rest = self._children().exclude(path__in=[path for path, _counts in ranked])
            found += rest[max(start - first, 0) : stop - first]
        return found

    # -- the window's figures ----------------------------------------------------------

    def _window(self, orgs: list[Organisation]) -> list[tuple[ChildProgress, Counts]]:
        own = {
            c.organisation_id: c
            for c in Congress.objects.filter(
                campaign=self.campaign, organisation__in=[o.pk for o in orgs]
            ).only("organisation_id", "planned_date", "held_date")
        }
        parents = [o for o in orgs if o.numchild]
        below = self._below(parents)
        rows = []
        for org in orgs:
            congress = own.get(org.pk)
            mine = Counts.of(congress, self.as_of) if congress is not None else Counts()
            child = ChildProgress(org, below.get(org.path, {}), mine)
            rows.append((child, child.share_at(self.main) if self.main else Counts()))
        return rows

    def _below(self, parents: list[Organisation]) -> Counted:
        """The counts per deeper level under each of `parents` (the window's)."""
        if not parents or not self.deeper:
            return {}
        if self.counted is None:
            return counts_by_child(
                self.campaign, self.root, self.as_of, self.deeper, within=parents
            )
        deeper = set(self.deeper)
        return {
            o.path: {lv: c for lv, c in self.counted.get(o.path, {}).items() if lv in deeper}
            for o in parents
        }
