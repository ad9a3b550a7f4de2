"""Cadres' records: they follow their unit when the tree changes."""

from __future__ import annotations

import pytest

from tests.personnel.helpers import (
    make_people,
)

pytestmark = pytest.mark.django_db


def test_moving_a_subtree_moves_the_people_with_it():
    from daihoi.orgs.signals import subtree_moved

    person = make_people()[0]
    old = person.org_path
    subtree_moved.send(sender=None, old_path=old, new_path="ZZZZ" + old[4:])
    person.refresh_from_db()
    assert person.org_path == "ZZZZ" + old[4:]
