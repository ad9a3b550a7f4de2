"""Pages that list a unit's children show a page of them at a cost that does not grow (issue 19.5).

A district with 10 cells and one with 200 answer each page in the same number of
queries; page 2 shows the next rows while the counts stay the whole subtree's; a page
number that is not one opens a page, never a 500. The bench program that times these
pages at 100,000 children runs here at a tiny size, so it cannot rot.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from daihoi.accounts.models import User
from daihoi.campaigns.models import Campaign

pytestmark = pytest.mark.django_db
BENCH = Path(__file__).resolve().parent.parent / "bench"


def bench_pages() -> ModuleType:
    sys.path.insert(0, str(BENCH))  # its own imports (_benchdb) sit beside it
    spec = importlib.util.spec_from_file_location("bench_pages", BENCH / "pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pages"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get("/")  # the session's first save, not the page's cost
    return client


def pages_of(campaign: Campaign, code: str) -> dict[str, str]:
    slug = campaign.slug
    return {
        "dashboard": f"/tong-quan/{slug}/{code}/",
        "organisation": f"/to-chuc/2020/{code}/",
        "approvals": f"/phe-duyet/{slug}/{code}/",
        "roll-up": f"/co-cau/{slug}/{code}/",
        "completeness": f"/bao-cao-len/{slug}/{code}/",
    }


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as found:
        assert client.get(url).status_code == 200
    return len(found)


def test_each_page_costs_the_same_queries_for_10_children_as_for_200(
    demo_campaign: Campaign,
) -> None:
    bench = bench_pages()
    bench.add_big_district(demo_campaign, 10, code="T10", account="huyen10")
    bench.add_big_district(demo_campaign, 200, code="T200", account="huyen200")
    small, large = client_of("huyen10"), client_of("huyen200")
    for name, url in pages_of(demo_campaign, "T10").items():
        few = queries_of(small, url)
        many = queries_of(large, url.replace("/T10/", "/T200/"))
        # One more at most: a page of the dashboard that straddles the held and the
        # not yet held reads each part with its own query.
        assert many <= few + 1, (name, few, many)


def rows(html: bytes, table: str) -> list[str]:
    page = lxml.html.fromstring(html)
    return [" ".join(tr.text_content().split()) for tr in page.xpath(f"{table}/tbody/tr")]


def test_page_2_shows_the_next_children_and_the_counts_stay_whole(
    demo_campaign: Campaign,
) -> None:
    bench_pages().add_big_district(demo_campaign, 120, code="T120", account="huyen120")
    client = client_of("huyen120")
    urls = pages_of(demo_campaign, "T120")
    first = client.get(urls["dashboard"]).content
    second = client.get(urls["dashboard"] + "?trang=2").content
    third = client.get(urls["dashboard"] + "?trang=3").content
    shown = [rows(p, "//table[@id='children-progress']") for p in (first, second, third)]
    assert [len(r) for r in shown] == [50, 50, 20]
    assert len(set(sum(shown, []))) == 120  # no unit twice, none left out
    # Ranked across pages: the held ones (one in three, 40) first, ranks run on.
    assert shown[1][0].startswith("51 ")
    assert all(r.endswith("100.0%") or r.endswith("100,0%") for r in shown[0][:40])
    # The level's card counts all 120 cells on every page.
    for html in (first, third):
        card = lxml.html.fromstring(html).xpath("//div[@id='progress-cards']//span[@class='total']")
        assert card[0].text_content() == "120"
    pager = lxml.html.fromstring(second).xpath("//nav[@class='pager']")[0]
    assert pager.get("aria-label") and pager.xpath(".//a[@rel='prev']")
    assert pager.xpath(".//a[@rel='next']")
    rollup_second = client.get(urls["roll-up"] + "?trang=2").content
    assert len(rows(rollup_second, "//table[@class='grid']")) == 50 + 1  # and the total row
    approvals = client.get(urls["approvals"] + "?trang=3").content
    assert len(lxml.html.fromstring(approvals).xpath("//tr[@data-org]")) == 20
    assert "120 đơn vị trực thuộc" in approvals.decode()
    # Completeness reads only the page's children; its totals stay the district's.
    pages = [client.get(urls["completeness"] + f"?trang={n}").content for n in (1, 3)]
    tables = [
        lxml.html.fromstring(p).xpath("//table[contains(@class, 'completeness')]") for p in pages
    ]
    assert len(tables[1][1].xpath("./tbody/tr")) == 20
    names = {
        tr.xpath("./th")[0].text_content().strip()
        for t in tables
        for tr in t[1].xpath("./tbody/tr")
    }
    assert len(names) == 50 + 20
    totals = [" ".join(t[1].xpath("./tfoot")[0].text_content().split()) for t in tables]
    assert (
        totals[0] == totals[1] == " ".join(tables[0][0].xpath("./tfoot")[0].text_content().split())
    )


@pytest.mark.parametrize("number", ["abc", "0", "-1", "99999", "1.5", "9" * 40])
def test_a_page_number_that_is_not_one_opens_a_page_never_an_error(
    demo_campaign: Campaign, number: str
) -> None:
    client = client_of("locbinh")
    for url in pages_of(demo_campaign, "188").values():
        assert client.get(f"{url}?trang={number}").status_code == 200, url


def test_the_bench_program_runs_at_a_tiny_size(demo_campaign: Campaign, capsys: Any) -> None:
    assert bench_pages().run(demo_campaign, max_children=12, runs=1) == 0
    out = capsys.readouterr().out
    assert "national dashboard" in out and "12 children" in out
