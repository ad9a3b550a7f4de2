"""Count, under a unit and as of a day, the reports expected from the units below,
those received and those on time: per level and per direct child.

The day a report came in: the plan when the record moved to preparing; documents
and the personnel plan at their first submission (or their approval, for a unit
approved without one); results when reported; delegates at the first announced
election of delegates. The figures come from the roll-up (rollup.py), kept exact
on every write (ledger.py); counting.py's one grouped statement is the reference,
used while a campaign's roll-up is not built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from daihoi.campaigns.models import Campaign
from daihoi.completeness import counting, rollup
from daihoi.completeness.models import rules_for
from daihoi.lib.completeness import Obligation, Tally
from daihoi.orgs.models import Level, Organisation

OBLIGATIONS = counting.OBLIGATIONS


@dataclass
class Row:
    """One line of the summary: a level, or a direct child and everything under it."""

    level: Level | None = None
    org: Organisation | None = None
    tallies: dict[Obligation, Tally] = field(
        default_factory=lambda: {o: Tally() for o in OBLIGATIONS}
    )

    def cells(self) -> list[Tally]:
        return [self.tallies[o] for o in OBLIGATIONS]


@dataclass
class Summary:
    campaign: Campaign
    root: Organisation
    as_of: dt.date
    by_level: list[Row]
    by_child: list[Row]
    total: Row


def _add(row: Row, figures: list[tuple[int, int, int]]) -> None:
    for obligation, (expected, received, on_time) in zip(OBLIGATIONS, figures, strict=True):
        tally = row.tallies[obligation]
        tally.expected += expected
        tally.received += received
        tally.on_time += on_time


def _by_level(campaign: Campaign, root: Organisation, as_of: dt.date) -> tuple[list[Row], Row]:
    """The rows by level and the total, from counts grouped by level alone."""
    levels: dict[int, Row] = {}
    total = Row()
    for level_id, _child, figures in rollup.count(
        rules_for(campaign.pk), campaign_id=campaign.pk, root=root, as_of=as_of, by_child=False
    ):
        _add(levels.setdefault(level_id, Row()), figures)
        _add(total, figures)
    level_objects = Level.objects.in_bulk(list(levels))
    for level_id, row in levels.items():
        row.level = level_objects[level_id]
    return sorted(levels.values(), key=lambda r: r.level.rank if r.level else 0), total


def summary(campaign: Campaign, root: Organisation, as_of: dt.date) -> Summary:
    """The reporting-rate summary of the units strictly under `root`, every child listed
    (the workbook and the report; the page reads one page of children, page_rows)."""
    by_level, total = _by_level(campaign, root, as_of)
    children: dict[str, Row] = {}
    for _level_id, path, figures in rollup.count(
        rules_for(campaign.pk), campaign_id=campaign.pk, root=root, as_of=as_of
    ):
        _add(children.setdefault(path, Row()), figures)
    orgs = {
        o.path: o
        for o in Organisation.objects.filter(path__in=list(children)).select_related(
            "structure", "level"
        )
    }
    for path, row in children.items():
        row.org = orgs.get(path)
    return Summary(
        campaign=campaign,
        root=root,
        as_of=as_of,
        by_level=by_level,
        by_child=sorted(
            (r for r in children.values() if r.org is not None),
            key=lambda r: r.org.path if r.org else "",
        ),
        total=total,
    )


def headline(campaign: Campaign, root: Organisation, as_of: dt.date) -> Summary:
    """The summary without its children: the levels and the total (the page's top)."""
    by_level, total = _by_level(campaign, root, as_of)
    return Summary(campaign, root, as_of, by_level=by_level, by_child=[], total=total)


def page_rows(
    campaign: Campaign, root: Organisation, as_of: dt.date, children: list[Organisation]
) -> list[Row]:
    """One row per child of a page (in path order), from the counts of their subtrees only.

    The children of a page are consecutive in path order, so their subtrees are one
    range of paths: a page costs what it shows, whatever the number of children.
    """
    rows = {child.path: Row(org=child) for child in children}
    if not children:
        return []
    span = (children[0].path, children[-1].path)
    for _level_id, path, figures in rollup.count(
        rules_for(campaign.pk), campaign_id=campaign.pk, root=root, as_of=as_of, span=span
    ):
        if path in rows:
            _add(rows[path], figures)
    return list(rows.values())
