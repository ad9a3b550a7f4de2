"""Due days and the expected / received / on-time tally of lib.completeness."""

from __future__ import annotations

import datetime as dt

from daihoi.lib.completeness import Anchor, Obligation, Rule, Tally

D = dt.date(2020, 6, 30)


def test_a_due_day_before_the_planned_date_or_after_the_held_one() -> None:
    documents = Rule(Obligation.DOCUMENTS, Anchor.BEFORE_PLANNED, 21)
    results = Rule(Obligation.RESULTS, Anchor.AFTER_HELD, 7)
    assert documents.due(D, None) == dt.date(2020, 6, 9)
    assert documents.due(None, None) is None
    assert results.due(D, dt.date(2020, 7, 2)) == dt.date(2020, 7, 9)
    assert results.due(D, None) == dt.date(2020, 7, 7)  # not held yet: from the plan


def test_a_report_counts_once_due_received_by_the_day_and_on_time_by_its_due_day() -> None:
    tally = Tally()
    tally.add(D, dt.date(2020, 6, 29), as_of=dt.date(2020, 7, 10))  # on time
    tally.add(D, dt.date(2020, 7, 5), as_of=dt.date(2020, 7, 10))  # late
    tally.add(D, dt.date(2020, 7, 20), as_of=dt.date(2020, 7, 10))  # after the day looked at
    tally.add(D, None, as_of=dt.date(2020, 7, 10))  # never sent
    tally.add(dt.date(2020, 8, 1), None, as_of=dt.date(2020, 7, 10))  # not due yet
    assert (tally.expected, tally.received, tally.on_time) == (4, 2, 1)
    assert str(tally.received_percent) == "50.0" and str(tally.on_time_percent) == "25.0"
    assert Tally().received_percent is None
