"""The shared pager ({% pager %}): its links keep the page's filters and change the page alone."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from daihoi.core import paging


def _links(path: str, extra: str = "") -> list[str]:
    import lxml.html

    request = RequestFactory().get(path)
    page = Paginator(list(range(120)), 50).get_page(2)
    html = Template("{% load pager %}{% pager page " + extra + " %}").render(
        Context({"request": request, "page": page, "list_url": "/danh-sach/"})
    )
    return [a.get("href") for a in lxml.html.fromstring(html).xpath("//a")]


def test_the_links_keep_the_filters_and_change_only_the_page() -> None:
    assert _links("/y-kien/?xuly=chua&trang=2") == ["?xuly=chua&trang=1", "?xuly=chua&trang=3"]


def test_a_page_drawn_by_a_form_post_links_back_to_its_list() -> None:
    # A refusal shown at the action's address: the links lead to the list, filters kept.
    links = _links("/y-kien/gop/?xuly=chua", "url=list_url")
    assert links == ["/danh-sach/?xuly=chua&trang=1", "/danh-sach/?xuly=chua&trang=3"]


def test_a_list_counted_part_way_shows_no_total_and_no_last_page() -> None:
    import lxml.html

    request = RequestFactory().get("/nhat-ky/", {"trang": "3"})
    page = paging.paginate(request, list(range(200)), count=200, more=True)
    assert page.number == 3 and list(page.object_list) == list(range(100, 150))
    html = Template("{% load pager %}{% pager page %}").render(
        Context({"request": request, "page": page})
    )
    nav = lxml.html.fromstring(html)
    assert " ".join(nav.xpath("//span")[0].text_content().split()) == "Trang 3 · dòng 101–150"
    assert [a.get("rel") for a in nav.xpath("//a")] == ["first", "prev", "next"]


def test_a_page_number_below_1_opens_the_first_page() -> None:
    for asked in ("0", "-4", "x", "1e3"):
        request = RequestFactory().get("/", {"trang": asked})
        assert paging.paginate(request, list(range(120))).number == 1
