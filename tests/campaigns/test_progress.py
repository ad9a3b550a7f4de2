"""Counting congresses due, planned and held under an organisation, as of a day."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from daihoi.campaigns.models import Campaign, Congress
from daihoi.campaigns.progress import Counts, ahead, late, progress, upcoming
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import org

pytestmark = pytest.mark.django_db

D = dt.date


def cells_of_loc_binh() -> list[Congress]:
    return list(
        Congress.objects.filter(
            campaign__slug="thu-nghiem", level__code="chi-bo", org_path__startswith=org("188").path
        ).order_by("org_path")
    )


@pytest.fixture
def loc_binh_campaign() -> None:
    campaign = small_campaign()
    open_congresses(campaign, "188", planned_date=D(2020, 2, 15))
    cells = cells_of_loc_binh()
    for i, congress in enumerate(cells[:150]):
        congress.held_date = D(2020, 2, 1) + dt.timedelta(days=i % 20)  # up to 20/02
        congress.save()
    for congress in cells[150:160]:
        congress.held_date = D(2020, 2, 21)
        congress.save()


def test_loc_binh_has_150_of_388_cells_held_on_20_february(loc_binh_campaign: None) -> None:
    result = progress(Campaign.objects.get(slug="thu-nghiem"), org("188"), D(2020, 2, 20))
    cells = next(c for level, c in result.rows() if level.code == "chi-bo")
    assert (cells.held, cells.total, cells.planned) == (150, 388, 388)
    assert str(cells.percent) == "38.7"
    grassroots = next(c for level, c in result.rows() if level.code == "co-so")
    assert grassroots == Counts(total=58, planned=58, held=0)


def test_a_congress_held_on_the_as_of_day_counts(loc_binh_campaign: None) -> None:
    campaign = Campaign.objects.get(slug="thu-nghiem")
    on_the_day = progress(campaign, org("188"), D(2020, 2, 21))
    day_before = progress(campaign, org("188"), D(2020, 2, 20))
    level = next(lv for lv in on_the_day.levels if lv.code == "chi-bo")
    assert on_the_day.at(level).held == 160
    assert day_before.at(level).held == 150


def test_planned_counts_use_the_planned_day_inclusively(loc_binh_campaign: None) -> None:
    campaign = Campaign.objects.get(slug="thu-nghiem")
    level = next(
        lv for lv in progress(campaign, org("188"), D(2020, 2, 15)).levels if lv.code == "chi-bo"
    )
    assert progress(campaign, org("188"), D(2020, 2, 15)).at(level).planned == 388
    assert progress(campaign, org("188"), D(2020, 2, 14)).at(level).planned == 0


def test_the_root_figures_are_the_sum_of_its_childrens(loc_binh_campaign: None) -> None:
    campaign = Campaign.objects.get(slug="thu-nghiem")
    province = progress(campaign, org("20"), D(2020, 2, 20))
    district = progress(campaign, org("188"), D(2020, 2, 20))
    for level in district.levels:
        assert province.at(level) == district.at(level)
    assert len(province.children) == Organisation.objects.get(code="20").numchild


def test_late_ahead_and_upcoming_lists(loc_binh_campaign: None) -> None:
    campaign = Campaign.objects.get(slug="thu-nghiem")
    as_of = D(2020, 2, 20)
    # Planned 15/02: the 238 cells not held by 20/02 and all 58 grassroots are late.
    assert late(campaign, org("188"), as_of).count() == 238 + 58
    # Held 01/02–20/02 in turn: those held before the planned 15/02 are ahead.
    early = sum(1 for c in cells_of_loc_binh() if c.held_date and c.held_date < D(2020, 2, 15))
    assert early == 108
    assert ahead(campaign, org("188"), as_of).count() == early
    # Walked by the held day (a large subtree's way), the same congresses in the same order.
    for unit in ("188", "20", "06553"):
        walked = ahead(campaign, org(unit), as_of, by_day=True).values_list("pk", flat=True)
        ranged = ahead(campaign, org(unit), as_of).values_list("pk", flat=True)
        assert list(walked) == list(ranged), unit
    # From 10/02 for a week: everything planned on 15/02 not yet held by 10/02.
    held_by_10 = sum(
        1 for c in cells_of_loc_binh() if c.held_date and c.held_date <= D(2020, 2, 10)
    )
    assert upcoming(campaign, org("188"), D(2020, 2, 10)).count() == 388 + 58 - held_by_10
    assert upcoming(campaign, org("188"), D(2020, 2, 16)).count() == 0


def test_daihoi_progress_prints_the_json_of_the_issue(loc_binh_campaign: None) -> None:
    out = io.StringIO()
    call_command(
        "progress",
        "--as-of",
        "2020-02-20",
        "--root",
        "188",
        "--campaign",
        "thu-nghiem",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["as_of"] == "2020-02-20" and data["root"] == "188"
    levels = {row["level"]: row for row in data["levels"]}
    assert levels[4] == {
        "level": 4,
        "level_code": "chi-bo",
        "level_name": "Chi bộ trực thuộc đảng ủy cơ sở",
        "total": 388,
        "planned": 388,
        "held": 150,
        "percent": 38.7,
    }
    assert levels[3]["total"] == 58 and levels[3]["percent"] == 0
    dong_buc = next(c for c in data["children"] if c["code"] == "06553")
    assert dong_buc["name"] == "Đảng bộ xã Đồng Bục"
    assert [row["level"] for row in dong_buc["levels"]] == [4]


def test_late_and_ahead_counts_match_the_lists(loc_binh_campaign: None) -> None:
    campaign = Campaign.objects.get(slug="thu-nghiem")
    as_of = D(2020, 2, 20)
    result = progress(campaign, org("188"), as_of, detail=True)
    total = sum((c for _level, c in result.rows()), Counts())
    assert total.late == late(campaign, org("188"), as_of).count()
    assert total.ahead == ahead(campaign, org("188"), as_of).count()
