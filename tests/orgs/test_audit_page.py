"""The audit trail's page, a page at a time (issue 19.5): the shared pager, `?trang=`, no 500.

The trail only grows, so the page counts it only a little past the page asked for:
a unit with a short trail shows its total, the root of a long one says "Trang n"
and offers the next page without a last one.
"""

from __future__ import annotations

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from daihoi.audit import log
from daihoi.audit.models import AuditEntry
from daihoi.orgs import trail
from tests.conftest import org

pytestmark = pytest.mark.django_db

COMMUNE = "/to-chuc/2020/06553/nhat-ky/"


def _write(count: int, code: str = "06553") -> None:
    """`count` entries at `code`, the newest of the trail, targets muc-001 (oldest) upwards."""
    where = org(code)
    log.record_many(
        "org.update",
        actor=None,
        entries=[
            (where, f"muc-{i:03d}", {"members": i}, {"members": i + 1}) for i in range(1, count + 1)
        ],
    )


def _targets(html: bytes) -> list[str]:
    page = lxml.html.fromstring(html)
    return [td.text_content() for td in page.xpath("//table[@class='grid']/tbody/tr/td[4]")]


def _pager(html: bytes) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html).xpath("//nav[@class='pager']")[0]


def _shown(html: bytes) -> str:
    return " ".join(_pager(html).xpath(".//span[@aria-current='page']")[0].text_content().split())


def test_page_2_shows_the_next_entries(loc_binh_staff: Client) -> None:
    _write(120)
    first, second = (loc_binh_staff.get(COMMUNE + q).content for q in ("", "?trang=2"))
    assert _targets(first)[:50] == [f"muc-{i:03d}" for i in range(120, 70, -1)]
    assert _targets(second)[:50] == [f"muc-{i:03d}" for i in range(70, 20, -1)]
    assert _pager(second).xpath(".//a[@rel='prev']/@href") == ["?trang=1"]
    assert _pager(second).xpath(".//a[@rel='next']/@href") == ["?trang=3"]


def test_a_short_trail_shows_its_total_and_its_last_page(loc_binh_staff: Client) -> None:
    _write(120)
    total = trail._entries(org("06553"), [], by_date=False).count()
    assert 120 <= total < 300  # the commune's own trail: the demo's import and these
    pages = -(-total // 50)
    first = loc_binh_staff.get(COMMUNE).content
    assert _shown(first) == f"Trang 1/{pages} · dòng 1–50 trong {total}"
    assert _pager(first).xpath(".//a[@rel='last']/@href") == [f"?trang={pages}"]


@pytest.mark.parametrize(
    ("number", "opened"),
    [("abc", "first"), ("0", "first"), ("-1", "first"), ("1.5", "first"), ("", "first"),
     ("99999", "last"), ("9" * 40, "last")],
)  # fmt: skip
def test_a_page_number_that_is_not_one_opens_the_nearest_page(
    loc_binh_staff: Client, number: str, opened: str
) -> None:
    _write(120)
    response = loc_binh_staff.get(COMMUNE, {"trang": number})
    assert response.status_code == 200
    targets = _targets(response.content)
    if opened == "first":
        assert targets[0] == "muc-120" and _shown(response.content).startswith("Trang 1/")
    else:
        assert "muc-120" not in targets and not _pager(response.content).xpath(".//a[@rel='next']")


def test_the_pager_keeps_the_other_parameters_of_the_address(loc_binh_staff: Client) -> None:
    _write(120)
    second = loc_binh_staff.get(COMMUNE, {"trang": "2", "loc": "org.update"}).content
    assert _pager(second).xpath(".//a[@rel='next']/@href") == ["?trang=3&loc=org.update"]
    assert _pager(second).xpath(".//a[@rel='prev']/@href") == ["?trang=1&loc=org.update"]


def test_the_root_of_a_long_trail_says_more_without_counting_it_whole(
    national_admin: Client,
) -> None:
    _write(120, code="20")
    url = "/to-chuc/2020/TW/nhat-ky/"
    with CaptureQueriesContext(connection) as queries:
        first = national_admin.get(url).content
    # Every count of the trail stops at a LIMIT: the demo's import alone is thousands.
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "audit_auditentry" in q["sql"]]
    assert counts and all("LIMIT" in sql for sql in counts)
    assert AuditEntry.objects.count() > 1000
    assert _shown(first) == "Trang 1 · dòng 1–50"
    assert not _pager(first).xpath(".//a[@rel='last']")
    assert _targets(first)[:50] == [f"muc-{i:03d}" for i in range(120, 70, -1)]
    third = national_admin.get(url, {"trang": "3"}).content
    assert _targets(third)[:20] == [f"muc-{i:03d}" for i in range(20, 0, -1)]
    assert _shown(third) == "Trang 3 · dòng 101–150"
    assert _pager(third).xpath(".//a[@rel='first']/@href") == ["?trang=1"]


def test_both_ways_of_reading_the_trail_leave_out_the_hidden_actions() -> None:
    # Who may read personnel entries: tests/audit/test_personal_data.py.
    _write(60)
    log.record("personnel.view", actor=None, organisation=org("06553"), target="person:1")
    for by_date in (False, True):
        shown = trail._entries(org("188"), ["personnel."], by_date=by_date)
        assert not shown.filter(action__startswith="personnel.").exists()
        assert shown.filter(target="muc-060").exists()


@pytest.mark.parametrize("code", ["TW", "20", "188", "06553"])
def test_both_ways_of_reading_the_trail_give_the_same_pages(code: str) -> None:
    _write(70, code="06553")
    unit = org(code)
    by_unit = trail._entries(unit, [], by_date=False)
    by_date = trail._entries(unit, [], by_date=True)
    for start in (0, 50, 100):
        assert list(by_unit[start : start + 50].values_list("pk", flat=True)) == list(
            by_date[start : start + 50].values_list("pk", flat=True)
        )
