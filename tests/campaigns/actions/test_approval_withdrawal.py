"""The superior withdraws an approval, with a reason, until the congress is held."""

from __future__ import annotations

import pytest

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions.approvals import do_withdraw_approval
from daihoi.campaigns.actions.lifecycle import do_transition_congress
from daihoi.campaigns.models import ApprovalKind, Congress, CongressState, SubmissionState
from daihoi.notifications.events import Event
from tests.campaigns.helpers import (
    approved,
    assert_forbidden,
    assert_refused,
    dong_buc_congress,
    reader,
    refresh_congress,
    user,
)

pytestmark = pytest.mark.django_db
DOCS, PERS = ApprovalKind.DOCUMENTS, ApprovalKind.PERSONNEL
REASON = "Phát hiện sai sót trong báo cáo"


@pytest.fixture
def dong_buc() -> Congress:
    congress = dong_buc_congress()
    Congress.objects.filter(pk=congress.pk).update(
        state=CongressState.PREPARING, planned_date="2020-06-01"
    )
    return refresh_congress(congress)


def test_a_withdrawal_steps_the_congress_back_and_tells_the_unit(dong_buc: Congress) -> None:
    commune = User.objects.create_user(
        "dongbuc", organisation=dong_buc.organisation, roles=["org_staff"]
    )
    approval = approved(dong_buc, DOCS, by="locbinh", sent_by="dongbuc")
    do_transition_congress(dong_buc, CongressState.DOCUMENTS_APPROVED, acting_user=commune)
    back = do_withdraw_approval(dong_buc, DOCS, reason=REASON, acting_user=user("locbinh"))
    assert back.state == CongressState.PREPARING and back.documents_approved_at is None
    assert not dong_buc.approvals.exists()
    approval.submission.refresh_from_db()
    assert approval.submission.state == SubmissionState.WITHDRAWN
    assert approval.submission.reason == REASON
    (note,) = commune.notifications.filter(kind=Event.APPROVAL_RETURNED)
    assert REASON in note.text
    assert AuditEntry.objects.get(action="congress.withdraw_approval").after["reason"] == REASON


def test_what_was_never_approved_is_not_withdrawn(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc,
        lambda: do_withdraw_approval(dong_buc, DOCS, reason=REASON, acting_user=user("langson")),
        "not_approved",
    )


def test_a_held_congress_keeps_its_approvals(dong_buc: Congress) -> None:
    approved(dong_buc, DOCS)
    Congress.objects.filter(pk=dong_buc.pk).update(state=CongressState.HELD)
    assert_refused(
        dong_buc,
        lambda: do_withdraw_approval(dong_buc, DOCS, reason=REASON, acting_user=user("langson")),
        "congress_held",
    )


def test_documents_are_withdrawn_after_the_personnel_resting_on_them(dong_buc: Congress) -> None:
    approved(dong_buc, DOCS)
    approved(dong_buc, PERS)
    assert_refused(
        dong_buc,
        lambda: do_withdraw_approval(dong_buc, DOCS, reason=REASON, acting_user=user("langson")),
        "personnel_approved",
    )
    do_withdraw_approval(dong_buc, PERS, reason=REASON, acting_user=user("langson"))
    do_withdraw_approval(dong_buc, DOCS, reason=REASON, acting_user=user("langson"))
    assert not dong_buc.approvals.exists()


def test_a_withdrawal_needs_a_reason(dong_buc: Congress) -> None:
    approved(dong_buc, DOCS)
    assert_refused(
        dong_buc,
        lambda: do_withdraw_approval(dong_buc, DOCS, reason=" ", acting_user=user("langson")),
        "reason_required",
    )


def test_only_a_superior_withdraws(dong_buc: Congress) -> None:
    approved(dong_buc, DOCS)
    commune = User.objects.create_user(
        "dongbuc", organisation=dong_buc.organisation, roles=["org_staff"]
    )
    for acting in (commune, user("soctrang"), reader()):
        assert_forbidden(
            dong_buc,
            lambda acting=acting: do_withdraw_approval(  # type: ignore[misc]
                dong_buc, DOCS, reason=REASON, acting_user=acting
            ),
        )
