"""Taking back a check-in (actions/checkin_undo.py): with a reason, once, while it is open."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import Role, User
from daihoi.assembly.actions.checkin import do_check_in
from daihoi.assembly.actions.checkin_undo import UNDO_REASON_MAX, do_undo_check_in
from daihoi.assembly.actions.desk_staff import do_set_desk_staff
from daihoi.assembly.actions.sittings import do_close_sitting
from daihoi.assembly.models import CheckIn, CheckInUndo, Delegate, Sitting
from daihoi.assembly.quorum import attendance
from daihoi.assembly.tokens import card_token
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs.models import Organisation
from tests.assembly.helpers import loc_binh_congress, open_sitting, register, staff

pytestmark = pytest.mark.django_db


def _checked_in(congress: Congress, n: int = 3) -> tuple[Sitting, list[Delegate], list[int]]:
    """An open sitting at which the first `n` officials of a register of 6 are checked in."""
    officials = register(congress, officials=6, alternates=0)
    sitting = open_sitting(congress)
    ids = []
    for delegate in officials[:n]:
        result = do_check_in(
            card_token(delegate), sitting=sitting, desk="Bàn 1", acting_user=staff()
        )
        assert result.created and result.checkin_id is not None
        ids.append(result.checkin_id)
    return sitting, officials, ids


def test_an_undone_check_in_leaves_the_quorum_and_the_delegate_can_come_back() -> None:
    congress = loc_binh_congress()
    sitting, officials, ids = _checked_in(congress, 4)
    # 4 of 6 present: two thirds, the quorum.
    assert (attendance(congress).present, attendance(congress).has_quorum) == (4, True)
    undo = do_undo_check_in(
        sitting, ids[1], reason="Quét nhầm thẻ của người ngồi cạnh", acting_user=staff()
    )
    figures = attendance(congress)
    assert (figures.present, figures.has_quorum) == (3, False)
    assert not CheckIn.objects.filter(delegate=officials[1], sitting=sitting).exists()
    kept = CheckInUndo.objects.get(pk=undo.pk)
    assert (kept.checkin_id, kept.delegate_id, kept.sitting_id) == (
        ids[1],
        officials[1].pk,
        sitting.pk,
    )
    assert (kept.desk, kept.checked_in_by, kept.undone_by) == ("Bàn 1", staff(), staff())
    assert kept.reason == "Quét nhầm thẻ của người ngồi cạnh"
    # The delegate, at the desk after all, is checked in again.
    again = do_check_in(
        card_token(officials[1]), sitting=sitting, desk="Bàn 2", acting_user=staff()
    )
    assert (again.ok, again.created, again.code) == (True, True, "checked_in")
    assert attendance(congress).present == 4


def test_the_undo_is_audited_with_ids_only() -> None:
    congress = loc_binh_congress()
    sitting, officials, ids = _checked_in(congress, 1)
    undo = do_undo_check_in(sitting, ids[0], reason="Nhầm người", acting_user=staff())
    entry = AuditEntry.objects.get(action="assembly.checkin_undo")
    assert entry.actor == staff() and entry.organisation_id == congress.organisation_id
    assert entry.after == {
        "checkin": ids[0],
        "undo": undo.pk,
        "delegate": officials[0].pk,
        "sitting": sitting.pk,
    }
    written = f"{entry.target} {entry.before} {entry.after}"
    assert officials[0].full_name not in written and "Nhầm người" not in written


@pytest.mark.parametrize("reason", ["", "   ", "x" * (UNDO_REASON_MAX + 1)])
def test_an_undo_needs_a_reason_of_reasonable_length(reason: str) -> None:
    congress = loc_binh_congress()
    sitting, officials, ids = _checked_in(congress, 1)
    with pytest.raises(ActionRefused) as refused:
        do_undo_check_in(sitting, ids[0], reason=reason, acting_user=staff())
    message = " ".join(refused.value.reasons)
    assert refused.value.codes == ["reason_too_long" if reason.strip() else "reason_required"]
    if reason.strip():
        assert f"{UNDO_REASON_MAX + 1} ký tự" in message and f"tối đa {UNDO_REASON_MAX}" in message
    else:
        assert f"Ghi lý do hoàn tác điểm danh của {officials[0].full_name}" in message
    assert CheckIn.objects.filter(pk=ids[0]).exists()
    assert not CheckInUndo.objects.exists()
    assert not AuditEntry.objects.filter(action="assembly.checkin_undo").exists()


def test_undoing_twice_is_refused_and_says_who_undid_it() -> None:
    congress = loc_binh_congress()
    sitting, officials, ids = _checked_in(congress, 2)
    do_undo_check_in(sitting, ids[0], reason="Nhầm thẻ", acting_user=staff())
    with pytest.raises(ActionRefused, match="đã được locbinh hoàn tác lúc") as refused:
        do_undo_check_in(sitting, ids[0], reason="Bấm lại", acting_user=staff())
    assert refused.value.codes == ["already_undone"]
    assert CheckInUndo.objects.count() == 1
    assert attendance(congress).present == 1
    # Checked in again, the delegate's new check-in is a new row, undone on its own.
    again = do_check_in(card_token(officials[0]), sitting=sitting, desk="", acting_user=staff())
    assert again.checkin_id not in (None, ids[0])
    assert again.checkin_id is not None
    do_undo_check_in(sitting, again.checkin_id, reason="Lại nhầm", acting_user=staff())
    assert CheckInUndo.objects.filter(delegate=officials[0]).count() == 2


def test_an_undo_after_the_sitting_closed_is_refused_and_changes_nothing() -> None:
    congress = loc_binh_congress()
    sitting, officials, ids = _checked_in(congress, 2)
    do_close_sitting(sitting, acting_user=staff())
    with pytest.raises(ActionRefused, match="đã kết thúc; không hoàn tác điểm danh") as refused:
        do_undo_check_in(sitting, ids[0], reason="Nhầm thẻ", acting_user=staff())
    assert refused.value.codes == ["sitting_closed"]
    assert CheckIn.objects.filter(pk=ids[0]).exists()
    assert attendance(congress, sitting).present == 2
    assert not CheckInUndo.objects.exists()


def test_a_check_in_of_another_sitting_is_not_found_in_this_one() -> None:
    congress = loc_binh_congress()
    sitting, officials, ids = _checked_in(congress, 1)
    from daihoi.assembly.actions.sittings import do_open_sitting
    from tests.assembly.helpers import DAY

    afternoon = do_open_sitting(
        congress, kind="preparatory", date=DAY, part="afternoon", acting_user=staff()
    )
    with pytest.raises(ActionRefused, match=f"Không có lượt điểm danh số {ids[0]}") as refused:
        do_undo_check_in(afternoon, ids[0], reason="Nhầm", acting_user=staff())
    assert refused.value.codes == ["checkin_not_found"]
    assert CheckIn.objects.filter(pk=ids[0]).exists()


def test_who_may_undo() -> None:
    congress = loc_binh_congress()
    sitting, officials, ids = _checked_in(congress, 3)
    clerk = User.objects.create_user(
        "ban-diem-danh-3",
        organisation=Organisation.objects.get(code="188"),
        roles=[Role.SUBCOMMITTEE],
    )
    for user in (
        clerk,
        User.objects.get(username="soctrang"),
        User.objects.get(username="daibieu"),
    ):
        with pytest.raises(PermissionDenied):
            do_undo_check_in(sitting, ids[0], reason="Nhầm", acting_user=user)
    assert CheckIn.objects.filter(sitting=sitting).count() == 3
    # Designated at the desks, the clerk may; so may the province above.
    do_set_desk_staff(congress, clerk, desk=True, acting_user=staff())
    assert do_undo_check_in(sitting, ids[0], reason="Nhầm", acting_user=clerk).undone_by == clerk
    province = User.objects.get(username="langson")
    do_undo_check_in(sitting, ids[1], reason="Nhầm", acting_user=province)
    assert CheckIn.objects.filter(sitting=sitting).count() == 1
