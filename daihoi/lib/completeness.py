"""What a unit owes its superior and by when, and how to count what came in on time.

DHIS2's reporting-rate summary, for congresses: for each obligation (the plan, the
documents for approval, the personnel plan, the results report, the list of delegates
to the higher congress) a report is *expected* once its due day has passed, *received*
once the unit sent it by the day looked at, and *on time* when it came by the due day.
The due day hangs on the congress: so many days before its planned date, or after the
day it was held (the planned date while it has not been held).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from daihoi.lib.percent import percent


class Obligation(StrEnum):
    PLAN = "plan"
    DOCUMENTS = "documents"
    PERSONNEL = "personnel"
    RESULTS = "results"
    DELEGATES = "delegates"


class Anchor(StrEnum):
    BEFORE_PLANNED = "before_planned"
    AFTER_HELD = "after_held"


@dataclass(frozen=True)
class Rule:
    obligation: Obligation
    anchor: Anchor
    days: int

    def due(self, planned: dt.date | None, held: dt.date | None) -> dt.date | None:
        """The due day for one congress; None while its date is not set."""
        if self.anchor is Anchor.BEFORE_PLANNED:
            return planned - dt.timedelta(days=self.days) if planned else None
        day = held or planned
        return day + dt.timedelta(days=self.days) if day else None


# The register a campaign starts from when it states none of its own. The superior
# needs the plan two months ahead and the documents and personnel plan three weeks
# ahead to review them; results and delegates are reported within a week.
DEFAULT_RULES = (
    Rule(Obligation.PLAN, Anchor.BEFORE_PLANNED, 60),
    Rule(Obligation.DOCUMENTS, Anchor.BEFORE_PLANNED, 21),
    Rule(Obligation.PERSONNEL, Anchor.BEFORE_PLANNED, 21),
    Rule(Obligation.RESULTS, Anchor.AFTER_HELD, 7),
    Rule(Obligation.DELEGATES, Anchor.AFTER_HELD, 7),
)


@dataclass
class Tally:
    expected: int = 0
    received: int = 0
    on_time: int = 0

    def add(self, due: dt.date | None, received: dt.date | None, as_of: dt.date) -> None:
        """Count one congress's report for an obligation, as of a day."""
        if due is None or due > as_of:
            return  # not owed yet
        self.expected += 1
        if received is not None and received <= as_of:
            self.received += 1
            if received <= due:
                self.on_time += 1

    @property
    def received_percent(self) -> Decimal | None:
        return percent(Fraction(self.received, self.expected), 1) if self.expected else None

    @property
    def on_time_percent(self) -> Decimal | None:
        return percent(Fraction(self.on_time, self.expected), 1) if self.expected else None
