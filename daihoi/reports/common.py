"""What the progress exports share: labels and the late list (figures: daihoi.core.numbers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from daihoi.campaigns.models import Congress
from daihoi.campaigns.progress import ChildProgress, Counts, Progress, late
from daihoi.orgs.models import Level, Organisation

# Late congresses read per chunk: a bounded IN list for their parents' names.
CHUNK = 2000


@dataclass(frozen=True)
class LateRow:
    code: str
    name: str
    parent_name: str
    level: str
    planned_date: dt.date
    days_late: int


def level_label(level: Level) -> str:
    """Return a short label for a level: "Cấp cơ sở", "Cấp trên cơ sở", "Cấp chi bộ"."""
    short = level.short_name.strip() or level.name
    if short.lower().startswith("cấp"):
        return short[0].upper() + short[1:]
    return f"Cấp {short[0].lower()}{short[1:]}"


def child_counts(progress: Progress, child: ChildProgress, level: Level) -> Counts:
    """A child's figures at one level: its own congress at the children's level."""
    if progress.levels and level.pk == progress.levels[0].pk:
        return child.own
    return child.at(level)


def main_level(progress: Progress) -> Level | None:
    """The level the children are compared on: the one below them, else their own."""
    if len(progress.levels) > 1:
        return progress.levels[1]
    return progress.levels[0] if progress.levels else None


def late_count(progress: Progress) -> int:
    return late(progress.campaign, progress.root, progress.as_of).count()


def _rows(congresses: list[Congress], as_of: dt.date) -> list[LateRow]:
    """The late rows of some congresses, their parents' names in one query."""
    steplen = Organisation.steplen
    parents = dict(
        Organisation.objects.filter(
            path__in={c.org_path[:-steplen] for c in congresses}
        ).values_list("path", "name")
    )
    return [
        LateRow(
            code=c.organisation.code,
            name=c.organisation.name,
            parent_name=parents.get(c.org_path[:-steplen], ""),
            level=level_label(c.level),
            planned_date=c.planned_date,
            days_late=(as_of - c.planned_date).days,
        )
        for c in congresses
        if c.planned_date is not None
    ]


def iter_late_rows(progress: Progress, chunk: int = CHUNK) -> Iterator[LateRow]:
    """Every late congress, a chunk at a time: the national list never sits in memory whole."""
    queryset = late(progress.campaign, progress.root, progress.as_of)
    batch: list[Congress] = []
    for congress in queryset.iterator(chunk_size=chunk):
        batch.append(congress)
        if len(batch) == chunk:
            yield from _rows(batch, progress.as_of)
            batch = []
    if batch:
        yield from _rows(batch, progress.as_of)


def late_rows(progress: Progress, limit: int | None = None) -> tuple[list[LateRow], int]:
    """Return the late congresses (up to limit) with their parents' names, and how many."""
    queryset = late(progress.campaign, progress.root, progress.as_of)
    total = queryset.count()
    congresses = list(queryset[:limit] if limit is not None else queryset)
    return _rows(congresses, progress.as_of), total
