"""The day a dashboard opens on: a finished campaign's last day held, a live one's today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from daihoi.campaigns.models import Campaign, Congress
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import login

pytestmark = pytest.mark.django_db

LAST_HELD = dt.date(2020, 4, 10)
URL = "/tong-quan/thu-nghiem/188/"


@pytest.fixture
def finished() -> Campaign:
    """Every congress under Lộc Bình held, the last of them on 10 April 2020."""
    campaign = small_campaign()
    open_congresses(campaign, "188", held_date=dt.date(2020, 3, 5))
    Congress.objects.filter(campaign=campaign, organisation__code__startswith="06553-").update(
        held_date=LAST_HELD
    )
    return campaign


def shown_day(query: str = "") -> str:
    page = login("locbinh").get(URL + query).content.decode()
    start = page.index('id="ngay"')
    return page[start : page.index(">", start)].split('value="')[1].split('"')[0]


def test_a_finished_campaign_opens_on_its_last_day_held(finished: Campaign) -> None:
    assert shown_day() == "10/04/2020"
    page = login("locbinh").get(URL).content.decode()
    total = Congress.objects.filter(campaign=finished, level__code="chi-bo").count()
    assert f'<span class="held">{total}</span>/<wbr><span class="total">{total}</span>' in page


def test_a_live_campaign_opens_on_today(finished: Campaign) -> None:
    Congress.objects.filter(campaign=finished, organisation__code="06553-C01").update(
        held_date=None
    )
    assert shown_day() == f"{timezone.localdate():%d/%m/%Y}"


def test_a_day_held_after_today_keeps_the_dashboard_on_today(finished: Campaign) -> None:
    ahead = timezone.localdate() + dt.timedelta(days=3)
    Congress.objects.filter(campaign=finished, organisation__code="06553-C01").update(
        held_date=ahead
    )
    assert shown_day() == f"{timezone.localdate():%d/%m/%Y}"


def test_the_day_asked_for_wins_and_a_bad_one_falls_back_to_the_opening_day(
    finished: Campaign,
) -> None:
    assert shown_day("?ngay=01/03/2020") == "01/03/2020"
    assert shown_day("?ngay=01032020") == "01/03/2020"
    page = login("locbinh").get(URL + "?ngay=31/02/2020").content.decode()
    assert "Ngày «31/02/2020» không hợp lệ; đang hiển thị số liệu đến ngày 10/04/2020." in page
    # The figures are the opening day's; the field keeps what was typed, to be corrected.
    assert "Tiến độ theo cấp đến ngày 10/04/2020" in page
    assert shown_day("?ngay=31/02/2020") == "31/02/2020"
