"""Designating users at the desks from the register page (views/desk_staff.py)."""

from __future__ import annotations

import pytest

from daihoi.accounts.models import Role, User
from daihoi.assembly import queries
from daihoi.assembly.actions.desk_staff import do_set_desk_staff
from daihoi.orgs.models import Organisation
from tests.assembly.helpers import assert_post_denied, loc_binh_congress, page_url, staff
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _clerk() -> User:
    return User.objects.create_user(
        "ban-diem-danh",
        organisation=Organisation.objects.get(code="188"),
        roles=[Role.SUBCOMMITTEE],
    )


def test_a_clerk_is_designated_then_taken_off_after_a_confirmation() -> None:
    congress = loc_binh_congress()
    clerk = _clerk()
    client = login("locbinh")
    added = client.post(page_url(congress, "assembly_desk_staff_add"), {"username": clerk.username})
    assert added.status_code == 302 and queries.desk_staff(congress) == [clerk]
    page = client.get(page_url(congress, "assembly_register")).content.decode()
    remove = page_url(congress, "assembly_desk_staff_remove", clerk.pk)
    assert f'action="{remove}"' in page and "data-confirm=" in page
    assert client.post(remove).status_code == 302
    assert queries.desk_staff(congress) == []


def test_an_unknown_or_outside_account_is_marked_beside_the_username() -> None:
    congress = loc_binh_congress()
    client = login("locbinh")
    url = page_url(congress, "assembly_desk_staff_add")
    for name in ("khong-co-ai", "soctrang"):
        page = client.post(url, {"username": name})
        assert page.status_code == 400
        assert page.context["desk_form"].errors["username"]
        assert f'value="{name}"' in page.content.decode()
    assert queries.desk_staff(congress) == []


def test_readers_and_outsiders_may_not_designate_or_remove() -> None:
    congress = loc_binh_congress()
    clerk = _clerk()
    assert_post_denied(page_url(congress, "assembly_desk_staff_add"), {"username": clerk.username})
    do_set_desk_staff(congress, clerk, desk=True, acting_user=staff())
    assert_post_denied(page_url(congress, "assembly_desk_staff_remove", clerk.pk))
    assert queries.desk_staff(congress) == [clerk]
