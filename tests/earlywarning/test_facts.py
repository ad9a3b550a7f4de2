"""The facts early warning gathers, against counts made here one congress at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q

from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.earlywarning import facts
from daihoi.lib.risk import Level, Reason, Step
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import ComplaintStatus, InspectionVisit
from tests.earlywarning.helpers import LOC_BINH, approve, communes, risky_campaign, today

pytestmark = pytest.mark.django_db


def org(code: str) -> Organisation:
    return Organisation.objects.select_related("level").get(structure__code="2020", code=code)


@pytest.fixture
def campaign() -> Campaign:
    return risky_campaign()


def step_of(congress: Congress, kind: str) -> Step:
    """Where a step stands, read the slow way: the approval, else the latest request."""
    if congress.approvals.filter(kind=kind).exists():
        return Step.APPROVED
    latest = congress.submissions.filter(kind=kind).order_by("-submitted_at", "-pk").first()
    return {"waiting": Step.WAITING, "returned": Step.RETURNED}.get(
        latest.state if latest else "", Step.NOT_SENT
    )


def test_the_facts_of_every_open_congress_match_a_count_made_one_by_one(
    campaign: Campaign,
) -> None:
    day = today()
    found = {u.congress_id: u for u in facts.units(campaign, org(LOC_BINH), day)}
    below = Congress.objects.filter(
        campaign=campaign, org_path__startswith=org(LOC_BINH).path
    ).exclude(organisation__code=LOC_BINH)
    open_ = below.filter(Q(held_date__isnull=True) | Q(held_date__gt=day)).exclude(
        state__in=[CongressState.HELD, CongressState.REPORTED]
    )
    # 58 communes and 388 cells, less the commune held yesterday.
    assert set(found) == set(open_.values_list("pk", flat=True))
    assert len(found) == 58 + 388 - 1
    for congress in open_.select_related("organisation"):
        got = found[congress.pk].facts
        planned = congress.planned_date
        assert got.planned is (planned is not None)
        assert got.days_left == ((planned - day).days if planned else None)
        assert got.documents == step_of(congress, "documents")
        assert got.personnel == step_of(congress, "personnel")
        assert (
            got.open_complaints
            == congress.complaints.filter(
                status=ComplaintStatus.OPEN, overridden_at__isnull=True
            ).count()
        )
        assert (
            got.open_findings
            == InspectionVisit.objects.filter(unit=congress.organisation, follow_up_done=False)
            .exclude(follow_up="")
            .count()
        )
        assert got.sittings_opened == congress.sittings.exclude(opened_at=None).count()


def test_each_set_apart_commune_gets_its_reason(campaign: Campaign) -> None:
    found = {u.congress_id: u.assessment for u in facts.units(campaign, org(LOC_BINH), today())}
    c = communes(campaign)
    # Ten days ahead, nothing approved: documents (medium) and personnel (medium).
    plain = {Reason.DOCUMENTS: Level.MEDIUM, Reason.PERSONNEL: Level.MEDIUM}

    def reasons(i: int) -> dict[Reason, Level]:
        return {f.reason: f.level for f in found[c[i].pk].findings}

    assert c[0].pk not in found
    assert reasons(1) == {Reason.PERSONNEL: Level.MEDIUM}
    assert reasons(2) == plain
    assert reasons(3) == {**plain, Reason.RETURNED: Level.MEDIUM}
    assert found[c[3].pk].level is Level.HIGH  # three medium reasons
    assert reasons(4) == {**plain, Reason.COMPLAINTS: Level.MEDIUM}
    assert reasons(5) == plain
    assert reasons(6) == {**plain, Reason.FINDINGS: Level.MEDIUM}
    assert reasons(7) == plain
    assert reasons(8) == {Reason.NO_DATE: Level.MEDIUM}  # the test campaign has no deadlines
    assert reasons(9)[Reason.OVERDUE] is Level.HIGH
    assert Reason.NO_SITTING in reasons(9)
    assert Reason.NO_SITTING not in reasons(10)
    assert reasons(11)[Reason.NO_SITTING] is Level.MEDIUM
    assert reasons(12) == {}
    assert found[c[12].pk].level is None


def test_peers_are_the_units_of_the_level_that_held_their_congress(campaign: Campaign) -> None:
    """Commune 0 held yesterday had nothing approved; give twelve cells a history instead."""
    day = today()
    cells = list(Congress.objects.filter(campaign=campaign, level__code="chi-bo")[:12])
    for i, cell in enumerate(cells):
        held = day - dt.timedelta(days=1 + i)
        Congress.objects.filter(pk=cell.pk).update(held_date=held, state=CongressState.HELD)
        approve(cell, "documents", held - dt.timedelta(days=20))
    by_level = facts.peers(campaign, {cells[0].level_id}, day)
    assert by_level[(cells[0].level_id, "documents")].leads == {20: 12}
    assert (cells[0].level_id, "personnel") not in by_level
    # Every other cell, ten days ahead without documents, is behind all twelve.
    units = [
        u for u in facts.units(campaign, org(LOC_BINH), day) if u.level_id == cells[0].level_id
    ]
    assert units and all(Reason.DOCUMENTS_BEHIND in u.assessment.reasons for u in units)
    behind = next(f for f in units[0].assessment.findings if f.reason is Reason.DOCUMENTS_BEHIND)
    assert (behind.share, behind.peers) == (1, 12)


def test_a_fixed_number_of_statements_whatever_the_subtree(
    campaign: Campaign, django_assert_max_num_queries: object
) -> None:
    # Lạng Sơn, Lộc Bình (446 open below), Đồng Bục (a commune and its cells).
    for unit in (org("20"), org(LOC_BINH), org("06553")):
        # Seven, and one per level below with a congress open (communes and cells).
        with django_assert_max_num_queries(9):  # type: ignore[operator]
            assert facts.units(campaign, unit, today())


def test_a_unit_with_nothing_open_below_costs_one_statement(
    campaign: Campaign, django_assert_num_queries: object
) -> None:
    held = communes(campaign)[0].organisation
    unit = org(held.code)
    Congress.objects.filter(campaign=campaign, org_path__startswith=unit.path).update(
        held_date=today(), state=CongressState.HELD
    )
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert facts.units(campaign, unit, today()) == []
