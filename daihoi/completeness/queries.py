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


def summary(campaign: Campaign, root: Organisation, as_of: dt.date) -> Summary:
    """The reporting-rate summary of the units strictly under `root`."""
    rules = rules_for(campaign.pk)
    levels: dict[int, Row] = {}
    children: dict[str, Row] = {}
    total = Row()
    for level_id, path, figures in rollup.count(
        rules, campaign_id=campaign.pk, root=root, as_of=as_of
    ):
        level_row = levels.setdefault(level_id, Row())
        child_row = children.setdefault(path, Row())
        for obligation, (expected, received, on_time) in zip(OBLIGATIONS, figures, strict=True):
            for row in (level_row, child_row, total):
                tally = row.tallies[obligation]
                tally.expected += expected
                tally.received += received
                tally.on_time += on_time
    level_objects = Level.objects.in_bulk(list(levels))
    for level_id, row in levels.items():
        row.level = level_objects[level_id]
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
        by_level=sorted(levels.values(), key=lambda r: r.level.rank if r.level else 0),
        by_child=sorted(
            (r for r in children.values() if r.org is not None),
            key=lambda r: r.org.path if r.org else "",
        ),
        total=total,
    )
