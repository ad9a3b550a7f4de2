"""Cards expire with their congress: once it is held, a genuine card checks nobody in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daihoi.assembly.actions.checkin import check_in_scan, do_check_in
from daihoi.assembly.models import CheckIn
from daihoi.assembly.tokens import card_token
from daihoi.campaigns.models import Congress, CongressState
from tests.assembly.helpers import loc_binh_congress, open_sitting, register, staff
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _set_state(congress: Congress, state: str) -> None:
    # The lifecycle's own rules (approvals, dates) are tested in tests/campaigns;
    # here only the state the scan reads matters.
    Congress.objects.filter(pk=congress.pk).update(state=state)
    congress.refresh_from_db()


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


def test_the_desk_endpoint_answers_409_with_the_reason() -> None:
    congress = loc_binh_congress()
    delegate = register(congress, officials=1, alternates=0)[0]
    sitting = open_sitting(congress)
    _set_state(congress, CongressState.HELD)
    answer = login("locbinh").post(
        reverse("assembly_checkin", args=[sitting.pk]), {"token": card_token(delegate)}
    )
    assert answer.status_code == 409
    data = answer.json()
    assert (data["ok"], data["code"]) == (False, "expired")
    assert "thẻ đại biểu không còn dùng để điểm danh" in data["message"]
    assert not CheckIn.objects.exists()
