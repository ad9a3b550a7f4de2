"""Checking a card in (actions/checkin.py): tokens, the scan's rules, expiry, name search.

And what a scan costs, in statements.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from daihoi.accounts.models import Role, User
from daihoi.assembly.actions.checkin import check_in_scan, do_check_in
from daihoi.assembly.actions.credentials import do_decide_credential
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.desk_staff import do_set_desk_staff
from daihoi.assembly.actions.sittings import do_close_sitting
from daihoi.assembly.models import CheckIn, Delegate, DelegateKind, Sitting
from daihoi.assembly.quorum import attendance, current_sitting
from daihoi.assembly.tokens import card_token
from daihoi.campaigns.models import Congress, CongressState
from daihoi.core.errors import ActionRefused
from daihoi.orgs.models import Organisation
from tests.assembly.helpers import loc_binh_congress, open_sitting, register, staff

pytestmark = pytest.mark.django_db


def _set_state(congress: Congress, state: str) -> None:
    # The lifecycle's own rules (approvals, dates) are tested in tests/campaigns;
    # here only the state the scan reads matters.
    Congress.objects.filter(pk=congress.pk).update(state=state)
    congress.refresh_from_db()


def _two_names() -> tuple[Sitting, Delegate, Delegate]:
    congress = loc_binh_congress()
    an = do_add_delegate(congress, full_name="Nguyễn Văn An", acting_user=staff())
    binh = do_add_delegate(congress, full_name="Trần Thị Bình", acting_user=staff())
    return open_sitting(congress), an, binh


def test_a_card_checks_in_once_and_a_repeat_says_when() -> None:
    congress = loc_binh_congress()
    delegate = register(congress)[0]
    sitting = open_sitting(congress)
    token = card_token(delegate)
    first = do_check_in(token, sitting=sitting, desk="Bàn 1", acting_user=staff())
    again = do_check_in(token, sitting=sitting, desk="Bàn 2", acting_user=staff())
    assert (first.ok, first.created, first.code) == (True, True, "checked_in")
    assert (again.ok, again.created, again.code) == (True, False, "already")
    assert first.at is not None
    from django.utils import timezone

    assert f"đã điểm danh lúc {timezone.localtime(first.at):%H:%M}" in again.message
    rows = CheckIn.objects.filter(delegate=delegate, sitting=sitting)
    assert rows.count() == 1
    assert rows.get().desk == "Bàn 1"
    assert attendance(congress).present == 1


def test_the_token_is_signed_not_a_guessable_id() -> None:
    congress = loc_binh_congress()
    delegate, neighbour = register(congress)[:2]
    sitting = open_sitting(congress)
    token = card_token(delegate)
    assert str(delegate.pk) in token and token != str(delegate.pk)
    # Someone who reads one card and changes the id to a neighbour's gets nothing.
    value, signature = token.rsplit(":", 1)
    guessed = f"{congress.pk}.{neighbour.pk}:{signature}"
    for forged in (str(neighbour.pk), guessed, token[:-2] + "xx", "", "abc", "1.2:", ":" * 5):
        result = do_check_in(forged, sitting=sitting, desk="", acting_user=staff())
        assert (result.ok, result.code) == (False, "forged"), forged
        assert "không hợp lệ" in result.message
    # Signed with the project's key but for another purpose (another salt): refused.
    other_purpose = signing.Signer(salt="another").sign(f"{congress.pk}.{neighbour.pk}")
    assert (
        do_check_in(other_purpose, sitting=sitting, desk="", acting_user=staff()).code == "forged"
    )
    assert not CheckIn.objects.filter(sitting=sitting).exists()


def test_a_card_of_another_congress_is_refused_clearly() -> None:
    congress = loc_binh_congress()
    other = loc_binh_congress("dot-khac")
    mine = register(congress)[0]
    theirs = register(other)[0]
    sitting = open_sitting(congress)
    result = do_check_in(card_token(theirs), sitting=sitting, desk="", acting_user=staff())
    assert (result.ok, result.code) == (False, "other_congress")
    assert "đại hội khác" in result.message
    assert do_check_in(card_token(mine), sitting=sitting, desk="", acting_user=staff()).ok


def test_invalid_replaced_and_closed_are_refused_alternates_not_counted() -> None:
    congress = loc_binh_congress()
    made = register(congress)
    sitting = open_sitting(congress)
    invalid = do_decide_credential(
        made[0], valid=False, reason="Đang bị kỷ luật", acting_user=staff()
    )
    result = do_check_in(card_token(invalid), sitting=sitting, desk="", acting_user=staff())
    assert (result.ok, result.code) == (False, "invalid")
    assert "Đang bị kỷ luật" in result.message
    alternate = next(d for d in made if d.kind == DelegateKind.ALTERNATE)
    assert do_check_in(card_token(alternate), sitting=sitting, desk="", acting_user=staff()).ok
    assert attendance(congress).present == 0
    do_close_sitting(sitting, acting_user=staff())
    sitting.refresh_from_db()
    late = do_check_in(card_token(made[1]), sitting=sitting, desk="", acting_user=staff())
    assert (late.ok, late.code) == (False, "closed")
    assert current_sitting(congress) is None


def test_who_may_scan() -> None:
    congress = loc_binh_congress()
    delegate = register(congress)[0]
    sitting = open_sitting(congress)
    token = card_token(delegate)
    province = User.objects.get(username="langson")
    assert do_check_in(token, sitting=sitting, desk="", acting_user=province).ok
    loc_binh = Organisation.objects.get(code="188")
    clerk = User.objects.create_user(
        "ban-diem-danh", organisation=loc_binh, roles=[Role.SUBCOMMITTEE], full_name="Văn Thư"
    )
    with pytest.raises(PermissionDenied):
        do_check_in(token, sitting=sitting, desk="", acting_user=clerk)
    do_set_desk_staff(congress, clerk, desk=True, acting_user=staff())
    assert do_check_in(token, sitting=sitting, desk="", acting_user=clerk).code == "already"
    for name in ("soctrang", "daibieu"):
        with pytest.raises(PermissionDenied):
            do_check_in(
                token, sitting=sitting, desk="", acting_user=User.objects.get(username=name)
            )
    outsider = User.objects.get(username="soctrang")
    with pytest.raises(ActionRefused, match="không thuộc") as refused:
        do_set_desk_staff(congress, outsider, desk=True, acting_user=staff())
    assert refused.value.codes == ["user_outside"]


def test_the_endpoint_path_gives_the_same_answers_as_the_action() -> None:
    """check_in_scan reads everything in one statement; its rules must be do_check_in's."""
    from daihoi.assembly.actions.checkin import check_in_scan
    from daihoi.assembly.actions.credentials import do_record_absence, do_replace_with_alternate

    congress = loc_binh_congress()
    other = register(loc_binh_congress("dot-khac"))[0]
    made = register(congress)
    sitting = open_sitting(congress)
    invalid = do_decide_credential(made[0], valid=False, reason="Chuyển đi", acting_user=staff())
    do_record_absence(made[2], absence="with_reason", reason="Ốm", acting_user=staff())
    alternate = do_replace_with_alternate(made[2], acting_user=staff())
    cases = [
        (card_token(made[1]), "checked_in"),
        (card_token(made[1]), "already"),
        (card_token(alternate), "checked_in"),
        (card_token(invalid), "invalid"),
        (card_token(made[2]), "replaced"),
        (card_token(other), "other_congress"),
        (card_token(made[1])[:-3] + "abc", "forged"),
        ("", "forged"),
    ]
    for token, code in cases:
        fast = check_in_scan(sitting.pk, token, desk="B", acting_user=staff())
        assert fast is not None and fast.code == code, (token, fast)
        slow = do_check_in(token, sitting=sitting, desk="B", acting_user=staff())
        assert slow.code == ("already" if code == "checked_in" else code), (token, slow)
        assert slow.ok == fast.ok
    for name in ("soctrang", "daibieu"):
        user = User.objects.get(username=name)
        assert check_in_scan(sitting.pk, card_token(made[3]), desk="", acting_user=user) is None
    assert check_in_scan(0, card_token(made[3]), desk="", acting_user=staff()) is None
    clerk = User.objects.create_user(
        "chi-xem", organisation=Organisation.objects.get(code="188"), roles=[Role.LEADER]
    )
    with pytest.raises(PermissionDenied):
        check_in_scan(sitting.pk, card_token(made[3]), desk="", acting_user=clerk)
    do_close_sitting(sitting, acting_user=staff())
    closed = check_in_scan(sitting.pk, card_token(made[3]), desk="", acting_user=staff())
    assert closed is not None and closed.code == "closed" and "đã kết thúc" in closed.message
    assert CheckIn.objects.filter(sitting=sitting).count() == 2


def test_a_repeated_scan_at_the_desk_writes_nothing_and_tells_the_first_time() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from daihoi.assembly.actions.checkin import check_in_scan

    congress = loc_binh_congress()
    delegate = register(congress)[0]
    sitting = open_sitting(congress)
    token = card_token(delegate)
    first = check_in_scan(sitting.pk, token, desk="Bàn 1", acting_user=staff())
    assert first is not None and first.code == "checked_in" and first.at is not None
    user = staff()
    with CaptureQueriesContext(connection) as queries:
        again = check_in_scan(sitting.pk, token, desk="Bàn 2", acting_user=user)
    assert again is not None and (again.ok, again.created, again.code) == (True, False, "already")
    # The time read back by the plain SELECT is the stored one, in the venue's time zone.
    assert again.at == CheckIn.objects.get(delegate=delegate, sitting=sitting).at
    assert f"lúc {timezone.localtime(first.at):%H:%M}" in again.message
    assert len(queries) == 1 and "INSERT" not in queries[0]["sql"].upper()
    assert CheckIn.objects.get(delegate=delegate, sitting=sitting).desk == "Bàn 1"


def test_two_desks_scanning_the_same_card_at_once_make_one_row() -> None:
    """The scan read no check-in, but another desk wrote one before this INSERT."""
    from daihoi.assembly.actions.checkin import _check_in

    congress = loc_binh_congress()
    delegate = register(congress)[0]
    sitting = open_sitting(congress)
    winner = do_check_in(card_token(delegate), sitting=sitting, desk="Bàn 1", acting_user=staff())
    late = _check_in(delegate, sitting, "Bàn 2", staff(), "scan", existing_at=None)
    assert (late.ok, late.created, late.code) == (True, False, "already")
    assert late.at == winner.at
    assert CheckIn.objects.filter(delegate=delegate, sitting=sitting).count() == 1


def test_a_designated_desk_clerk_scans_through_the_endpoint_path() -> None:
    from daihoi.assembly.actions.checkin import check_in_scan

    congress = loc_binh_congress()
    delegate = register(congress)[0]
    sitting = open_sitting(congress)
    clerk = User.objects.create_user(
        "ban-so-2", organisation=Organisation.objects.get(code="188"), roles=[Role.SUBCOMMITTEE]
    )
    with pytest.raises(PermissionDenied):
        check_in_scan(sitting.pk, card_token(delegate), desk="", acting_user=clerk)
    do_set_desk_staff(congress, clerk, desk=True, acting_user=staff())
    result = check_in_scan(sitting.pk, card_token(delegate), desk="", acting_user=clerk)
    assert result is not None and result.code == "checked_in"
    # Designated at this congress only: another congress's desk stays closed to the clerk.
    other = loc_binh_congress("dot-khac")
    stranger = register(other)[0]
    with pytest.raises(PermissionDenied):
        check_in_scan(open_sitting(other).pk, card_token(stranger), desk="", acting_user=clerk)


@pytest.mark.parametrize("state", [CongressState.HELD, CongressState.REPORTED])
def test_a_genuine_card_is_refused_once_the_congress_is_over(state: str) -> None:
    congress = loc_binh_congress()
    first, second = register(congress, officials=2, alternates=0)
    sitting = open_sitting(congress)
    assert do_check_in(card_token(first), sitting=sitting, desk="", acting_user=staff()).created
    _set_state(congress, state)
    sitting.refresh_from_db()
    for delegate in (first, second):
        fast = check_in_scan(sitting.pk, card_token(delegate), desk="", acting_user=staff())
        slow = do_check_in(card_token(delegate), sitting=sitting, desk="", acting_user=staff())
        for result in (fast, slow):
            assert result is not None
            assert (result.ok, result.created, result.code) == (False, False, "expired")
            assert f"Đại hội {congress.organisation.name} đã kết thúc" in result.message
    assert list(CheckIn.objects.values_list("delegate_id", flat=True)) == [first.pk]


def test_before_the_congress_is_held_the_card_works() -> None:
    congress = loc_binh_congress()
    delegate = register(congress, officials=1, alternates=0)[0]
    sitting = open_sitting(congress)
    _set_state(congress, CongressState.PERSONNEL_APPROVED)
    result = check_in_scan(sitting.pk, card_token(delegate), desk="", acting_user=staff())
    assert result is not None and result.code == "checked_in"


def test_expiry_adds_no_query_to_the_scan() -> None:
    """A new check-in stays one SELECT and one INSERT; an expired card, the SELECT alone."""
    congress = loc_binh_congress()
    first, second = register(congress, officials=2, alternates=0)
    sitting = open_sitting(congress)
    user = staff()
    with CaptureQueriesContext(connection) as fresh:
        check_in_scan(sitting.pk, card_token(first), desk="", acting_user=user)
    # Inside the test's transaction SQLite's atomic() adds savepoints: not round trips
    # the desk pays on PostgreSQL, and not reads or writes.
    statements = [q["sql"].upper() for q in fresh if "SAVEPOINT" not in q["sql"].upper()]
    assert len(statements) == 2 and statements[1].startswith("INSERT")
    _set_state(congress, CongressState.HELD)
    with CaptureQueriesContext(connection) as expired:
        result = check_in_scan(sitting.pk, card_token(second), desk="", acting_user=user)
    assert result is not None and result.code == "expired"
    assert len(expired) == 1 and "INSERT" not in expired[0]["sql"].upper()


def test_a_row_matching_the_search_box_is_checked_in() -> None:
    sitting, an, _binh = _two_names()
    for query in ("nguyen van", "Nguyễn Văn An", "  VĂN an "):
        result = check_in_scan(
            sitting.pk,
            card_token(an),
            desk="",
            acting_user=staff(),
            method="name",
            query=query,
            shown=an.pk,
        )
        assert result is not None and result.ok, query
    assert CheckIn.objects.get().method == "name"


def test_a_stale_row_of_an_earlier_search_checks_nobody_in() -> None:
    sitting, an, binh = _two_names()
    # The box now says "tran thi" but the row clicked was An's, from the search "nguyen".
    for path in ("fast", "slow"):
        if path == "fast":
            result = check_in_scan(
                sitting.pk,
                card_token(an),
                desk="",
                acting_user=staff(),
                method="name",
                query="tran thi",
                shown=an.pk,
            )
        else:
            result = do_check_in(
                card_token(an),
                sitting=sitting,
                desk="",
                acting_user=staff(),
                method="name",
                query="tran thi",
                shown=an.pk,
            )
        assert result is not None
        assert (result.ok, result.code) == (False, "mismatch")
        assert "Nguyễn Văn An không khớp với tên đang tìm “tran thi”" in result.message
    # A box emptied since the search: nothing matches.
    empty = check_in_scan(
        sitting.pk,
        card_token(an),
        desk="",
        acting_user=staff(),
        method="name",
        query="",
        shown=an.pk,
    )
    assert empty is not None and empty.code == "mismatch"
    assert not CheckIn.objects.exists()


def test_the_token_must_be_the_delegate_the_row_showed() -> None:
    sitting, an, binh = _two_names()
    result = check_in_scan(
        sitting.pk,
        card_token(an),
        desk="",
        acting_user=staff(),
        method="name",
        query="nguyen",
        shown=binh.pk,
    )
    assert result is not None and result.code == "mismatch"
    assert not CheckIn.objects.exists()


def test_a_scan_costs_one_read_and_one_insert_and_a_repeat_one_read(
    django_assert_num_queries: Any,
) -> None:
    from daihoi.assembly.actions.checkin import check_in_scan

    congress = loc_binh_congress()
    delegate = register(congress)[0]
    sitting = open_sitting(congress)
    token = card_token(delegate)
    user = staff()
    # The SELECT, then the INSERT; on SQLite the INSERT has its own short transaction
    # (a savepoint inside the test's): SAVEPOINT and RELEASE around it.
    from django.db import connection

    with django_assert_num_queries(4 if connection.vendor == "sqlite" else 2):
        first = check_in_scan(sitting.pk, token, desk="Bàn 1", acting_user=user)
    assert first is not None and first.created
    with django_assert_num_queries(1):
        again = check_in_scan(sitting.pk, token, desk="Bàn 1", acting_user=user)
    assert again is not None and again.code == "already"
