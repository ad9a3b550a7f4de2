"""The congress lifecycle: each step happens, is blocked with reasons, or is refused; and the
last preparation step is taken back by the one who made it, until the superior acts."""

from __future__ import annotations

import datetime as dt

import pytest

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions.congress import do_update_congress
from daihoi.campaigns.actions.lifecycle import do_transition_congress, do_withdraw_step
from daihoi.campaigns.models import ApprovalKind, Congress, CongressState
from tests.campaigns.helpers import (
    approved,
    assert_forbidden,
    assert_refused,
    dong_buc_congress,
    reader,
    refresh_congress,
    user,
)
from tests.results.helpers import complete

pytestmark = pytest.mark.django_db
S = CongressState


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def at(congress: Congress, state: str, **values: object) -> Congress:
    Congress.objects.filter(pk=congress.pk).update(state=state, **values)
    return refresh_congress(congress)


# --- do_transition_congress ---------------------------------------------------


def test_preparing_needs_a_planned_date(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc,
        lambda: do_transition_congress(dong_buc, S.PREPARING, acting_user=user("locbinh")),
        "no_planned_date",
    )
    do_update_congress(
        dong_buc,
        {"planned_date": dt.date(2020, 3, 10)},
        expected_version=1,
        acting_user=user("locbinh"),
    )
    moved = do_transition_congress(
        refresh_congress(dong_buc), S.PREPARING, acting_user=user("locbinh")
    )
    assert moved.state == S.PREPARING and moved.preparing_at is not None


def test_documents_approved_needs_the_superiors_approval(dong_buc: Congress) -> None:
    dong_buc = at(dong_buc, S.PREPARING)
    assert_refused(
        dong_buc,
        lambda: do_transition_congress(dong_buc, S.DOCUMENTS_APPROVED, acting_user=user("locbinh")),
        "documents_not_approved",
    )
    approved(dong_buc, ApprovalKind.DOCUMENTS, by="locbinh")
    moved = do_transition_congress(
        refresh_congress(dong_buc), S.DOCUMENTS_APPROVED, acting_user=user("locbinh")
    )
    assert moved.state == S.DOCUMENTS_APPROVED


def test_personnel_approved_needs_the_superiors_approval(dong_buc: Congress) -> None:
    dong_buc = at(dong_buc, S.DOCUMENTS_APPROVED)
    assert_refused(
        dong_buc,
        lambda: do_transition_congress(dong_buc, S.PERSONNEL_APPROVED, acting_user=user("langson")),
        "personnel_not_approved",
    )
    approved(dong_buc, ApprovalKind.DOCUMENTS, by="langson")
    approved(dong_buc, ApprovalKind.PERSONNEL, by="langson")
    moved = do_transition_congress(
        refresh_congress(dong_buc), S.PERSONNEL_APPROVED, acting_user=user("langson")
    )
    assert moved.state == S.PERSONNEL_APPROVED


def test_held_needs_an_opening_day_that_has_come(dong_buc: Congress) -> None:
    dong_buc = at(dong_buc, S.PERSONNEL_APPROVED, held_date=dt.date(2999, 1, 1))
    assert_refused(
        dong_buc,
        lambda: do_transition_congress(dong_buc, S.HELD, acting_user=user("locbinh")),
        "opening_day_ahead",
    )
    dong_buc = at(dong_buc, S.PERSONNEL_APPROVED, held_date=dt.date(2020, 4, 2))
    moved = do_transition_congress(dong_buc, S.HELD, acting_user=user("locbinh"))
    assert moved.state == S.HELD and moved.held_at is not None


def test_results_reported_follows_held_and_nothing_follows_it(dong_buc: Congress) -> None:
    dong_buc = at(dong_buc, S.HELD, held_date=dt.date(2020, 4, 2))
    # The results a report hands up (tests/results/ covers each missing piece).
    complete(dong_buc)
    moved = do_transition_congress(dong_buc, S.REPORTED, acting_user=user("locbinh"))
    assert moved.state == S.REPORTED and moved.reported_at is not None
    assert_refused(
        moved,
        lambda: do_transition_congress(moved, S.HELD, acting_user=user("locbinh")),
        "not_next_step",
    )


def test_a_step_cannot_be_skipped(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc,
        lambda: do_transition_congress(dong_buc, S.HELD, acting_user=user("locbinh")),
        "not_next_step",
    )


def test_a_second_click_does_not_move_twice(dong_buc: Congress) -> None:
    dong_buc = at(dong_buc, S.PREPARING)
    assert_refused(
        dong_buc,
        lambda: do_transition_congress(
            dong_buc, S.DOCUMENTS_APPROVED, acting_user=user("locbinh"), expected_state=S.PLANNED
        ),
        "stale_step",
    )


def test_no_transition_without_write_rights(dong_buc: Congress) -> None:
    dong_buc = at(dong_buc, S.PLANNED, planned_date=dt.date(2020, 3, 1))
    for name in ("soctrang", "kiemphieu", reader().username):
        assert_forbidden(
            dong_buc,
            lambda name=name: do_transition_congress(  # type: ignore[misc]
                dong_buc, S.PREPARING, acting_user=user(name)
            ),
        )


# --- do_withdraw_step ---------------------------------------------------------


def prepared_by(congress: Congress, name: str) -> Congress:
    congress = at(congress, S.PLANNED, planned_date=dt.date(2020, 3, 1))
    return do_transition_congress(congress, S.PREPARING, acting_user=user(name))


def test_the_one_who_made_a_step_takes_it_back(dong_buc: Congress) -> None:
    prepared = prepared_by(dong_buc, "locbinh")
    back = do_withdraw_step(prepared, acting_user=user("locbinh"), expected_state=S.PREPARING)
    assert back.state == S.PLANNED and back.preparing_at is None
    entry = AuditEntry.objects.get(action="congress.withdraw_step")
    assert entry.before["state"] == S.PREPARING and entry.after["state"] == S.PLANNED  # type: ignore[index]
    # The way forward is open again.
    assert do_transition_congress(back, S.PREPARING, acting_user=user("locbinh")).preparing_at


def test_a_step_cannot_be_taken_back_once_the_superior_has_approved(dong_buc: Congress) -> None:
    prepared = prepared_by(dong_buc, "locbinh")
    approved(prepared, ApprovalKind.DOCUMENTS, by="langson")
    assert_refused(
        prepared,
        lambda: do_withdraw_step(prepared, acting_user=user("locbinh")),
        "superior_acted",
    )


def test_documents_approved_is_taken_back_until_personnel_is_approved(dong_buc: Congress) -> None:
    prepared = prepared_by(dong_buc, "locbinh")
    approved(prepared, ApprovalKind.DOCUMENTS, by="langson")
    moved = do_transition_congress(
        refresh_congress(prepared), S.DOCUMENTS_APPROVED, acting_user=user("locbinh")
    )
    back = do_withdraw_step(moved, acting_user=user("locbinh"))
    assert back.state == S.PREPARING and back.documents_approved_at is None
    again = do_transition_congress(back, S.DOCUMENTS_APPROVED, acting_user=user("locbinh"))
    approved(again, ApprovalKind.PERSONNEL, by="langson")
    assert_refused(
        again, lambda: do_withdraw_step(again, acting_user=user("locbinh")), "superior_acted"
    )


def test_someone_else_cannot_take_a_step_back(dong_buc: Congress) -> None:
    prepared = prepared_by(dong_buc, "locbinh")
    assert_refused(
        prepared,
        lambda: do_withdraw_step(prepared, acting_user=user("langson")),
        "not_your_step",
    )


def test_held_and_reported_cannot_be_taken_back(dong_buc: Congress) -> None:
    for state in (S.HELD, S.REPORTED):
        congress = at(dong_buc, state, held_date=dt.date(2020, 4, 2))
        assert_refused(
            congress,
            lambda congress=congress: do_withdraw_step(  # type: ignore[misc]
                congress, acting_user=user("locbinh")
            ),
            "step_final",
        )


def test_a_planned_congress_has_no_step_to_take_back(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc, lambda: do_withdraw_step(dong_buc, acting_user=user("locbinh")), "no_step"
    )


def test_a_step_the_page_no_longer_shows_is_not_taken_back(dong_buc: Congress) -> None:
    prepared = prepared_by(dong_buc, "locbinh")
    assert_refused(
        prepared,
        lambda: do_withdraw_step(
            prepared, acting_user=user("locbinh"), expected_state=S.DOCUMENTS_APPROVED
        ),
        "stale_step",
    )


def test_taking_a_step_back_requires_write_access(dong_buc: Congress) -> None:
    prepared = prepared_by(dong_buc, "locbinh")
    commune = User.objects.create_user("khac", organisation=prepared.organisation, roles=[])
    for acting in (user("soctrang"), reader(), commune):
        assert_forbidden(
            prepared,
            lambda acting=acting: do_withdraw_step(prepared, acting_user=acting),  # type: ignore[misc]
        )
