"""The elected committee recorded from an adopted list."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.personnel.actions.elected import do_record_elected_from_list
from daihoi.personnel.actions.lists import (
    do_adopt_list,
)
from tests.personnel.helpers import (
    documents_member,
    eleven_seat_list,
    refused,
    staff,
)

pytestmark = pytest.mark.django_db


def test_the_elected_are_recorded_from_an_adopted_list_up_to_the_seats():
    cl, people = eleven_seat_list()
    with refused("list_not_adopted"):
        do_record_elected_from_list(cl, [p.pk for p in people[:11]], acting_user=staff())
    do_adopt_list(cl, acting_user=staff())
    with refused("none_chosen"):
        do_record_elected_from_list(cl, [], acting_user=staff())
    with refused("more_than_seats"):
        do_record_elected_from_list(cl, [p.pk for p in people], acting_user=staff())
    assert do_record_elected_from_list(cl, [p.pk for p in people[:11]], acting_user=staff()) == 11
    assert cl.congress.elected.filter(female=True).count() == 2


def test_the_documents_subcommittee_may_not_record_the_elected():
    cl, people = eleven_seat_list()
    do_adopt_list(cl, acting_user=staff())
    with pytest.raises(PermissionDenied):
        do_record_elected_from_list(cl, [people[0].pk], acting_user=documents_member())
    assert not cl.congress.elected.exists()
