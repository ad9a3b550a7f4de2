"""The superior's approvals: documents first, then personnel, once each, by a superior only."""

from __future__ import annotations

import pytest

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns import hooks
from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.models import ApprovalKind, Congress
from tests.campaigns.helpers import (
    assert_forbidden,
    assert_refused,
    dong_buc_congress,
    reader,
    user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def test_it_records_who_approved_and_for_which_committee(dong_buc: Congress) -> None:
    approval = do_approve_congress(
        dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("locbinh"), note="Nhất trí"
    )
    assert approval.approved_by.username == "locbinh"
    assert approval.approver_organisation.code == "188"
    entry = AuditEntry.objects.get(action="congress.approve")
    assert entry.after == {"kind": "documents", "note": "Nhất trí", "by": "locbinh"}


def test_personnel_is_approved_after_documents(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, ApprovalKind.PERSONNEL, acting_user=user("locbinh")),
        "documents_first",
    )


def test_an_approval_is_recorded_once(dong_buc: Congress) -> None:
    do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("locbinh"))
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("langson")),
        "already_approved",
    )


def test_another_apps_check_blocks_an_approval(
    dong_buc: Congress, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hooks, "approval_checks", [lambda congress, kind: ["Chưa xong."]])
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("locbinh")),
        "approval_blocked",
    )


def test_only_a_superior_approves(dong_buc: Congress) -> None:
    commune_staff = User.objects.create_user(
        "dongbuc", password="x", organisation=dong_buc.organisation, roles=["org_staff"]
    )
    for acting in (commune_staff, user("soctrang"), reader()):
        assert_forbidden(
            dong_buc,
            lambda acting=acting: do_approve_congress(  # type: ignore[misc]
                dong_buc, ApprovalKind.DOCUMENTS, acting_user=acting
            ),
        )
