"""The live quorum from the register and the check-ins, at the two-thirds edge."""

from __future__ import annotations

import pytest

from daihoi.assembly.actions.checkin import do_check_in
from daihoi.assembly.actions.credentials import do_decide_credential, do_record_absence
from daihoi.assembly.actions.quorum import do_set_quorum_rule
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.assembly.models import DelegateKind
from daihoi.assembly.quorum import attendance, current_sitting
from daihoi.assembly.tokens import card_token
from tests.assembly.helpers import DAY, loc_binh_congress, open_sitting, register, staff

pytestmark = pytest.mark.django_db


def test_quorum_at_exactly_two_thirds() -> None:
    congress = loc_binh_congress()
    officials = [d for d in register(congress, officials=6) if d.kind == DelegateKind.OFFICIAL]
    sitting = open_sitting(congress)
    assert current_sitting(congress) == sitting
    for delegate in officials[:3]:
        do_check_in(card_token(delegate), sitting=sitting, desk="", acting_user=staff())
    before = attendance(congress)
    assert (before.summoned, before.present, before.required) == (6, 3, 4)
    assert not before.has_quorum
    do_check_in(card_token(officials[3]), sitting=sitting, desk="", acting_user=staff())
    at_edge = attendance(congress)
    assert (at_edge.present, at_edge.has_quorum) == (4, True)  # 4/6 is exactly two thirds
    # "More than two thirds" as data: the same figures no longer make a quorum.
    do_set_quorum_rule(congress, numerator=2, denominator=3, strict=True, acting_user=staff())
    strict = attendance(congress)
    assert (strict.required, strict.has_quorum) == (5, False)


def test_invalid_delegates_leave_the_denominator_and_absences_the_base() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=6, ex_officio=2)
    do_decide_credential(made[0], valid=False, reason="Chuyển sinh hoạt", acting_user=staff())
    do_record_absence(made[1], absence="with_reason", reason="Ốm", acting_user=staff())
    ex_officio = made[-1]
    do_record_absence(ex_officio, absence="without_reason", acting_user=staff())
    figures = attendance(congress)
    assert figures.summoned == 7  # 6 + 2 ex-officio, less the one found invalid
    assert figures.base == 5  # less the absent official (unreplaced) and the absent member
    assert figures.sitting is None and figures.present == 0


def test_a_new_sitting_counts_afresh_and_closes_the_previous() -> None:
    congress = loc_binh_congress()
    delegate = register(congress)[0]
    morning = open_sitting(congress)
    do_check_in(card_token(delegate), sitting=morning, desk="", acting_user=staff())
    afternoon = do_open_sitting(
        congress, kind="official", date=DAY, part="afternoon", acting_user=staff()
    )
    morning.refresh_from_db()
    assert morning.closed_at is not None
    assert attendance(congress).sitting == afternoon
    assert attendance(congress).present == 0
    assert attendance(congress, morning).present == 1
