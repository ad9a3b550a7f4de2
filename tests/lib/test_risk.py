"""The early-warning rule: each reason, each level, and the days at its edges."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.risk import (
    COMPLAINT_HIGH_DAYS,
    DOCUMENTS_DAYS,
    DOCUMENTS_HIGH_DAYS,
    MIN_PEERS,
    PERSONNEL_DAYS,
    PERSONNEL_HIGH_DAYS,
    Facts,
    Level,
    Peers,
    Reason,
    Step,
    assess,
)

READY = {"documents": Step.APPROVED, "personnel": Step.APPROVED}


def findings(facts: Facts, **peers: Peers) -> dict[Reason, Level]:
    return {f.reason: f.level for f in assess(facts, **peers).findings}


def test_a_congress_with_everything_approved_and_time_left_is_not_at_risk() -> None:
    result = assess(Facts(days_left=10, **READY))
    assert result.level is None
    assert result.findings == ()


def test_a_congress_past_its_planned_day_is_high_risk() -> None:
    assert findings(Facts(days_left=-1, sittings_opened=1, **READY)) == {Reason.OVERDUE: Level.HIGH}
    assert assess(Facts(days_left=0, sittings_opened=1, **READY)).level is None


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (DOCUMENTS_DAYS + 1, None),
        (DOCUMENTS_DAYS, Level.MEDIUM),
        (DOCUMENTS_HIGH_DAYS + 1, Level.MEDIUM),
        (DOCUMENTS_HIGH_DAYS, Level.HIGH),
        (1, Level.HIGH),
    ],
)
def test_documents_not_approved_count_from_three_weeks_and_are_high_from_one(
    days: int, expected: Level | None
) -> None:
    for state in (Step.NOT_SENT, Step.WAITING):
        facts = Facts(days_left=days, documents=state, personnel=Step.APPROVED)
        assert findings(facts).get(Reason.DOCUMENTS) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (PERSONNEL_DAYS + 1, None),
        (PERSONNEL_DAYS, Level.MEDIUM),
        (PERSONNEL_HIGH_DAYS + 1, Level.MEDIUM),
        (PERSONNEL_HIGH_DAYS, Level.HIGH),
    ],
)
def test_personnel_not_approved_count_from_two_weeks_and_are_high_from_five_days(
    days: int, expected: Level | None
) -> None:
    facts = Facts(days_left=days, documents=Step.APPROVED, personnel=Step.WAITING)
    assert findings(facts).get(Reason.PERSONNEL) == expected
    assert assess(facts).level == expected


def test_a_returned_request_is_a_reason_beside_the_step_not_approved() -> None:
    far = Facts(days_left=40, documents=Step.RETURNED, personnel=Step.NOT_SENT)
    assert findings(far) == {Reason.RETURNED: Level.MEDIUM}
    near = Facts(days_left=10, documents=Step.APPROVED, personnel=Step.RETURNED)
    assert findings(near) == {Reason.PERSONNEL: Level.MEDIUM, Reason.RETURNED: Level.MEDIUM}


def test_an_open_complaint_is_medium_and_high_within_a_week() -> None:
    facts = Facts(days_left=COMPLAINT_HIGH_DAYS + 1, open_complaints=2, **READY)
    assert findings(facts) == {Reason.COMPLAINTS: Level.MEDIUM}
    facts = Facts(days_left=COMPLAINT_HIGH_DAYS, open_complaints=1, **READY)
    assert findings(facts) == {Reason.COMPLAINTS: Level.HIGH}


def test_an_inspection_follow_up_not_done_is_medium() -> None:
    assert findings(Facts(days_left=30, open_findings=1, **READY)) == {
        Reason.FINDINGS: Level.MEDIUM
    }


def test_no_sitting_opened_counts_from_the_day_itself() -> None:
    assert findings(Facts(days_left=1, **READY)) == {}
    assert findings(Facts(days_left=0, **READY)) == {Reason.NO_SITTING: Level.MEDIUM}
    assert findings(Facts(days_left=0, sittings_opened=1, **READY)) == {}
    assert findings(Facts(days_left=-3, **READY)) == {
        Reason.OVERDUE: Level.HIGH,
        Reason.NO_SITTING: Level.MEDIUM,
    }


def test_no_planned_date_is_a_reason_and_the_deadline_counts_the_days() -> None:
    assert findings(Facts(days_left=None, planned=False, **READY)) == {Reason.NO_DATE: Level.MEDIUM}
    # Measured to the level's deadline; no sitting is expected without a day.
    facts = Facts(days_left=-2, planned=False, **READY)
    assert findings(facts) == {Reason.OVERDUE: Level.HIGH, Reason.NO_DATE: Level.MEDIUM}
    assert findings(Facts(days_left=None, planned=False)) == {Reason.NO_DATE: Level.MEDIUM}


def _peers(**leads: int) -> Peers:
    return Peers({int(days.removeprefix("d")): n for days, n in leads.items()})


def test_behind_peers_when_three_in_four_were_approved_by_this_point() -> None:
    # 30 units held their congress: 24 had documents approved 25 days before, 6 ten days before.
    peers = _peers(d25=24, d10=6)
    facts = Facts(days_left=24, documents=Step.NOT_SENT, personnel=Step.APPROVED)
    found = assess(facts, documents_peers=peers).findings
    assert [f.reason for f in found] == [Reason.DOCUMENTS_BEHIND]
    assert found[0].share == Fraction(4, 5) and found[0].peers == 30
    # At 26 days nobody was approved yet: not behind.
    assert assess(Facts(days_left=26, personnel=Step.APPROVED), documents_peers=peers).level is None


def test_behind_peers_needs_three_in_four_exactly_and_enough_peers() -> None:
    facts = Facts(days_left=30, documents=Step.APPROVED, personnel=Step.WAITING)
    assert Reason.PERSONNEL_BEHIND in findings(facts, personnel_peers=_peers(d40=15, d5=5))
    assert Reason.PERSONNEL_BEHIND not in findings(facts, personnel_peers=_peers(d40=14, d5=6))
    few = _peers(d40=MIN_PEERS - 1)
    assert findings(facts, personnel_peers=few) == {}
    assert few.share_ahead(1) is None


def test_an_approved_step_is_never_behind_and_an_overdue_one_is_overdue() -> None:
    peers = _peers(d25=40)
    assert findings(Facts(days_left=5, **READY), documents_peers=peers) == {}
    overdue = Facts(days_left=-1, documents=Step.WAITING, personnel=Step.APPROVED)
    assert Reason.DOCUMENTS_BEHIND not in findings(overdue, documents_peers=peers)


def test_three_medium_reasons_make_the_risk_high() -> None:
    two = Facts(days_left=30, documents=Step.RETURNED, personnel=Step.APPROVED, open_findings=1)
    assert assess(two).level is Level.MEDIUM
    three = Facts(
        days_left=30,
        documents=Step.RETURNED,
        personnel=Step.APPROVED,
        open_findings=1,
        open_complaints=1,
    )
    assert assess(three).level is Level.HIGH
    assert all(f.level is Level.MEDIUM for f in assess(three).findings)


@given(
    days=st.one_of(st.none(), st.integers(-60, 90)),
    documents=st.sampled_from(Step),
    personnel=st.sampled_from(Step),
    complaints=st.integers(0, 3),
    findings_=st.integers(0, 3),
    opened=st.integers(0, 2),
)
def test_the_level_is_the_highest_reason_or_high_from_three_medium(
    days: int | None,
    documents: Step,
    personnel: Step,
    complaints: int,
    findings_: int,
    opened: int,
) -> None:
    facts = Facts(
        days_left=days,
        planned=days is not None,
        documents=documents,
        personnel=personnel,
        open_complaints=complaints,
        open_findings=findings_,
        sittings_opened=opened,
    )
    result = assess(facts, documents_peers=_peers(d30=20), personnel_peers=_peers(d15=20))
    levels = [f.level for f in result.findings]
    if not levels:
        assert result.level is None
    elif Level.HIGH in levels or levels.count(Level.MEDIUM) >= 3:
        assert result.level is Level.HIGH
    else:
        assert result.level is Level.MEDIUM
    # Every reason appears once.
    assert len(set(result.reasons)) == len(result.reasons)


@given(
    leads=st.dictionaries(st.integers(-5, 60), st.integers(1, 30), max_size=20),
    days=st.integers(-10, 70),
)
def test_the_share_ahead_is_the_plain_count_of_peers_approved_by_then(
    leads: dict[int, int], days: int
) -> None:
    peers = Peers(leads)
    total = sum(leads.values())
    assert peers.total == total
    assert peers.ahead(days) == sum(n for lead, n in leads.items() if lead >= days)
    expected = Fraction(peers.ahead(days), total) if total >= MIN_PEERS else None
    assert peers.share_ahead(days) == expected
