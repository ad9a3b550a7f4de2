"""Inspection teams: a visit added at /buoi/them/, its follow-up changed at /buoi/<id>/."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from daihoi.personnel.actions.teams import do_add_visit, do_create_team
from daihoi.personnel.models import InspectionTeam
from tests.conftest import org
from tests.personnel.helpers import assert_write_refused, client_of, loc_binh_congress, staff

pytestmark = pytest.mark.django_db


def team() -> InspectionTeam:
    congress = loc_binh_congress()
    return do_create_team(
        congress.campaign,
        congress.organisation,
        name="Đoàn kiểm tra số 1",
        members="Ông A\nBà B",
        start_date=dt.date(2020, 2, 19),
        acting_user=staff(),
    )


def test_a_visit_is_added_and_its_follow_up_marked_done():
    t = team()
    c = client_of(staff())
    added = c.post(
        reverse("personnel_visit_add", args=[t.pk]),
        {"unit": "06553", "date": "01/03/2020", "findings": "Đủ hồ sơ"},
    )
    assert added.status_code == 302
    visit = t.visits.get()
    prefix = f"visit-{visit.pk}"
    updated = c.post(
        reverse("personnel_visit_update", args=[t.pk, visit.pk]),
        {
            f"{prefix}-findings": "Đủ hồ sơ",
            f"{prefix}-follow_up": "Bổ sung",
            f"{prefix}-done": "on",
        },
    )
    assert updated.status_code == 302
    visit.refresh_from_db()
    assert (visit.follow_up, visit.follow_up_done) == ("Bổ sung", True)


def test_a_unit_outside_the_subtree_is_marked_beside_its_field_with_the_values_kept():
    t = team()
    response = client_of(staff()).post(
        reverse("personnel_visit_add", args=[t.pk]),
        {"unit": "94", "date": "01/03/2020", "findings": "Ghi chép"},
    )
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    unit = page.xpath('//section[@id="add-visit"]//input[@name="unit"]')[0]
    assert unit.get("aria-invalid") == "true" and unit.get("value") == "94"
    assert "Không có đơn vị mã «94»" in response.content.decode()
    findings = page.xpath('//section[@id="add-visit"]//textarea[@name="findings"]')[0]
    assert findings.text.strip() == "Ghi chép"
    assert not t.visits.exists()


def test_a_visit_before_the_team_started_is_refused_above_the_form():
    t = team()
    response = client_of(staff()).post(
        reverse("personnel_visit_add", args=[t.pk]), {"unit": "06553", "date": "01/01/2020"}
    )
    assert response.status_code == 200 and "trước ngày đoàn bắt đầu" in response.content.decode()
    assert not t.visits.exists()


@pytest.mark.parametrize("name", ["personnel_visit_add", "personnel_visit_update"])
def test_each_write_of_a_team_is_refused_to_those_without_the_role(name):
    t = team()
    visit = do_add_visit(t, org("06553"), date=dt.date(2020, 3, 1), acting_user=staff())
    args = [t.pk] if name == "personnel_visit_add" else [t.pk, visit.pk]
    assert_write_refused(name, args, {"unit": "06553", "date": "02/03/2020"})
    assert t.visits.count() == 1


def test_a_team_is_sent_at_its_own_url_and_a_nameless_one_comes_back_marked():
    congress = loc_binh_congress()
    url = reverse("personnel_team_create", args=[congress.campaign.slug, "188"])
    c = client_of(staff())
    response = c.post(url, {"name": "", "members": "Ông A", "start_date": "19/02/2020"})
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    name = page.xpath('//section[@id="add-team"]//input[@name="name"]')[0]
    assert name.get("aria-invalid") == "true" and name.get("autofocus") is not None
    assert not InspectionTeam.objects.exists()
    made = c.post(url, {"name": "Đoàn 2", "members": "Ông A", "start_date": "19/02/2020"})
    assert made.status_code == 302
    assert InspectionTeam.objects.get().name == "Đoàn 2"


def test_sending_a_team_is_refused_to_those_without_the_role():
    congress = loc_binh_congress()
    data = {"name": "Đoàn 2", "members": "Ông A", "start_date": "19/02/2020"}
    assert_write_refused("personnel_team_create", [congress.campaign.slug, "188"], data)
    assert not InspectionTeam.objects.exists()
