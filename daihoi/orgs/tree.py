"""Queries over the materialised-path tree; every subtree filter is built here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from daihoi.orgs.models import Level, Organisation

# Paths are at most 255 characters of treebeard's alphabet, so every path that
# starts with P sorts between P and P followed by the alphabet's last letter.
_TOP = Organisation.alphabet[-1] * 255


def subtree_q(path: str, *, prefix: str = "", include_self: bool = True) -> Q:
    """Return a filter for every organisation whose path starts with `path`.

    A range on the path column (not LIKE) so SQLite and PostgreSQL both use the
    index, whatever the column's collation.
    """
    field = f"{prefix}path"
    low = path if include_self else path + Organisation.alphabet[0]
    return Q(**{f"{field}__gte": low, f"{field}__lte": path + _TOP[: 255 - len(path)]})


def subtree(org: Organisation, *, include_self: bool = True) -> QuerySet[Organisation]:
    return Organisation.objects.filter(subtree_q(org.path, include_self=include_self))


def children(org: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.get_children(org).select_related("level", "unit_type")


def ancestors(org: Organisation, *, below: Organisation | None = None) -> list[Organisation]:
    """Return the ancestors of org from the top down, starting at `below` if given."""
    step = org.steplen
    start = below.depth if below is not None else 1
    paths = [org.path[: d * step] for d in range(start, org.depth)]
    by_path = {o.path: o for o in Organisation.objects.filter(path__in=paths)}
    return [by_path[p] for p in paths if p in by_path]


@dataclass(frozen=True)
class LevelCount:
    level: Level
    count: int


def levels_below(org: Organisation) -> list[Level]:
    """Return the levels of org's structure below its own, top down."""
    return list(
        Level.objects.filter(structure_id=org.structure_id, rank__gt=org.level.rank).order_by(
            "rank"
        )
    )


def _count_below(org: Organisation, level_ids: list[int]) -> dict[int, int]:
    # Naming the levels lets the (level, path) index answer each one with a
    # range scan in level order, so no sort is needed for the grouping.
    rows = (
        Organisation.objects.filter(subtree_q(org.path, include_self=False), level_id__in=level_ids)
        .values("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["level"]: row["n"] for row in rows}


def counts_by_level(org: Organisation, levels: list[Level] | None = None) -> list[LevelCount]:
    """Count the organisations under org per level, in one indexed query."""
    if levels is None:
        levels = levels_below(org)
    counted = _count_below(org, [level.pk for level in levels]) if org.numchild else {}
    return [LevelCount(level, counted.get(level.pk, 0)) for level in levels]


def child_subtree_counts(
    parents: list[Organisation], levels: list[Level]
) -> dict[int, dict[int, int]]:
    """Count, for each given organisation, its descendants per level id.

    One indexed range query per parent; used for a page of children.
    """
    level_ids = [level.pk for level in levels]
    return {
        parent.pk: _count_below(parent, level_ids) if parent.numchild else {} for parent in parents
    }
