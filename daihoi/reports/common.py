"""What the progress exports share: labels and the late list (figures: daihoi.core.numbers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

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


# What a late row reads of each congress: values, not model objects (a national list).
FIELDS = ("organisation__code", "organisation__name", "org_path", "level_id", "planned_date")
Found = tuple[str, str, str, int, dt.date | None]


def _labels(progress: Progress) -> dict[int, str]:
    levels = Level.objects.filter(structure_id=progress.campaign.structure_id)
    return {level.pk: level_label(level) for level in levels}


def _rows(found: list[Found], as_of: dt.date, labels: dict[int, str]) -> list[LateRow]:
    """The late rows of some congresses, their parents' names in one query."""
    steplen = Organisation.steplen
    parents = dict(
        Organisation.objects.filter(path__in={row[2][:-steplen] for row in found}).values_list(
            "path", "name"
        )
    )
    return [
        LateRow(
            code=code,
            name=name,
            parent_name=parents.get(path[:-steplen], ""),
            level=labels.get(level_id, ""),
            planned_date=planned,
            days_late=(as_of - planned).days,
        )
        for code, name, path, level_id, planned in found
        if planned is not None
    ]


def iter_late_rows(progress: Progress, chunk: int = CHUNK) -> Iterator[LateRow]:
    """Every late congress, a chunk at a time: the national list never sits in memory whole."""
    queryset = late(progress.campaign, progress.root, progress.as_of).values_list(*FIELDS)
    labels = _labels(progress)
    batch: list[Found] = []
    for row in queryset.iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) == chunk:
            yield from _rows(batch, progress.as_of, labels)
            batch = []
    if batch:
        yield from _rows(batch, progress.as_of, labels)


def late_rows(progress: Progress, limit: int | None = None) -> tuple[list[LateRow], int]:
    """Return the late congresses (up to limit) with their parents' names, and how many."""
    queryset = late(progress.campaign, progress.root, progress.as_of)
    total = queryset.count()
    found = queryset.values_list(*FIELDS)
    rows = list(found[:limit] if limit is not None else found)
    return _rows(rows, progress.as_of, _labels(progress)), total
