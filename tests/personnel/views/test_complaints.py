"""A complaint's page: settled at /giai-quyet/, let through by the superior at /cap-tren/."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from daihoi.personnel.actions.complaints import do_register_complaint, do_settle_complaint
from daihoi.personnel.models import Complaint, ComplaintKind, ComplaintStatus
from tests.personnel.helpers import (
    client_of,
    documents_member,
    loc_binh_congress,
    one_person,
    staff,
)

pytestmark = pytest.mark.django_db


def open_complaint() -> Complaint:
    return do_register_complaint(
        loc_binh_congress(),
        one_person(),
        {
            "received": dt.date(2020, 6, 1),
            "content": "Kê khai chưa trung thực",
            "classification": ComplaintKind.DENUNCIATION,
        },
        acting_user=staff(),
    )


def test_the_unit_settles_a_complaint_at_its_own_url():
    complaint = open_complaint()
    url = reverse("personnel_complaint_settle", args=[complaint.pk])
    response = client_of(staff()).post(url, {"outcome": "Đã xác minh, không có vi phạm"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.SETTLED


def test_settling_asks_first_and_the_page_offers_no_action_field():
    complaint = open_complaint()
    body = client_of(staff()).get(reverse("personnel_complaint", args=[complaint.pk])).content
    page = lxml.html.fromstring(body)
    button = page.xpath('//section[@id="settle"]//button')[0]
    assert "không mở lại được" in button.get("data-confirm")
    assert not page.xpath('//input[@name="action"]')


def test_a_settled_complaint_refuses_a_second_outcome_beside_the_form():
    complaint = open_complaint()
    do_settle_complaint(complaint, "Lần một", acting_user=staff())
    url = reverse("personnel_complaint_settle", args=[complaint.pk])
    response = client_of(staff()).post(url, {"outcome": "Lần hai"})
    assert response.status_code == 200
    assert "Đơn thư này đã giải quyết xong." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.outcome == "Lần một"


def test_an_empty_outcome_is_marked_and_focused():
    complaint = open_complaint()
    url = reverse("personnel_complaint_settle", args=[complaint.pk])
    page = lxml.html.fromstring(client_of(staff()).post(url, {"outcome": ""}).content)
    field = page.xpath('//textarea[@name="outcome"]')[0]
    assert field.get("autofocus") is not None and field.get("aria-invalid") == "true"


def test_the_superior_overrides_and_a_short_reason_comes_back_with_what_was_typed():
    complaint = open_complaint()
    url = reverse("personnel_complaint_override", args=[complaint.pk])
    superior = client_of("langson")
    short = superior.post(url, {"reason": "ngắn"})
    assert short.status_code == 200 and "ngắn</textarea>" in short.content.decode()
    assert superior.post(url, {"reason": "Đơn nặc danh, không có căn cứ"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.overridden_at is not None


def test_the_unit_itself_and_the_documents_subcommittee_may_not_override():
    complaint = open_complaint()
    url = reverse("personnel_complaint_override", args=[complaint.pk])
    data = {"reason": "Đơn nặc danh, không có căn cứ"}
    assert client_of(staff()).post(url, data).status_code == 403
    assert client_of(documents_member()).post(url, data).status_code == 403
    assert client_of("soctrang").post(url, data).status_code == 404
    assert client_of("langson").get(url).status_code == 405
    complaint.refresh_from_db()
    assert complaint.overridden_at is None


def test_settling_is_refused_to_those_without_the_role():
    complaint = open_complaint()
    url = reverse("personnel_complaint_settle", args=[complaint.pk])
    assert client_of(documents_member()).post(url, {"outcome": "x"}).status_code == 403
    assert client_of("soctrang").post(url, {"outcome": "x"}).status_code == 404
    assert client_of(staff()).get(url).status_code == 405
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OPEN
