"""The live demo campaign (2025–2030, Chỉ thị 45): today falls mid-campaign, every state at once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from daihoi.accounts.demo import live_approvers
from daihoi.campaigns import lifecycle
from daihoi.campaigns.demo_live import (
    ANCHOR,
    DEADLINES,
    SLUG,
    live_congresses,
    load_live_campaign,
    shift,
)
from daihoi.campaigns.models import (
    STATE_ORDER,
    Approval,
    ApprovalKind,
    Campaign,
    Congress,
    CongressState,
)
from daihoi.campaigns.progress import late, progress
from daihoi.orgs.demo_live import live_provinces, live_table
from daihoi.orgs.models import Organisation
from tests.campaigns.live_helpers import live_lang_son
from tests.conftest import org

D = dt.date
EVERY_STATE = set(CongressState)


def _rows(provinces: list[str] | None) -> list[tuple[str, str, int]]:
    return [(cells[0], cells[1], int(cells[3])) for _n, cells in live_table(provinces).rows]


def test_the_2025_tree_has_34_provinces_and_its_communes_directly_under_them() -> None:
    rows = _rows(None)
    by_rank = Counter(rank for _c, _p, rank in rows)
    assert (by_rank[0], by_rank[1], by_rank[2]) == (1, 34, 3321)
    rank_of = {code: rank for code, _p, rank in rows}
    assert all(rank_of[parent] == rank - 1 for _c, parent, rank in rows if rank)


def test_a_2020_province_brings_the_2025_province_that_took_it_in() -> None:
    # Sóc Trăng (94) merged into Cần Thơ (92); Thái Bình (34) into Hưng Yên (33).
    assert live_provinces(["20", "94"]) == {"20", "92"}
    assert live_provinces(["34"]) == {"33"}
    # A subset draws the same cells as the whole country.
    whole = {code for code, _p, _r in _rows(None)}
    assert {code for code, _p, _r in _rows(["20"])} <= whole


def test_the_whole_country_has_every_state_at_the_commune_level() -> None:
    plan = live_congresses(_rows(None))
    communes = Counter(c.state for c in plan.values() if c.rank == 2)
    assert set(communes) == EVERY_STATE
    # Cells met before their 30/06 deadline, but a few have not: late.
    cells = [c for c in plan.values() if c.rank == 3]
    assert all(c.planned_date <= DEADLINES[3] for c in cells)
    assert 0 < sum(1 for c in cells if c.held_date is None) < len(cells) // 10


@pytest.fixture
def live(db: None) -> Campaign:
    """Lạng Sơn's part of the live campaign (65 communes), "today" the real today."""
    return live_lang_son()


def test_today_falls_inside_the_live_campaign_with_chi_thi_45s_timetable(live: Campaign) -> None:
    today = timezone.localdate()
    deadlines = {
        p.level.rank: p.deadline or D.max for p in live.level_plans.select_related("level")
    }
    assert deadlines[3] == shift(D(2025, 6, 30)) < today  # cells: by 30/6
    assert today < deadlines[2] == shift(D(2025, 8, 31))  # communes: by 31/8
    assert deadlines[1] == shift(D(2025, 10, 31))  # provinces: by 31/10
    assert shift(ANCHOR) == today
    congresses = Congress.objects.filter(campaign=live)
    days = [day for day in congresses.values_list("planned_date", flat=True) if day]
    assert min(days) < today < max(days)
    assert live.directive is not None and live.directive.code == "45-CT/TW"
    assert live.targets.filter(code="science-tech").exists()  # Chỉ thị 45's preset


def test_the_live_campaign_has_congresses_in_each_state(live: Campaign) -> None:
    states = Counter(Congress.objects.filter(campaign=live).values_list("state", flat=True))
    assert set(states) == EVERY_STATE, states
    root = org("20", "2025")
    today = timezone.localdate()
    assert late(live, root, today).exists()
    result = progress(live, root, today)
    (communes,) = [level for level in result.levels if level.rank == 2]
    counts = result.at(communes)
    assert 0 < counts.held < counts.total


def test_each_state_is_consistent_with_its_dates_and_approvals(live: Campaign) -> None:
    today = timezone.localdate()
    approvals = Counter(
        Approval.objects.filter(congress__campaign=live).values_list("congress_id", "kind")
    )
    for congress in Congress.objects.filter(campaign=live):
        held = congress.state in (CongressState.HELD, CongressState.REPORTED)
        assert (congress.held_date is not None) == held, congress
        if congress.held_date is not None:
            assert congress.held_date <= today and congress.held_at is not None
        order = STATE_ORDER
        reached = order.index(CongressState(congress.state))
        wants = {
            ApprovalKind.DOCUMENTS: reached >= order.index(CongressState.DOCUMENTS_APPROVED),
            ApprovalKind.PERSONNEL: reached >= order.index(CongressState.PERSONNEL_APPROVED),
        }
        for kind, wanted in wants.items():
            assert approvals[(congress.pk, kind)] == int(wanted), (congress, kind)


def test_approvals_wait_for_the_superior_and_a_step_can_be_tried_at_once(live: Campaign) -> None:
    today = timezone.localdate()
    waiting = Congress.objects.filter(
        campaign=live, state=CongressState.PREPARING, planned_date__gt=today, level__rank=2
    )
    assert waiting.exists()
    personnel_waiting = Congress.objects.filter(
        campaign=live, state=CongressState.DOCUMENTS_APPROVED, planned_date__gt=today
    )
    assert personnel_waiting.exists()
    planned = Congress.objects.filter(campaign=live, state=CongressState.PLANNED).first()
    assert planned is not None
    assert lifecycle.blockers(planned, CongressState.PREPARING) == []


def test_loading_the_live_campaign_again_changes_nothing(live: Campaign) -> None:
    before = (Congress.objects.count(), Approval.objects.count())
    assert load_live_campaign(live_approvers()) == live
    assert (Congress.objects.count(), Approval.objects.count()) == before
    assert Campaign.objects.get(slug=SLUG) == live
    assert Organisation.objects.filter(structure__code="2025").count() == len(_rows(["20"]))
