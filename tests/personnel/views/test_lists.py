"""The list page and its writes: add, remove, standing committee, elected, adopt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.personnel.actions.complaints import (
    do_register_complaint,
)
from daihoi.personnel.actions.lists import (
    do_add_to_list,
    do_adopt_list,
    do_create_list,
)
from daihoi.personnel.actions.people import do_create_person
from daihoi.personnel.models import ComplaintKind, ListState
from tests.conftest import login, org
from tests.personnel.helpers import (
    assert_write_refused,
    client_of,
    eleven_seat_list,
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


# Each write of the list page at its own URL ------------------------------------------------


def test_a_person_is_added_marked_and_removed_each_at_their_own_url():
    cl, people = eleven_seat_list(3)
    newcomer = make_people([("Lò Văn Mới", "M", dt.date(1980, 1, 1), False)])[0]
    c = client_of(staff())
    added = c.post(reverse("personnel_list_add", args=[cl.pk, newcomer.pk]), {"q": "lo van"})
    assert added.status_code == 302 and added["Location"].endswith("?q=lo+van")
    assert cl.members.filter(person=newcomer, standing=False).exists()
    c.post(reverse("personnel_list_standing", args=[cl.pk, newcomer.pk]), {"standing": "1"})
    assert cl.members.get(person=newcomer).standing is True
    c.post(reverse("personnel_list_remove", args=[cl.pk, newcomer.pk]))
    assert not cl.members.filter(person=newcomer).exists()


def test_removing_from_the_list_asks_first_and_says_what_happens():
    cl, people = eleven_seat_list(1)
    body = client_of(staff()).get(reverse("personnel_list", args=[cl.pk])).content.decode()
    remove = reverse("personnel_list_remove", args=[cl.pk, people[0].pk])
    form = body[body.index(f'action="{remove}"') :].split("</form>")[0]
    assert "data-confirm" in form and "Bỏ Hoàng Văn An khỏi danh sách?" in form
    assert 'name="action"' not in body


def test_an_adopted_list_refuses_each_change_with_a_message_and_keeps_its_people():
    cl, people = eleven_seat_list()
    do_adopt_list(cl, acting_user=staff())
    c = client_of(staff())
    for name in ("personnel_list_remove", "personnel_list_standing"):
        response = c.post(reverse(name, args=[cl.pk, people[0].pk]), follow=True)
        assert "Danh sách đã thông qua" in response.content.decode()
    response = c.post(reverse("personnel_list_adopt", args=[cl.pk]), follow=True)
    assert "Danh sách đã thông qua" in response.content.decode()
    assert cl.members.count() == 13 and not cl.members.filter(standing=True).exists()


def test_a_person_of_another_province_is_not_found_through_the_list():
    cl, _people = eleven_seat_list(1)
    outsider = do_create_person(
        org("94"),
        {"full_name": "Lâm Văn Sơn", "gender": "M", "birth_date": dt.date(1970, 1, 1)},
        acting_user=User.objects.get(username="soctrang"),
    )
    response = client_of(staff()).post(reverse("personnel_list_add", args=[cl.pk, outsider.pk]))
    assert response.status_code == 404 and not cl.members.filter(person=outsider).exists()


def test_a_compliant_list_is_adopted_then_the_elected_recorded():
    cl, people = eleven_seat_list()
    c = client_of(staff())
    assert c.post(reverse("personnel_list_adopt", args=[cl.pk])).status_code == 302
    cl.refresh_from_db()
    assert cl.state == ListState.ADOPTED
    chosen = [str(p.pk) for p in people[:11]]
    c.post(reverse("personnel_list_elected", args=[cl.pk]), {"elected": chosen})
    assert cl.congress.elected.count() == 11


def test_the_elected_of_a_draft_list_are_refused_with_a_message():
    cl, people = eleven_seat_list()
    response = client_of(staff()).post(
        reverse("personnel_list_elected", args=[cl.pk]), {"elected": [people[0].pk]}, follow=True
    )
    assert "Chỉ ghi kết quả từ danh sách đã thông qua." in response.content.decode()
    assert not cl.congress.elected.exists()


@pytest.mark.parametrize(
    ("name", "with_person", "data"),
    [
        ("personnel_list_add", True, {}),
        ("personnel_list_remove", True, {}),
        ("personnel_list_standing", True, {"standing": "1"}),
        ("personnel_list_elected", False, {"elected": ["1"]}),
        ("personnel_list_adopt", False, {}),
    ],
)
def test_each_write_of_the_list_is_refused_to_those_without_the_role(name, with_person, data):
    cl, people = eleven_seat_list(2)
    args = [cl.pk, people[0].pk] if with_person else [cl.pk]
    assert_write_refused(name, args, data)
    assert cl.members.count() == 2
