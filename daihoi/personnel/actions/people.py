"""Cadres' records: add, correct, import; and the audited read of one record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.lib.names import normalise_name
from daihoi.lib.text import fold
from daihoi.orgs.models import Organisation
from daihoi.orgs.names import checked_name
from daihoi.personnel import access
from daihoi.personnel.birthdates import checked_birth_date
from daihoi.personnel.models import Person

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def person_snapshot(person: Person) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat(),
        "ethnicity": person.ethnicity,
        "position": person.position,
        "outgoing_committee": person.outgoing_committee,
        "planned": person.planned,
    }


def new_person(org: Organisation, values: Mapping[str, Any]) -> Person:
    """Build (not save) a person of org with the name normalised and folded for search."""
    person = Person(organisation=org, org_path=org.path, **values)
    person.full_name = normalise_name(person.full_name)
    person.search_name = fold(person.full_name)
    return person


@transaction.atomic(durable=True)
def do_create_person(org: Organisation, values: Mapping[str, Any], *, acting_user: User) -> Person:
    access.require_writer(acting_user, org)
    name = checked_name(str(values.get("full_name", "")), field=_("Họ và tên"))
    if values.get("birth_date") is not None:
        checked_birth_date(values["birth_date"])
    person = new_person(org, {**values, "full_name": name})
    person.save()
    log.record(
        "personnel.person_create",
        actor=acting_user,
        organisation=org,
        target=f"person:{person.pk}",
        after={"person": person.pk, "fields": sorted(person_snapshot(person))},
    )
    return person


@transaction.atomic(durable=True)
def do_update_person(person: Person, values: Mapping[str, Any], *, acting_user: User) -> Person:
    """Correct a person's record; the audit names the fields that changed, never their values."""
    current = Person.objects.select_for_update().select_related("organisation").get(pk=person.pk)
    access.require_writer(acting_user, current.organisation)
    if "full_name" in values:
        values = {**values, "full_name": checked_name(values["full_name"], field=_("Họ và tên"))}
    if values.get("birth_date") is not None:
        checked_birth_date(values["birth_date"])
    with log.audited(
        "personnel.person_update",
        actor=acting_user,
        organisation=current.organisation,
        target=f"person:{current.pk}",
        snapshot=lambda: person_snapshot(current),
        personal=True,
        extra={"person": current.pk},
    ):
        for name, value in values.items():
            setattr(current, name, value)
        current.full_name = normalise_name(current.full_name)
        current.search_name = fold(current.full_name)
        current.save()
    return current


def record_person_view(person: Person, *, acting_user: User) -> None:
    """Write who opened a person's record: personal data reads are audited."""
    log.record(
        "personnel.view",
        actor=acting_user,
        organisation=person.organisation,
        target=f"person:{person.pk}",
    )


@transaction.atomic(durable=True)
def do_import_people(
    org: Organisation, people: Sequence[Person], *, acting_user: User, source: str = ""
) -> int:
    """Write the people of a checked import, all together."""
    access.require_writer(acting_user, org)
    Person.objects.bulk_create(people, batch_size=1000)
    log.record(
        "personnel.import",
        actor=acting_user,
        organisation=org,
        target=source,
        after={"people": len(people), "ids": [p.pk for p in people][:200]},
    )
    return len(people)
