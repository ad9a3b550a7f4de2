"""The units at risk under a unit: counted by level and reason, filtered, sorted, described.

The page and the box count, filter and order in the database (`classify.py`); `at_risk`,
`tally` and `chosen` are the same over a list of assessed units in Python, the form the
tests hold the database's groups to. `rows` describes the page's units.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from daihoi.campaigns.models import Campaign
from daihoi.earlywarning.facts import Unit
from daihoi.earlywarning.reasons import Line, Rights, Where, describe
from daihoi.lib.risk import RANK, Level, Reason
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.personnel import access as personnel_access

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

# A congress with no day sorts after every dated one of its level.
NO_DAY = 10**6


@dataclass(frozen=True)
class Row:
    """One unit at risk as the page shows it."""

    unit: Unit
    org: Organisation
    level: Level
    lines: list[Line]


def rights(user: User | AnonymousUser, root: Organisation) -> Rights:
    """The reader's rights under root (every unit listed is under it)."""
    return Rights(
        writer=scope.can_write(user, root), personnel=personnel_access.may_read(user, root)
    )


@dataclass(frozen=True)
class Tally:
    by_level: dict[Level, int]
    by_reason: dict[Reason, int]

    @property
    def total(self) -> int:
        return sum(self.by_level.values())


def at_risk(units: list[Unit]) -> list[Unit]:
    """The units with a level, the highest first, then the nearest to their day either side
    (today's, yesterday's and tomorrow's before one long overdue), then the tree's order."""
    found = [u for u in units if u.assessment.level is not None]
    return sorted(
        found,
        key=lambda u: (
            -RANK[u.assessment.level],  # type: ignore[index]
            abs(u.facts.days_left) if u.facts.days_left is not None else NO_DAY,
            u.org_path,
        ),
    )


def tally(units: list[Unit]) -> Tally:
    levels = Counter(u.assessment.level for u in units if u.assessment.level is not None)
    reasons = Counter(r for u in units for r in u.assessment.reasons)
    return Tally(
        {level: levels.get(level, 0) for level in Level},
        {reason: reasons.get(reason, 0) for reason in Reason},
    )


def chosen(units: list[Unit], level: Level | None, reason: Reason | None) -> list[Unit]:
    return [
        u
        for u in units
        if (level is None or u.assessment.level is level)
        and (reason is None or reason in u.assessment.reasons)
    ]


def rows(campaign: Campaign, units: list[Unit], rights: Rights) -> list[Row]:
    """Describe a page of units: their organisations and superiors in two queries."""
    orgs = Organisation.objects.select_related("level").in_bulk([u.organisation_id for u in units])
    step = Organisation.steplen
    parents = dict(
        Organisation.objects.filter(path__in={u.org_path[:-step] for u in units}).values_list(
            "path", "code"
        )
    )
    found = []
    for unit in units:
        org = orgs[unit.organisation_id]
        where = Where(campaign, org, parents.get(unit.org_path[:-step], ""), rights)
        lines = [describe(unit, f, where) for f in unit.assessment.findings]
        found.append(Row(unit, org, unit.assessment.level or Level.MEDIUM, lines))
    return found
