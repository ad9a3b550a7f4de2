"""The search across kinds: what each user finds, grouped, without diacritics, in scope."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import resolve

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Campaign, Congress
from daihoi.drafts.actions.documents import do_create_document
from daihoi.drafts.models import DocKind
from daihoi.elections.actions.lifecycle import do_create_election
from daihoi.orgs.models import Organisation
from daihoi.personnel.actions.people import do_create_person
from daihoi.personnel.models import Person
from daihoi.search.queries import PAGE_LIMIT, POPUP_LIMIT, search_all
from tests.conftest import login, org
from tests.personnel.helpers import THIRTEEN

pytestmark = pytest.mark.django_db


def groups(client: Client, query: str, *, popup: bool = False) -> dict[str, list[str]]:
    """The page's hits by kind: {"orgs": ["Đảng bộ huyện Lộc Bình — Đảng bộ tỉnh Lạng Sơn", …]}."""
    headers = {"HX-Request": "true"} if popup else {}
    response = client.get("/tim-kiem/", {"q": query}, headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    found: dict[str, list[str]] = {}
    for kind, body in re.findall(r'data-kind="(\w+)">(.*?)</section>', html, re.S):
        found[kind] = [
            re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<a [^>]*>(.*?)</a>", body)
        ]
    return found


def make_people(code: str = "188") -> list[Person]:
    """The thirteen of the personnel tests, in the unit `code` (any province)."""
    admin = User.objects.get(username="quantri")
    where = org(code)
    return [
        do_create_person(
            where,
            {"full_name": name, "gender": gender, "birth_date": born, "ethnicity": "Tày"},
            acting_user=admin,
        )
        for name, gender, born, _outgoing in THIRTEEN
    ]


def unescape(texts: list[str]) -> list[str]:
    import html

    return [html.unescape(t) for t in texts]


@pytest.fixture
def congresses(db: None, demo_campaign: Campaign) -> Campaign:
    """Lộc Bình's and Sóc Trăng's congresses, each with an election and a political report."""
    admin = User.objects.get(username="quantri")
    for code in ("188", "94"):
        congress = Congress.objects.get(campaign=demo_campaign, organisation__code=code)
        do_create_election(congress, "committee", 11, acting_user=admin)
        do_create_document(congress, DocKind.POLITICAL_REPORT, acting_user=admin)
    return demo_campaign


def test_an_organisation_is_shown_with_its_parent_so_same_names_can_be_told_apart(
    loc_binh_staff: Client,
) -> None:
    loc_binh = org("188")
    twins = (
        Organisation.objects.filter(path__startswith=loc_binh.path, depth=loc_binh.depth + 2)
        .values("name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("-n", "name")
        .first()
    )
    assert twins is not None, "the demo has cells of the same name under Lộc Bình"
    hits = unescape(groups(loc_binh_staff, twins["name"])["orgs"])
    cells = Organisation.objects.filter(path__startswith=loc_binh.path, name=twins["name"])
    expected = {f"{c.name} — {Organisation.objects.get(path=c.parent_path).name}" for c in cells}
    assert expected <= set(hits)
    assert len(expected) > 1  # each names a different commune


def test_a_query_without_diacritics_finds_the_congress_its_election_and_its_report(
    congresses: Campaign, loc_binh_staff: Client
) -> None:
    found = groups(loc_binh_staff, "loc binh")
    assert "Đảng bộ huyện Lộc Bình" in unescape(found["orgs"])[0]
    assert "Đại hội Đảng bộ huyện Lộc Bình — Đảng bộ tỉnh Lạng Sơn" in unescape(found["congresses"])
    assert any(
        "Lộc Bình" in t
        for t in unescape(groups(loc_binh_staff, "ban chap hanh loc binh")["elections"])
    )
    reports = unescape(groups(loc_binh_staff, "bao cao chinh tri")["drafts"])
    assert reports and all("Báo cáo chính trị" in t for t in reports)


def test_each_hit_links_to_its_page(congresses: Campaign, loc_binh_staff: Client) -> None:
    html = loc_binh_staff.get("/tim-kiem/", {"q": "loc binh"}).content.decode()
    links = set(re.findall(r'<li><a href="([^"]+)"', html))
    assert "/to-chuc/2020/188/" in links
    assert f"/dai-hoi/{congresses.slug}/188/" in links
    names = {resolve(link).url_name for link in links}
    assert {"org_detail", "congress_detail", "election_detail", "drafts_document"} <= names
    assert loc_binh_staff.get("/to-chuc/2020/188/").status_code == 200


def test_a_governing_document_is_found_by_its_number(
    congresses: Campaign, loc_binh_staff: Client
) -> None:
    assert any(
        t.startswith("35-CT/TW") for t in unescape(groups(loc_binh_staff, "35-CT/TW")["documents"])
    )
    # Sóc Trăng's plan is Sóc Trăng's: Lộc Bình does not find it, Sóc Trăng does.
    assert "documents" not in groups(loc_binh_staff, "93-KH/TU")
    assert any(
        t.startswith("93-KH/TU")
        for t in unescape(groups(login("soctrang"), "93 kh tu")["documents"])
    )


def test_a_loc_binh_user_finds_nothing_of_soc_trang(congresses: Campaign) -> None:
    make_people(code="94")
    loc_binh = login("locbinh")
    assert groups(loc_binh, "soc trang") == {}
    assert groups(loc_binh, "Hoàng") == {}
    # The same queries find Sóc Trăng's things for Sóc Trăng.
    found = groups(login("soctrang"), "soc trang")
    assert {"orgs", "congresses", "elections", "drafts"} <= set(found)


def test_personnel_staff_find_people_without_diacritics_and_the_read_is_audited(
    loc_binh_staff: Client,
) -> None:
    people = make_people()
    target = people[0]
    before = AuditEntry.objects.filter(action="personnel.list_view").count()
    hits = unescape(groups(loc_binh_staff, "hoang van")["people"])
    shown = [p for p in people if p.search_name.startswith("hoang van")]
    assert shown and {p.full_name for p in shown} <= set(hits)
    entry = AuditEntry.objects.filter(action="personnel.list_view").latest("pk")
    assert AuditEntry.objects.filter(action="personnel.list_view").count() == before + 1
    assert entry.after["page"] == "search"
    assert set(entry.after["people"]) == {p.pk for p in shown}
    # Ids only: the trail holds no name.
    assert target.full_name not in str(entry.after) and target.full_name not in entry.target


@pytest.mark.parametrize("username", ["lanhdao", "tieuban", "kiemphieu", "daibieu"])
def test_a_user_who_may_not_read_personnel_finds_no_people(username: str) -> None:
    make_people()
    make_people(code="34-KCQ-SCT")
    make_people(code="94")
    before = AuditEntry.objects.filter(action="personnel.list_view").count()
    assert "people" not in groups(login(username), "hoang")
    assert AuditEntry.objects.filter(action="personnel.list_view").count() == before


def test_the_personnel_subcommittee_finds_its_units_people(db: None) -> None:
    make_people(code="34-KCQ-SCT")
    assert groups(login("nhansu"), "hoang van")["people"]


def test_the_popup_shows_a_few_of_each_kind_and_links_to_every_result(
    congresses: Campaign, national_admin: Client
) -> None:
    found = groups(national_admin, "chi bo", popup=True)
    assert len(found["orgs"]) == POPUP_LIMIT  # of the hundreds of cells
    html = national_admin.get("/tim-kiem/", {"q": "chi bo"}, headers={"HX-Request": "true"})
    assert b"/tim-kiem/?q=chi%20bo" in html.content
    assert b"<h1" not in html.content and b"<h2" not in html.content
    page = national_admin.get("/tim-kiem/", {"q": "chi bo"}).content.decode()
    assert len(groups(national_admin, "chi bo")["orgs"]) == PAGE_LIMIT
    assert "Còn nữa; hãy gõ thêm để thu hẹp." in page


def test_a_query_of_one_letter_searches_nothing(loc_binh_staff: Client) -> None:
    assert groups(loc_binh_staff, "l") == {}
    assert (
        loc_binh_staff.get("/tim-kiem/", {"q": "l"}, headers={"HX-Request": "true"}).content == b""
    )


# PostgreSQL takes the audit chain's advisory lock before appending to it (audit/log.py).
AUDIT_LOCK = 1 if connection.vendor == "postgresql" else 0


def test_the_search_costs_the_same_queries_for_the_nation_as_for_a_district(
    congresses: Campaign, django_assert_num_queries: Any
) -> None:
    make_people()
    for username in ("locbinh", "quantri"):
        user = User.objects.select_related("organisation").get(username=username)
        # Organisations by code, by name, their parents; people and the audit of that read;
        # congresses and their parents, elections, congress documents; document types,
        # governing documents.
        with django_assert_num_queries(12 + AUDIT_LOCK):
            results = search_all(user, "dong", limit=PAGE_LIMIT)
        assert all(len(g.hits) <= PAGE_LIMIT for g in results.groups)


def test_every_hit_of_a_kind_is_within_the_user_subtree(congresses: Campaign) -> None:
    html = login("locbinh").get("/tim-kiem/", {"q": "dai hoi"}).content.decode()
    codes = re.findall(rf"/dai-hoi/{congresses.slug}/([^/]+)/", html)
    loc_binh = org("188")
    assert codes
    for code in codes:
        assert org(code).path.startswith(loc_binh.path)
