"""The credentials committee's decisions (actions/credentials.py)."""

from __future__ import annotations

import pytest

from daihoi.assembly.actions.credentials import (
    do_decide_credential,
    do_record_absence,
    do_replace_with_alternate,
)
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.models import CredentialState, DelegateKind
from daihoi.assembly.quorum import attendance
from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused
from tests.assembly.helpers import (
    alternate,
    assert_denied,
    loc_binh_congress,
    register,
    staff,
    units,
)
from tests.denials import refusal_codes

pytestmark = pytest.mark.django_db


def test_an_absent_official_is_replaced_by_the_next_alternate_in_vote_order() -> None:
    congress = loc_binh_congress()
    first = units(congress)[0]
    made = register(congress, officials=4, alternates=0)
    absent, also_absent = made[0], made[2]  # both of the first unit
    # Typed in out of order: the rank decides, not the order of entry.
    for name, order in (("Dự Khuyết Ba", 3), ("Dự Khuyết Một", 1), ("Dự Khuyết Hai", 2)):
        alternate(congress, name, first, order)
    with pytest.raises(ActionRefused, match="vắng mặt") as refused:
        do_replace_with_alternate(absent, acting_user=staff())
    assert refused.value.codes == ["not_absent"]
    do_record_absence(absent, absence="with_reason", reason="Đi công tác", acting_user=staff())
    do_record_absence(also_absent, absence="without_reason", acting_user=staff())
    before = attendance(congress)
    assert (before.summoned, before.base) == (4, 2)
    one = do_replace_with_alternate(absent, acting_user=staff())
    two = do_replace_with_alternate(also_absent, acting_user=staff())
    assert (one.full_name, two.full_name) == ("Dự Khuyết Một", "Dự Khuyết Hai")
    assert one.kind == DelegateKind.OFFICIAL and one.promoted
    after = attendance(congress)
    assert (after.summoned, after.base) == (4, 4)  # replaced: no longer absent unreplaced
    with pytest.raises(ActionRefused, match="không phải đại biểu chính thức") as refused:
        do_replace_with_alternate(absent, acting_user=staff())
    assert refused.value.codes == ["not_summoned_official"]
    entry = AuditEntry.objects.filter(action="assembly.replace", target=absent.full_name).first()
    assert entry is not None and entry.after["replaced_by"] == "Dự Khuyết Một"


def test_replacement_runs_out_with_a_clear_message_and_stays_in_the_unit() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=2, alternates=0)
    absent = made[1]  # of the second unit, which has no alternates
    do_record_absence(absent, absence="with_reason", reason="Ốm", acting_user=staff())
    with pytest.raises(ActionRefused, match="không còn đại biểu dự khuyết") as refused:
        do_replace_with_alternate(absent, acting_user=staff())
    assert refused.value.codes == ["no_alternate_left"]


def test_the_committee_finds_a_delegate_valid_or_not_with_a_reason() -> None:
    congress = loc_binh_congress()
    first, second = register(congress, officials=2, alternates=0)
    valid = do_decide_credential(first, valid=True, acting_user=staff())
    assert valid.credential == CredentialState.VALID and valid.credential_at is not None
    invalid = do_decide_credential(second, valid=False, reason=" Chuyển  đi ", acting_user=staff())
    assert (invalid.credential, invalid.credential_reason) == (CredentialState.INVALID, "Chuyển đi")
    entry = AuditEntry.objects.filter(action="assembly.credential").order_by("-pk").first()
    assert entry is not None
    assert entry.before["credential"] == CredentialState.PENDING
    assert entry.after["credential_reason"] == "Chuyển đi"


def test_not_valid_needs_a_reason_and_a_guest_is_not_examined() -> None:
    congress = loc_binh_congress()
    (official,) = register(congress, officials=1, alternates=0)
    guest = do_add_delegate(
        congress, full_name="Khách Mời", kind="guest", basis="invited", acting_user=staff()
    )
    assert refusal_codes(
        lambda: do_decide_credential(official, valid=False, reason=" ", acting_user=staff())
    ) == ["reason_required"]
    assert refusal_codes(lambda: do_decide_credential(guest, valid=True, acting_user=staff())) == [
        "guest_not_examined"
    ]
    official.refresh_from_db()
    assert official.credential == CredentialState.PENDING
    assert not AuditEntry.objects.filter(action="assembly.credential").exists()


def test_an_absence_is_recorded_and_taken_back() -> None:
    congress = loc_binh_congress()
    (official,) = register(congress, officials=1, alternates=0)
    away = do_record_absence(official, absence="with_reason", reason="Ốm", acting_user=staff())
    assert (away.absence, away.absence_reason) == ("with_reason", "Ốm")
    back = do_record_absence(official, absence="", acting_user=staff())
    assert (back.absence, back.absence_reason) == ("", "")
    assert AuditEntry.objects.filter(action="assembly.absence").count() == 2


def test_an_absence_with_reason_needs_one_and_an_unknown_value_is_refused() -> None:
    congress = loc_binh_congress()
    (official,) = register(congress, officials=1, alternates=0)
    assert refusal_codes(
        lambda: do_record_absence(official, absence="with_reason", acting_user=staff())
    ) == ["reason_required"]
    assert refusal_codes(
        lambda: do_record_absence(official, absence="sometimes", acting_user=staff())
    ) == ["absence_invalid"]
    official.refresh_from_db()
    assert official.absence == ""


def test_an_official_present_is_not_replaced() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=2, alternates=1)
    assert refusal_codes(lambda: do_replace_with_alternate(made[0], acting_user=staff())) == [
        "not_absent"
    ]
    assert not AuditEntry.objects.filter(action="assembly.replace").exists()


def test_a_reader_and_an_outsider_may_not_decide_record_or_replace() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=2, alternates=1)
    do_record_absence(made[0], absence="without_reason", acting_user=staff())
    before = AuditEntry.objects.count()
    assert_denied(lambda user: do_decide_credential(made[1], valid=True, acting_user=user))
    assert_denied(
        lambda user: do_record_absence(made[1], absence="without_reason", acting_user=user)
    )
    assert_denied(lambda user: do_replace_with_alternate(made[0], acting_user=user))
    assert AuditEntry.objects.count() == before
