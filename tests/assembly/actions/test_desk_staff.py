"""Designating users at the check-in desks (actions/desk_staff.py)."""

from __future__ import annotations

import pytest

from daihoi.accounts.models import Role, User
from daihoi.assembly import queries
from daihoi.assembly.access import may_check_in
from daihoi.assembly.actions.desk_staff import do_set_desk_staff
from daihoi.orgs.models import Organisation
from tests.assembly.helpers import assert_denied, loc_binh_congress, staff
from tests.denials import refusal_codes

pytestmark = pytest.mark.django_db


def _clerk() -> User:
    return User.objects.create_user(
        "ban-diem-danh",
        organisation=Organisation.objects.get(code="188"),
        roles=[Role.SUBCOMMITTEE],
    )


def test_a_clerk_is_designated_and_taken_off_again() -> None:
    congress = loc_binh_congress()
    clerk = _clerk()
    do_set_desk_staff(congress, clerk, desk=True, acting_user=staff())
    assert queries.desk_staff(congress) == [clerk] and may_check_in(clerk, congress)
    do_set_desk_staff(congress, clerk, desk=False, acting_user=staff())
    assert queries.desk_staff(congress) == [] and not may_check_in(clerk, congress)


def test_an_account_outside_the_congress_is_refused_by_code() -> None:
    congress = loc_binh_congress()
    stranger = User.objects.get(username="soctrang")
    assert refusal_codes(
        lambda: do_set_desk_staff(congress, stranger, desk=True, acting_user=staff())
    ) == ["user_outside"]
    assert queries.desk_staff(congress) == []


def test_a_reader_and_an_outsider_may_not_designate() -> None:
    congress = loc_binh_congress()
    clerk = _clerk()
    assert_denied(lambda user: do_set_desk_staff(congress, clerk, desk=True, acting_user=user))
    assert queries.desk_staff(congress) == []
