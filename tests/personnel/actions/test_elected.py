"""The elected committee recorded from an adopted list."""

from __future__ import annotations

import pytest

from daihoi.core.errors import ActionRefused
from daihoi.personnel.actions.elected import do_record_elected_from_list
from daihoi.personnel.actions.lists import (
    do_adopt_list,
)
from tests.personnel.helpers import (
    eleven_seat_list,
    staff,
)

pytestmark = pytest.mark.django_db


def test_the_elected_are_recorded_from_an_adopted_list_up_to_the_seats():
    cl, people = eleven_seat_list()
    with pytest.raises(ActionRefused):
        do_record_elected_from_list(cl, [p.pk for p in people[:11]], acting_user=staff())
    do_adopt_list(cl, acting_user=staff())
    with pytest.raises(ActionRefused):
        do_record_elected_from_list(cl, [p.pk for p in people], acting_user=staff())
    assert do_record_elected_from_list(cl, [p.pk for p in people[:11]], acting_user=staff()) == 11
    assert cl.congress.elected.filter(female=True).count() == 2
