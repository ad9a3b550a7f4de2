"""Cadres' records: they follow their unit when the tree changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.audit.models import AuditEntry
from daihoi.personnel.actions.people import (
    do_create_person,
    do_import_people,
    do_update_person,
    new_person,
)
from tests.conftest import org
from tests.personnel.helpers import (
    documents_member,
    make_people,
    staff,
)

pytestmark = pytest.mark.django_db


def test_moving_a_subtree_moves_the_people_with_it():
    from daihoi.orgs.signals import subtree_moved

    person = make_people()[0]
    old = person.org_path
    subtree_moved.send(sender=None, old_path=old, new_path="ZZZZ" + old[4:])
    person.refresh_from_db()
    assert person.org_path == "ZZZZ" + old[4:]


def test_a_person_is_created_and_corrected_and_the_trail_names_fields_never_values():
    person = do_create_person(
        org("188"),
        {"full_name": "Lò  Văn   Hai", "gender": "M", "birth_date": dt.date(1978, 3, 12)},
        acting_user=staff(),
    )
    assert (person.full_name, person.search_name) == ("Lò Văn Hai", "lo van hai")
    do_update_person(person, {"position": "Bí thư", "ethnicity": "Thái"}, acting_user=staff())
    entry = AuditEntry.objects.filter(action="personnel.person_update").get()
    assert entry.after == {"person": person.pk, "fields": ["ethnicity", "position"]}
    assert entry.before is None and "Bí thư" not in str(entry.after)


def test_a_correction_that_changes_nothing_leaves_no_entry():
    person = make_people()[0]
    do_update_person(person, {"position": person.position}, acting_user=staff())
    assert not AuditEntry.objects.filter(action="personnel.person_update").exists()


def test_the_documents_subcommittee_may_not_add_or_correct_a_record():
    person = make_people()[0]
    with pytest.raises(PermissionDenied):
        do_create_person(
            org("188"),
            {"full_name": "Lò Văn Ba", "gender": "M", "birth_date": dt.date(1978, 3, 12)},
            acting_user=documents_member(),
        )
    with pytest.raises(PermissionDenied):
        do_update_person(person, {"position": "Bí thư"}, acting_user=documents_member())
    person.refresh_from_db()
    assert person.position == ""


def test_an_import_is_written_whole_and_counted():
    people = [
        new_person(org("188"), {"full_name": n, "gender": "F", "birth_date": dt.date(1980, 1, d)})
        for d, n in ((1, "Vi Thị Một"), (2, "Vi Thị Hai"))
    ]
    assert do_import_people(org("188"), people, acting_user=staff(), source="a.xlsx") == 2
    entry = AuditEntry.objects.filter(action="personnel.import").get()
    assert entry.after["people"] == 2 and entry.target == "a.xlsx"
    with pytest.raises(PermissionDenied):
        do_import_people(org("188"), [], acting_user=documents_member())
