"""The committee elected at a congress: from an announced election, or from an adopted list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.lib.composition import age_on
from daihoi.lib.text import fold
from daihoi.personnel import access
from daihoi.personnel.actions.lists import list_locked
from daihoi.personnel.models import CandidateList, ElectedMember, ListMember, ListState, Person
from daihoi.personnel.queries import people_for

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def elected_from_person(
    congress: Congress,
    person: Person,
    *,
    first_time: bool,
    standing: bool,
    day: dt.date,
    kind: str = ElectionKind.COMMITTEE,
) -> ElectedMember:
    return ElectedMember(
        congress=congress,
        kind=kind,
        campaign_id=congress.campaign_id,
        org_path=congress.org_path,
        elected_on=day,
        person=person,
        full_name=person.full_name,
        female=person.female,
        birth_date=person.birth_date,
        age=age_on(person.birth_date, day) if person.birth_date <= day else None,
        first_time=first_time,
        ethnic_minority=person.ethnic_minority,
        science_tech=person.science_tech,
        standing=standing,
    )


@transaction.atomic(durable=True)
def do_record_elected_from_election(election: Election, *, acting_user: User) -> int:
    """Record the committee elected in an announced election, matching names to people."""
    congress = Congress.objects.select_related("organisation", "campaign").get(
        pk=election.congress_id
    )
    access.require_writer(acting_user, congress.organisation)
    announced = election.state in (ElectionState.ANNOUNCED, ElectionState.SEALED)
    if not announced or election.outcome is None:
        raise ActionRefused([_("Cuộc bầu cử chưa công bố kết quả.")], ["not_announced"])
    listed = list(election.candidates.order_by("position").values_list("full_name", flat=True))
    names = [listed[no - 1] for no in election.outcome.elected]
    by_name = {
        p.search_name: p
        for p in people_for(congress).filter(search_name__in=[fold(n) for n in names])
    }
    missing = [n for n in names if fold(n) not in by_name]
    if missing:
        raise ActionRefused(
            [
                _("Không có hồ sơ cán bộ «%(n)s» trong đảng bộ; hãy nhập hồ sơ trước.") % {"n": n}
                for n in missing
            ],
            ["person_missing"] * len(missing),
        )
    day = congress.held_date or timezone.localdate()
    entries = {
        m.person_id: m
        for m in ListMember.objects.filter(
            candidate_list__congress=congress, candidate_list__kind=election.kind
        )
    }
    rows = []
    for name in names:
        person = by_name[fold(name)]
        entry = entries.get(person.pk)
        rows.append(
            elected_from_person(
                congress,
                person,
                first_time=entry.first_time if entry else not person.outgoing_committee,
                standing=entry.standing if entry else False,
                day=day,
                kind=election.kind,
            )
        )
    ElectedMember.objects.filter(congress=congress, kind=election.kind).delete()
    ElectedMember.objects.bulk_create(rows)
    log.record(
        "personnel.elected_record",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(election),
        after={"elected": [by_name[fold(name)].pk for name in names]},
    )
    return len(rows)


@transaction.atomic(durable=True)
def do_record_elected_from_list(
    candidate_list: CandidateList, person_ids: Sequence[int], *, acting_user: User
) -> int:
    """Record who of an adopted list was elected (for a congress counted outside the system)."""
    current = list_locked(candidate_list)
    congress = current.congress
    access.require_writer(acting_user, congress.organisation)
    if current.state != ListState.ADOPTED:
        raise ActionRefused([_("Chỉ ghi kết quả từ danh sách đã thông qua.")], ["list_not_adopted"])
    members = list(current.members.filter(person_id__in=person_ids).select_related("person"))
    if not members:
        raise ActionRefused([_("Hãy chọn những người trúng cử.")], ["none_chosen"])
    if len(members) > current.seats:
        raise ActionRefused(
            [
                _("Chọn %(n)s người, nhiều hơn số lượng được bầu (%(s)s).")
                % {"n": len(members), "s": current.seats}
            ],
            ["more_than_seats"],
        )
    day = congress.held_date or timezone.localdate()
    rows = [
        elected_from_person(
            congress,
            m.person,
            first_time=m.first_time,
            standing=m.standing,
            day=day,
            kind=current.kind,
        )
        for m in members
    ]
    ElectedMember.objects.filter(congress=congress, kind=current.kind).delete()
    ElectedMember.objects.bulk_create(rows)
    log.record(
        "personnel.elected_record",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(current),
        after={"elected": [m.person_id for m in members]},
    )
    return len(rows)
