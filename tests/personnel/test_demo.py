"""The personnel demo reproduces the seed articles' figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse

from daihoi.personnel.demo import load_demo_personnel
from daihoi.personnel.models import CandidateList, ElectedMember, InspectionTeam
from daihoi.personnel.rollup import rollup
from tests.conftest import login, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_campaign):
    load_demo_personnel(demo_campaign, ["20", "34", "94"], lambda line: None)
    return demo_campaign


def test_soc_trang_rollup_reproduces_the_reported_figures(demo):
    figures = rollup(demo, org("94").path, dt.date(2020, 10, 31))
    assert figures.total > 2300
    assert Fraction(figures.first_time, figures.total) > Fraction(25, 100)
    assert Fraction(figures.women, figures.total) > Fraction(22, 100)
    assert Fraction(figures.ethnic_minority, figures.total) > Fraction(9, 100)


def test_the_rollup_counts_only_congresses_held_by_the_day(demo):
    before = rollup(demo, org("94").path, dt.date(2020, 6, 30)).total
    after = rollup(demo, org("94").path, dt.date(2020, 10, 31)).total
    assert 0 < before < after


def test_loading_twice_changes_nothing(demo):
    count = ElectedMember.objects.count()
    load_demo_personnel(demo, ["20", "34", "94"], lambda line: None)
    assert ElectedMember.objects.count() == count


def test_thai_binh_department_list_is_13_for_11_and_lộc_bình_has_three_teams(demo):
    cl = CandidateList.objects.get(congress__organisation__code="34-KCQ-SCT")
    assert (cl.seats, cl.members.count()) == (11, 13)
    body = login("quantri").get(reverse("personnel_list", args=[cl.pk])).content.decode()
    assert "18,18%" in body
    teams = InspectionTeam.objects.filter(organisation__code="188")
    assert teams.count() == 3 and {t.start_date for t in teams} == {dt.date(2020, 2, 19)}


def test_the_dashboard_shows_the_rollup(demo):
    response = login("soctrang").get(
        reverse("dashboard", args=[demo.slug, "94"]), {"ngay": "2020-10-31"}
    )
    body = response.content.decode()
    assert 'id="composition-rollup"' in body


def test_the_rollup_reports_download(demo):
    client = login("soctrang")
    for name in ("personnel_rollup_xlsx", "personnel_rollup_docx"):
        response = client.get(reverse(name, args=[demo.slug, "94"]), {"ngay": "2020-10-31"})
        assert response.status_code == 200
        assert b"".join(response.streaming_content)[:2] == b"PK"  # type: ignore[attr-defined]
        assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}


def test_the_national_rollup_is_one_query(demo, django_assert_num_queries):
    root = org("TW")
    with django_assert_num_queries(1):
        figures = rollup(demo, root.path, dt.date(2021, 1, 1))
    assert figures.total == ElectedMember.objects.filter(campaign=demo).count()
