"""The early-warning page and the dashboard's box: who sees them, filters, pages, links."""

from __future__ import annotations

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.earlywarning.views import PER_PAGE
from daihoi.lib.risk import Reason
from daihoi.orgs.models import Organisation
from tests.conftest import login
from tests.earlywarning.helpers import LOC_BINH, communes, risky_campaign, today

pytestmark = pytest.mark.django_db
# Under Lộc Bình: 58 communes and 388 cells, one commune held, one with both approvals
# and forty days to go.
AT_RISK = 58 + 388 - 2


@pytest.fixture
def campaign() -> Campaign:
    return risky_campaign()


def page(client: Client, campaign: Campaign, code: str = LOC_BINH, query: str = "") -> object:
    return client.get(reverse("earlywarning", args=[campaign.slug, code]) + query)


def tree(response: object) -> lxml.html.HtmlElement:
    assert response.status_code == 200  # type: ignore[attr-defined]
    return lxml.html.fromstring(response.content.decode())  # type: ignore[attr-defined]


def rows(response: object) -> list[lxml.html.HtmlElement]:
    return tree(response).xpath("//ul[contains(@class, 'risk')]/li[@data-org]")


def test_the_department_sees_every_unit_at_risk_a_page_at_a_time(campaign: Campaign) -> None:
    client = login("locbinh")
    first = page(client, campaign)
    html = tree(first)
    assert f"{AT_RISK} đại hội chưa tổ chức có nguy cơ" in html.text_content()
    assert len(rows(first)) == PER_PAGE
    last_page = -(-AT_RISK // PER_PAGE)
    last = page(client, campaign, query=f"?trang={last_page}")
    assert len(rows(last)) == AT_RISK - PER_PAGE * (last_page - 1)
    # A page past the end opens the last one.
    assert len(rows(page(client, campaign, query="?trang=999"))) == len(rows(last))
    # Every row on every page once: the high ones first, then the nearest to their day.
    seen = []
    for number in range(1, last_page + 1):
        seen += [r.get("data-org") for r in rows(page(client, campaign, query=f"?trang={number}"))]
    assert len(seen) == len(set(seen)) == AT_RISK
    levels = [r.get("data-level") for r in rows(first)]
    assert levels == sorted(levels, key=lambda lv: lv != "cao")


def test_the_pager_keeps_the_filters_and_counts_the_rows_chosen(campaign: Campaign) -> None:
    """The shared pager (web/_pager.html): its links change only `trang`."""
    from urllib.parse import parse_qs, urlsplit

    client = login("locbinh")
    html = tree(page(client, campaign, query="?muc=trung-binh&trang=2"))
    medium = int(html.get_element_by_id("muc-trung-binh").text_content().split("(")[1][:-1])
    pager = html.xpath("//nav[@class='pager']")[0]
    assert f"dòng 51–100 trong {medium}" in pager.text_content()
    links = {a.get("rel"): parse_qs(urlsplit(a.get("href")).query) for a in pager.xpath("./a")}
    assert links["prev"] == {"muc": ["trung-binh"], "trang": ["1"]}
    assert links["next"] == {"muc": ["trung-binh"], "trang": ["3"]}
    assert links["last"] == {"muc": ["trung-binh"], "trang": [str(-(-medium // PER_PAGE))]}
    second = [
        r.get("data-org") for r in rows(page(client, campaign, query="?muc=trung-binh&trang=2"))
    ]
    third = [
        r.get("data-org") for r in rows(page(client, campaign, query="?muc=trung-binh&trang=3"))
    ]
    assert len(second) == len(third) == PER_PAGE and not set(second) & set(third)


def test_the_level_filter_keeps_only_that_level_and_counts_it(campaign: Campaign) -> None:
    client = login("locbinh")
    high = rows(page(client, campaign, query="?muc=cao"))
    assert high and all(r.get("data-level") == "cao" for r in high)
    c = communes(campaign)
    # Nearest to their day first (today, then a day overdue), then those ten days ahead
    # with three medium reasons (returned, a complaint, a follow-up), in the tree's order.
    assert [r.get("data-org") for r in high] == [
        c[i].organisation.code for i in (10, 11, 9, 3, 4, 6)
    ]
    count = tree(page(client, campaign)).get_element_by_id("muc-cao").text_content()
    assert f"({len(high)})" in count


def test_the_reason_filter_shows_the_complaint_and_its_link(campaign: Campaign) -> None:
    client = login("locbinh")
    c = communes(campaign)
    found = rows(page(client, campaign, query="?ly-do=don-thu"))
    assert [r.get("data-org") for r in found] == [c[4].organisation.code]
    line = found[0].xpath(".//li[@data-reason='don-thu']")[0]
    assert "1 đơn thư về nhân sự đang giải quyết" in line.text_content()
    assert line.xpath(".//a")[0].get("href") == reverse(
        "personnel_congress", args=[campaign.slug, c[4].organisation.code]
    )


def test_a_request_waiting_links_to_the_superiors_approvals(campaign: Campaign) -> None:
    c = communes(campaign)
    found = rows(page(login("locbinh"), campaign, query="?ly-do=van-kien&muc=trung-binh"))
    row = next(r for r in found if r.get("data-org") == c[2].organisation.code)
    line = row.xpath(".//li[@data-reason='van-kien']")[0]
    assert "Văn kiện đang chờ cấp trên duyệt, còn 10 ngày đến đại hội." in line.text_content()
    href = reverse("approvals_page", args=[campaign.slug, LOC_BINH]) + "?noi-dung=van-kien"
    assert line.xpath(".//a")[0].get("href") == href


def test_an_unknown_filter_shows_everything(campaign: Campaign) -> None:
    response = page(login("locbinh"), campaign, query="?muc=rat-cao&ly-do=khong-co")
    assert len(rows(response)) == PER_PAGE


def test_the_page_prints_the_rule_it_applies(campaign: Campaign) -> None:
    rule = tree(page(login("locbinh"), campaign)).get_element_by_id("risk-rule").text_content()
    assert "văn kiện chưa được duyệt khi còn 7 ngày" in rule
    assert "từ 3 lý do mức trung bình trở lên" in rule


def test_outside_the_subtree_the_page_does_not_exist(campaign: Campaign) -> None:
    assert page(login("soctrang"), campaign).status_code == 404  # type: ignore[attr-defined]
    # A code of the other tree is not in the campaign's structure.
    assert page(login("quantri"), campaign, code="nope").status_code == 404  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("username", "code", "status"),
    [
        ("quantri", LOC_BINH, 200),
        ("langson", LOC_BINH, 200),
        ("lanhdao", "34", 200),  # a leader reads it
        ("kiemphieu", "94", 403),  # a counting board does not
        ("nhansu", "34-KCQ-SCT", 403),  # nor a subcommittee
    ],
)
def test_the_staff_and_leaders_may_open_it(
    campaign: Campaign, username: str, code: str, status: int
) -> None:
    assert page(login(username), campaign, code=code).status_code == status  # type: ignore[attr-defined]


def test_the_dashboard_box_counts_by_level_and_links_to_the_page(campaign: Campaign) -> None:
    client = login("locbinh")
    response = client.get(reverse("dashboard", args=[campaign.slug, LOC_BINH]))
    box = tree(response).get_element_by_id("early-warning")
    high = len(rows(page(client, campaign, query="?muc=cao")))
    assert box.xpath(".//*[@data-level='cao']/*[@class='big']")[0].text_content() == str(high)
    assert box.xpath(".//*[@data-level='trung-binh']/*[@class='big']")[0].text_content() == str(
        AT_RISK - high
    )
    assert len(box.xpath(".//ul/li[@data-org]")) == 5
    link = box.xpath(".//p[@class='actions']/a")[0]
    assert link.get("href") == reverse("earlywarning", args=[campaign.slug, LOC_BINH])
    assert f"Xem cả {AT_RISK} đại hội" in link.text_content()


def test_no_box_for_a_board_member_or_when_everything_is_held(campaign: Campaign) -> None:
    url = reverse("dashboard", args=[campaign.slug, "94"])
    assert not tree(login("kiemphieu").get(url)).xpath("//*[@id='early-warning']")
    Congress.objects.filter(campaign=campaign).update(held_date=today(), state=CongressState.HELD)
    url = reverse("dashboard", args=[campaign.slug, LOC_BINH])
    assert not tree(login("locbinh").get(url)).xpath("//*[@id='early-warning']")


def test_a_provinces_box_follows_its_page_with_the_same_counts(campaign: Campaign) -> None:
    """Lạng Sơn's dashboard draws a placeholder that asks for the box once shown (the
    country's and a province's: their dashboards keep within their time without it)."""
    client = login("langson")
    dashboard = tree(client.get(reverse("dashboard", args=[campaign.slug, "20"])))
    placeholder = dashboard.get_element_by_id("early-warning")
    address = reverse("earlywarning_box", args=[campaign.slug, "20"])
    assert placeholder.get("hx-get") == address and placeholder.get("hx-trigger") == "load"
    assert not placeholder.xpath(".//*[@class='big']")
    # Without scripts the placeholder still leads to the page.
    link = placeholder.xpath(".//a")[0]
    assert link.get("href") == reverse("earlywarning", args=[campaign.slug, "20"])
    box = tree(client.get(address)).get_element_by_id("early-warning")
    high = len(rows(page(client, campaign, code="20", query="?muc=cao")))
    assert box.xpath(".//*[@data-level='cao']/*[@class='big']")[0].text_content() == str(high)
    assert f"Xem cả {AT_RISK} đại hội" in box.xpath(".//p[@class='actions']/a")[0].text_content()
    Congress.objects.filter(campaign=campaign).update(held_date=today(), state=CongressState.HELD)
    emptied = client.get(address)
    assert emptied.status_code == 200 and emptied.content == b""


@pytest.mark.parametrize("username", ["locbinh", "langson", "lanhdao-lb"])
def test_every_link_to_act_opens_for_whoever_sees_the_page(
    campaign: Campaign, username: str
) -> None:
    """A read-only leader gets no link to a page that would refuse them (issue 17.2)."""
    if username == "lanhdao-lb":
        User.objects.create_user(
            username, organisation=Organisation.objects.get(code=LOC_BINH), roles=[Role.LEADER]
        )
    client = login(username)
    hrefs = set()
    for reason in Reason:
        found = rows(page(client, campaign, query=f"?ly-do={reason.value}"))
        hrefs |= {a.get("href") for row in found for a in row.xpath(".//a")}
    assert len(hrefs) > 10
    wrong = {href: client.get(href).status_code for href in sorted(hrefs)}
    assert {href: status for href, status in wrong.items() if status != 200} == {}


def test_the_page_and_the_box_read_a_fixed_number_of_statements(campaign: Campaign) -> None:
    """Lạng Sơn, Lộc Bình (446 open below, 50 shown) and one of its communes (a handful):
    the same statements but for one per level below (the peers); none per congress."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from daihoi.earlywarning.panels import box

    client = login("langson")
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="langson")
    commune = communes(campaign)[1].organisation.code
    sent = {}
    for code in ("20", LOC_BINH, commune):
        url = reverse("earlywarning", args=[campaign.slug, code])
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        sent[("page", code)] = len(queries)
        org = Organisation.objects.get(structure=campaign.structure, code=code)
        with CaptureQueriesContext(connection) as queries:
            assert box(request, campaign, org) is not None
        sent[("box", code)] = len(queries)
    # Cells below the commune; communes and cells below Lộc Bình; districts too below Lạng Sơn.
    for what in ("page", "box"):
        assert sent[(what, LOC_BINH)] - sent[(what, commune)] <= 1, sent
        assert sent[(what, "20")] - sent[(what, commune)] <= 2, sent
