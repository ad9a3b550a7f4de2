"""Early warning: the risk that a congress not yet held misses its planned date, with reasons.

No score and no model: each reason is a fact about the congress today (a step not
approved as the day nears, a request returned, a complaint open, an inspection's
follow-up not done, no sitting opened on the day, the day already past) or a
comparison with the units of the same level that have already held their congress
("three in four of them had their documents approved by this point"). Each reason
carries its own level, and the congress takes the highest:

- **cao** (high): the planned day has passed; documents not approved a week before;
  the personnel plan not approved five days before; a complaint still open a week
  before; or three reasons of medium level at once.
- **trung bình** (medium): documents not approved three weeks before (the superior
  needs that long to review them, as the completeness register's default says);
  the personnel plan not approved two weeks before; a request returned and not sent
  again; a complaint open; an inspection follow-up not done; no sitting opened on the
  day; no planned date; behind three in four of the units of the same level.

A congress with no reason is not at risk. The thresholds are named constants so the
page can print the rule it applies.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from functools import cached_property

__all__ = [
    "DOCUMENTS_DAYS",
    "DOCUMENTS_HIGH_DAYS",
    "ESCALATE_AT",
    "MIN_PEERS",
    "PEER_SHARE",
    "PERSONNEL_DAYS",
    "PERSONNEL_HIGH_DAYS",
    "COMPLAINT_HIGH_DAYS",
    "Assessment",
    "Facts",
    "Finding",
    "Level",
    "Peers",
    "Reason",
    "Step",
    "assess",
]

# Days before the congress from which a step not yet approved is a reason (medium, high).
DOCUMENTS_DAYS = 21
DOCUMENTS_HIGH_DAYS = 7
PERSONNEL_DAYS = 14
PERSONNEL_HIGH_DAYS = 5
# A complaint open this close to the day blocks the personnel plan with no time to settle it.
COMPLAINT_HIGH_DAYS = 7
# Behind peers: at least this share of the units of the same level that have held their
# congress had the step approved by this many days before it, out of at least MIN_PEERS
# (fewer say nothing about a distribution).
PEER_SHARE = Fraction(3, 4)
MIN_PEERS = 10
# This many medium reasons at once make the risk high.
ESCALATE_AT = 3


class Level(StrEnum):
    """The risk level; the values are the page's filter parameters."""

    HIGH = "cao"
    MEDIUM = "trung-binh"


# For sorting and comparing: higher is worse.
RANK = {Level.MEDIUM: 1, Level.HIGH: 2}


class Reason(StrEnum):
    """Why a congress is at risk; the values are the page's filter parameters."""

    OVERDUE = "qua-ngay"
    NO_DATE = "chua-co-ngay"
    DOCUMENTS = "van-kien"
    PERSONNEL = "nhan-su"
    RETURNED = "bi-tra-lai"
    COMPLAINTS = "don-thu"
    FINDINGS = "kiem-tra"
    NO_SITTING = "phien-hop"
    DOCUMENTS_BEHIND = "van-kien-cham"
    PERSONNEL_BEHIND = "nhan-su-cham"


class Step(StrEnum):
    """Where a congress's documents or personnel plan stands with its superior."""

    NOT_SENT = "not_sent"
    WAITING = "waiting"
    RETURNED = "returned"
    APPROVED = "approved"


@dataclass(frozen=True)
class Facts:
    """What is known about one congress not yet held, today."""

    # Days from today to the planned date (to the level's deadline when there is none);
    # negative once passed; None when there is neither.
    days_left: int | None
    planned: bool = True
    documents: Step = Step.NOT_SENT
    personnel: Step = Step.NOT_SENT
    open_complaints: int = 0
    open_findings: int = 0
    sittings_opened: int = 0


@dataclass(frozen=True)
class Peers:
    """How many days before their congress the units that held it had a step approved.

    `leads` maps a number of days to how many units had the approval that many days
    before their congress (0: on the day; negative: after it).
    """

    leads: Mapping[int, int] = field(default_factory=dict)

    @cached_property
    def _ahead_from(self) -> tuple[list[int], list[int]]:
        """The leads in order, and for each how many units had at least that lead.

        Read once per level and asked for every congress of it (thousands at the root).
        """
        days = sorted(self.leads)
        at_least = [0] * len(days)
        running = 0
        for i in range(len(days) - 1, -1, -1):
            running += self.leads[days[i]]
            at_least[i] = running
        return days, at_least

    @property
    def total(self) -> int:
        days, at_least = self._ahead_from
        return at_least[0] if days else 0

    def ahead(self, days_left: int) -> int:
        """How many peers had the approval at least `days_left` days before their congress."""
        days, at_least = self._ahead_from
        i = bisect_left(days, days_left)
        return at_least[i] if i < len(days) else 0

    def share_ahead(self, days_left: int) -> Fraction | None:
        """The share of peers approved at least `days_left` days before; None if too few."""
        total = self.total
        if total < MIN_PEERS:
            return None
        return Fraction(self.ahead(days_left), total)


@dataclass(frozen=True)
class Finding:
    """One reason, its level, and for a comparison with peers the share ahead and how many."""

    reason: Reason
    level: Level
    share: Fraction | None = None
    peers: int = 0


@dataclass(frozen=True)
class Assessment:
    level: Level | None
    findings: tuple[Finding, ...]

    @property
    def reasons(self) -> list[Reason]:
        return [f.reason for f in self.findings]


def _step(state: Step, days: int | None, medium: int, high: int, reason: Reason) -> Finding | None:
    if state is Step.APPROVED or days is None or days > medium:
        return None
    return Finding(reason, Level.HIGH if days <= high else Level.MEDIUM)


def _behind(state: Step, days: int | None, peers: Peers | None, reason: Reason) -> Finding | None:
    # Once the day has passed every peer was "ahead": the overdue reason says more.
    if state is Step.APPROVED or days is None or days < 0 or peers is None:
        return None
    total = peers.total
    if total < MIN_PEERS:
        return None
    ahead = peers.ahead(days)
    # ahead / total >= PEER_SHARE, in integers: this runs for every congress listed.
    if ahead * PEER_SHARE.denominator < total * PEER_SHARE.numerator:
        return None
    return Finding(reason, Level.MEDIUM, Fraction(ahead, total), total)


def assess(
    facts: Facts,
    documents_peers: Peers | None = None,
    personnel_peers: Peers | None = None,
) -> Assessment:
    """Return the congress's risk level (None: not at risk) and every reason for it."""
    days = facts.days_left
    found: list[Finding | None] = []
    if days is not None and days < 0:
        found.append(Finding(Reason.OVERDUE, Level.HIGH))
    if not facts.planned:
        found.append(Finding(Reason.NO_DATE, Level.MEDIUM))
    found.append(
        _step(facts.documents, days, DOCUMENTS_DAYS, DOCUMENTS_HIGH_DAYS, Reason.DOCUMENTS)
    )
    found.append(
        _step(facts.personnel, days, PERSONNEL_DAYS, PERSONNEL_HIGH_DAYS, Reason.PERSONNEL)
    )
    if Step.RETURNED in (facts.documents, facts.personnel):
        found.append(Finding(Reason.RETURNED, Level.MEDIUM))
    if facts.open_complaints:
        near = days is not None and days <= COMPLAINT_HIGH_DAYS
        found.append(Finding(Reason.COMPLAINTS, Level.HIGH if near else Level.MEDIUM))
    if facts.open_findings:
        found.append(Finding(Reason.FINDINGS, Level.MEDIUM))
    # Sittings are opened on the day (assembly): before it, none is expected.
    if facts.planned and days is not None and days <= 0 and not facts.sittings_opened:
        found.append(Finding(Reason.NO_SITTING, Level.MEDIUM))
    found.append(_behind(facts.documents, days, documents_peers, Reason.DOCUMENTS_BEHIND))
    found.append(_behind(facts.personnel, days, personnel_peers, Reason.PERSONNEL_BEHIND))
    findings = tuple(f for f in found if f is not None)
    if not findings:
        return Assessment(None, ())
    level = max((f.level for f in findings), key=RANK.__getitem__)
    if sum(f.level is Level.MEDIUM for f in findings) >= ESCALATE_AT:
        level = Level.HIGH
    return Assessment(level, findings)
