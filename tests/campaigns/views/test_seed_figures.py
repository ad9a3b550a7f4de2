"""Every figure of the seed articles, as printed, on the demo's pages (DOMAIN.md, issue 18 part 8).

The figures of the provinces outside the test tree (the nation's 25.938 = 48,5%, Bình
Phước's 95,86%) are checked on the whole national assignment in test_demo_figures.py.
"""

from __future__ import annotations

import re

import lxml.html
from django.test import Client

from daihoi.campaigns.demo import SLUG
from daihoi.campaigns.models import Campaign
from daihoi.drafts.demo import load_demo_drafts
from tests.conftest import TEST_PROVINCES, login


def cards(client: Client, code: str, query: str) -> dict[str, str]:
    """The progress cards of a dashboard by level code: their text, spaces collapsed."""
    response = client.get(f"/tong-quan/{SLUG}/{code}/?{query}")
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    return {
        card.get("data-level"): " ".join(card.text_content().split())
        for card in page.xpath('//*[@id="progress-cards"]/a')
    }


def reports(client: Client, day: str) -> str:
    """The dashboard's document progress of Lộc Bình's subordinates, as read."""
    response = client.get(f"/tong-quan/{SLUG}/188/?ngay={day}")
    panel = lxml.html.fromstring(response.content).xpath('//*[@id="drafts-round-progress"]')
    return " ".join(panel[0].text_content().split()) if panel else ""


def test_thai_binh_cells_read_100_percent_on_12_march_2020(demo_campaign: Campaign) -> None:
    lanhdao = login("lanhdao")
    cells = cards(lanhdao, "34", "ngay=12/03/2020")["chi-bo"]
    assert "đạt 100,0%" in cells
    # One of Sở Công Thương's cells met on 03/05/2020 (its own article), so the count
    # is one short of the whole, as the province's report rounded it.
    held, total = cells.split(" ")[0].split("/")
    assert int(total.replace(".", "")) - int(held.replace(".", "")) == 1
    assert "đạt 100,0%" not in cards(lanhdao, "34", "ngay=11/03/2020")["chi-bo"]


def test_thai_binh_grassroots_read_97_85_percent_with_the_two_decimals_printed(
    demo_campaign: Campaign,
) -> None:
    lanhdao = login("lanhdao")
    two = cards(lanhdao, "34", "ngay=31/05/2020&thap-phan=2")
    assert "đạt 97,85%" in two["co-so"]
    assert two["co-so"].startswith("775/792")
    # Without asking, the same figure keeps the page's one decimal.
    assert "đạt 97,9%" in cards(lanhdao, "34", "ngay=31/05/2020")["co-so"]


def test_the_two_decimals_stay_on_the_links_of_the_page(demo_campaign: Campaign) -> None:
    response = login("lanhdao").get(f"/tong-quan/{SLUG}/34/?ngay=31/05/2020&thap-phan=2")
    page = lxml.html.fromstring(response.content)
    links = [a.get("href") for a in page.xpath('//*[@id="progress-cards"]/a')]
    assert links and all("thap-phan=2" in link for link in links)
    assert page.xpath('//select[@id="thap-phan"]/option[@value="2"]')[0].get("selected") is not None


def test_loc_binh_150_of_388_cells_and_58_of_58_political_reports_on_20_february_2020(
    demo_campaign: Campaign,
) -> None:
    load_demo_drafts(demo_campaign, TEST_PROVINCES, lambda _line: None)
    locbinh = login("locbinh")
    assert cards(locbinh, "188", "ngay=20/02/2020")["chi-bo"].startswith("150/388")
    assert "58/58 đã xong vòng 1 báo cáo chính trị" in reports(locbinh, "20/02/2020")
    assert "57/58 đã xong vòng 1 báo cáo chính trị" in reports(locbinh, "19/02/2020")
    assert reports(locbinh, "12/01/2020") == ""


def test_loading_the_drafts_again_adds_no_second_report(demo_campaign: Campaign) -> None:
    load_demo_drafts(demo_campaign, TEST_PROVINCES, lambda _line: None)
    load_demo_drafts(demo_campaign, TEST_PROVINCES, lambda _line: None)
    assert "58/58 đã xong vòng 1 báo cáo chính trị" in reports(login("locbinh"), "20/02/2020")


def test_a_share_asked_with_anything_but_2_keeps_one_decimal(demo_campaign: Campaign) -> None:
    lanhdao = login("lanhdao")
    for asked in ("3", "x", ""):
        found = cards(lanhdao, "34", f"ngay=31/05/2020&thap-phan={asked}")
        shares = [re.search(r"đạt ([\d.]+,\d+)%", text) for text in found.values()]
        assert shares and all(m and len(m.group(1).split(",")[1]) == 1 for m in shares), found
