"""The list page and its writes: add, remove, standing committee, elected, adopt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from daihoi.personnel.actions.complaints import (
    do_register_complaint,
)
from daihoi.personnel.actions.lists import (
    do_add_to_list,
    do_create_list,
)
from daihoi.personnel.models import ComplaintKind
from tests.conftest import login
from tests.personnel.helpers import (
    loc_binh_congress,
    make_people,
    one_person,
    staff,
)

pytestmark = pytest.mark.django_db


def test_the_list_page_shows_the_surplus_and_every_target():
    congress = loc_binh_congress()
    cl = do_create_list(congress, "committee", 11, acting_user=staff())
    for p in make_people():
        do_add_to_list(cl, p, acting_user=staff())
    body = login("locbinh").get(reverse("personnel_list", args=[cl.pk])).content.decode()
    assert "18,18%" in body
    for label in ("Nữ cấp ủy viên", "Dưới 40 tuổi", "Từ 40 đến 50 tuổi", "Đổi mới"):
        assert label in body
    assert "Thông qua danh sách" in body


def test_a_person_with_an_open_complaint_is_flagged_on_the_list():
    congress = loc_binh_congress()
    cl = do_create_list(congress, "committee", 1, acting_user=staff())
    person = one_person()
    do_add_to_list(cl, person, acting_user=staff())
    do_register_complaint(
        congress,
        person,
        {
            "received": dt.date(2020, 6, 1),
            "content": "x",
            "classification": ComplaintKind.COMPLAINT,
        },
        acting_user=staff(),
    )
    body = login("locbinh").get(reverse("personnel_list", args=[cl.pk])).content.decode()
    assert 'class="flag"' in body and "đơn thư chưa giải quyết xong" in body
