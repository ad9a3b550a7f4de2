"""The dashboard, as a department uses it."""

from __future__ import annotations

import datetime as dt

import pytest

from daihoi.accounts.models import User
from daihoi.campaigns.models import Congress
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign() -> None:
    c = small_campaign()
    open_congresses(c, "188", planned_date=dt.date(2020, 3, 1))
    Congress.objects.filter(campaign=c, organisation__code__startswith="06553-").update(
        held_date=dt.date(2020, 2, 20)
    )


def test_the_dashboard_shows_cells_held_by_the_day(campaign: None) -> None:
    page = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=20/02/2020").content.decode()
    held = Congress.objects.filter(campaign__slug="thu-nghiem", held_date__isnull=False).count()
    assert held > 0
    assert 'data-level="chi-bo"' in page
    assert f'<span class="held">{held}</span>/<wbr><span class="total">388</span>' in page
    assert "Đảng bộ xã Đồng Bục" in page
    before = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=19/02/2020").content.decode()
    assert '<span class="held">0</span>/<wbr><span class="total">388</span>' in before


def test_a_bad_date_says_so_and_falls_back_to_today(campaign: None) -> None:
    page = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=31/02/2020").content.decode()
    assert "Ngày «31/02/2020» không hợp lệ" in page
    # What was typed stays in the field to be corrected, tied to the message.
    import lxml.html

    field = lxml.html.fromstring(page).get_element_by_id("ngay")
    assert field.get("value") == "31/02/2020" and field.get("aria-invalid") == "true"
    assert field.get("aria-describedby") == "ngay-error"


def test_the_home_of_the_dashboard_opens_the_users_organisation(campaign: None) -> None:
    response = login("locbinh").get("/tong-quan/")
    assert response.status_code == 302 and response["Location"].endswith("/188/")


def test_another_province_gets_404(campaign: None) -> None:
    assert login("soctrang").get("/tong-quan/thu-nghiem/188/").status_code == 404


def test_at_the_childrens_own_level_each_child_reads_its_own_congress_rate(
    campaign: None,
) -> None:
    """Lộc Bình's ranking follows its communes' own congresses: Đồng Bục held, 100%, first."""
    Congress.objects.filter(campaign__slug="thu-nghiem", organisation__code="06553").update(
        held_date=dt.date(2020, 2, 20)
    )
    page = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=20/02/2020&cap=co-so")
    rows = page.content.decode().split('id="children-progress"')[1].split("<tr>")[2:]
    assert "Đảng bộ xã Đồng Bục" in rows[0] and "100,0%" in rows[0]
    assert "0,0%" in rows[1]  # the next commune has not held its congress


def _cards_and_children(html: bytes) -> tuple[list[str], list[str]]:
    import lxml.html

    page = lxml.html.fromstring(html)
    cards = [
        " ".join(a.text_content().split()) for a in page.xpath("//div[@id='progress-cards']/a")
    ]
    children = [
        " ".join(tr.text_content().split())
        for tr in page.xpath("//table[@id='children-progress']/tbody/tr")
    ]
    return cards, children


@pytest.mark.parametrize("level", ["", "tren-co-so", "co-so", "chi-bo"])
def test_few_children_counted_in_one_query_read_as_counted_page_by_page(
    campaign: None, level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from daihoi.campaigns import child_ranking

    client = login("langson")
    url = f"/tong-quan/thu-nghiem/20/?ngay=20/02/2020&cap={level}"
    once = _cards_and_children(client.get(url).content)
    monkeypatch.setattr(child_ranking, "FEW_CHILDREN", -1)  # every unit counted a page at a time
    paged = _cards_and_children(client.get(url).content)
    assert once == paged
    assert once[1] and any("Lộc Bình" in row for row in once[1])


def test_the_national_dashboard_shows_a_congress_held_a_moment_ago() -> None:
    """The country's figures come from a roll-up kept on every write: a congress marked
    held through the record's form counts on the national dashboard at once."""
    from daihoi.campaigns.actions.congress import do_update_congress
    from daihoi.campaigns.progress import campaign_root
    from daihoi.completeness import ledger

    camp = small_campaign()
    made = open_congresses(camp, "188", planned_date=dt.date(2020, 3, 1))
    ledger.rebuild(camp)
    url = f"/tong-quan/thu-nghiem/{campaign_root(camp).code}/?ngay=20/03/2020"
    client = login("quantri")
    card = '<span class="held">{}</span>/<wbr><span class="total">388</span>'
    assert card.format(0) in client.get(url).content.decode()
    congress = next(c for c in made if c.organisation.code.startswith("06553-"))  # a cell
    do_update_congress(
        congress,
        {"held_date": dt.date(2020, 3, 2)},
        expected_version=congress.version,
        acting_user=User.objects.get(username="locbinh"),
    )
    assert card.format(1) in client.get(url).content.decode()
    assert card.format(0) in client.get(url.replace("20/03", "01/03")).content.decode()


def test_counts_past_a_thousand_read_with_the_thousands_dot(
    campaign: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's late and early congresses run to thousands: "1.234 đại hội", not "1234"."""
    from daihoi.campaigns import dashboard_figures
    from daihoi.campaigns.progress import Counts

    many = Counts(total=20_000, planned=9_000, held=8_000, late=1_234, ahead=12_345)
    monkeypatch.setattr(dashboard_figures.Figures, "totals", property(lambda self: many))
    page = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=20/02/2020").content.decode()
    assert "1.234 đại hội chậm so với kế hoạch" in page
    assert "12.345 đại hội tổ chức sớm hơn kế hoạch" in page
