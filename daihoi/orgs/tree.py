"""Queries over the materialised-path tree; every subtree filter is built here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from daihoi.orgs.models import Level, Organisation

# Paths are at most 255 characters of treebeard's alphabet, so every path that
# starts with P sorts between P and P followed by the alphabet's last letter.
_TOP = Organisation.alphabet[-1] * 255


def subtree_bounds(path: str, *, include_self: bool = True) -> tuple[str, str]:
    """Return the lowest and highest path of the subtree under `path`."""
    low = path if include_self else path + Organisation.alphabet[0]
    return low, path + _TOP[: 255 - len(path)]


def subtree_q(path: str, *, prefix: str = "", include_self: bool = True) -> Q:
    """Return a filter for every organisation whose path starts with `path`.

    A range on the path column (not LIKE) so SQLite and PostgreSQL both use the
    index, whatever the column's collation.
    """
    field = f"{prefix}path"
    low, high = subtree_bounds(path, include_self=include_self)
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


def subtree(org: Organisation, *, include_self: bool = True) -> QuerySet[Organisation]:
    return Organisation.objects.filter(subtree_q(org.path, include_self=include_self))


def children(org: Organisation) -> QuerySet[Organisation]:
    """The direct children, through the (level, path) index.

    treebeard's get_children filters on depth, which under a province or the
    root means reading most of the table to find a few dozen rows.
    """
    return (
        Organisation.objects.filter(
            subtree_q(org.path, include_self=False),
            level__structure_id=org.structure_id,
            level__rank=org.level.rank + 1,
        )
        .select_related("level", "unit_type", "structure")
        .order_by("path")
    )


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


def _counting_sql(upper_levels: int) -> str:
    """SQL counting one subtree's organisations and their children per level.

    Written once by hand because it runs for every child on a page and every
    province of the country: Django would spend more time compiling the query
    than SQLite spends answering it from the index.
    """
    meta = Organisation._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    level = quote(meta.get_field("level").column)
    path = quote(meta.get_field("path").column)
    numchild = quote(meta.get_field("numchild").column)
    marks = ", ".join(["%s"] * upper_levels)
    return (
        f"SELECT {level}, COUNT(*), SUM({numchild}) FROM {table} "  # noqa: S608 - names from _meta
        f"WHERE {path} >= %s AND {path} <= %s AND {level} IN ({marks}) GROUP BY {level}"
    )


def _count_below_many(orgs: list[Organisation], level_ids: list[int]) -> dict[int, dict[int, int]]:
    """Count each org's descendants per level; `level_ids` are all the levels below, top down.

    Levels never skip, so the organisations of the lowest level are exactly the
    children of those one level up: their number is the sum of treebeard's
    `numchild` there. Only the upper levels are scanned (a sixth of the tree:
    cells are most of it), with a range scan of the (level, path, numchild)
    index per level, already in level order: no sort and no row lookups.
    """
    result: dict[int, dict[int, int]] = {}
    if not level_ids:
        return {org.pk: {} for org in orgs}
    upper = level_ids[:-1]
    sql = _counting_sql(len(upper)) if upper else ""
    with connection.cursor() as cursor:
        for org in orgs:
            counted = {level_ids[0]: org.numchild}
            if upper and org.numchild:
                low, high = subtree_bounds(org.path, include_self=False)
                cursor.execute(sql, [low, high, *upper])
                rows = {level: (n, children or 0) for level, n, children in cursor.fetchall()}
                for level_id in upper[1:]:
                    counted[level_id] = rows.get(level_id, (0, 0))[0]
                counted[level_ids[-1]] = rows.get(upper[-1], (0, 0))[1]
            result[org.pk] = {level_id: n for level_id, n in counted.items() if n}
    return result


def counts_by_level(org: Organisation, levels: list[Level] | None = None) -> list[LevelCount]:
    """Count the organisations under org per level, in one indexed query."""
    if levels is None:
        levels = levels_below(org)
    counted = _count_below_many([org], [level.pk for level in levels])[org.pk]
    return [LevelCount(level, counted.get(level.pk, 0)) for level in levels]


def child_subtree_counts(
    parents: list[Organisation], levels: list[Level]
) -> dict[int, dict[int, int]]:
    """Count, for each given organisation, its descendants per level id.

    One indexed range query per parent; used for a page of children.
    """
    return _count_below_many(parents, [level.pk for level in levels])
