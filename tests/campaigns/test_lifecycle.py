"""The congress lifecycle: each step happens, is blocked with reasons, or is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions import (
    do_approve_congress,
    do_transition_congress,
    do_update_congress,
)
from daihoi.campaigns.models import ApprovalKind, Congress, CongressState
from daihoi.core.errors import ActionRefused, StaleEdit
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import login

pytestmark = pytest.mark.django_db
S = CongressState


def user(name: str) -> User:
    return User.objects.get(username=name)


@pytest.fixture
def dong_buc() -> Congress:
    campaign = small_campaign()
    open_congresses(campaign, "188")
    return Congress.objects.select_related("organisation").get(
        campaign=campaign, organisation__code="06553"
    )


def refresh(congress: Congress) -> Congress:
    return Congress.objects.select_related("organisation", "campaign").get(pk=congress.pk)


def test_preparing_needs_a_planned_date(dong_buc: Congress) -> None:
    with pytest.raises(ActionRefused) as refused:
        do_transition_congress(dong_buc, S.PREPARING, acting_user=user("locbinh"))
    assert refused.value.reasons == ["Chưa có ngày dự kiến tổ chức đại hội."]
    do_update_congress(
        dong_buc,
        {"planned_date": dt.date(2020, 3, 10)},
        expected_version=1,
        acting_user=user("locbinh"),
    )
    moved = do_transition_congress(refresh(dong_buc), S.PREPARING, acting_user=user("locbinh"))
    assert moved.state == S.PREPARING and moved.preparing_at is not None


def test_documents_approved_needs_the_superiors_approval(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(state=S.PREPARING)
    with pytest.raises(ActionRefused) as refused:
        do_transition_congress(refresh(dong_buc), S.DOCUMENTS_APPROVED, acting_user=user("locbinh"))
    assert "chưa duyệt văn kiện" in refused.value.reasons[0]
    approval = do_approve_congress(
        refresh(dong_buc), ApprovalKind.DOCUMENTS, acting_user=user("locbinh"), note="Nhất trí"
    )
    assert approval.approved_by.username == "locbinh"
    assert approval.approver_organisation.code == "188"
    moved = do_transition_congress(
        refresh(dong_buc), S.DOCUMENTS_APPROVED, acting_user=user("locbinh")
    )
    assert moved.state == S.DOCUMENTS_APPROVED


def test_only_a_superior_approves(dong_buc: Congress) -> None:
    commune_staff = User.objects.create_user(
        "dongbuc", password="x", organisation=dong_buc.organisation, roles=["org_staff"]
    )
    with pytest.raises(PermissionDenied):
        do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=commune_staff)
    with pytest.raises(PermissionDenied):
        do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("soctrang"))


def test_personnel_is_approved_after_documents(dong_buc: Congress) -> None:
    with pytest.raises(ActionRefused):
        do_approve_congress(dong_buc, ApprovalKind.PERSONNEL, acting_user=user("locbinh"))
    Congress.objects.filter(pk=dong_buc.pk).update(state=S.DOCUMENTS_APPROVED)
    with pytest.raises(ActionRefused) as refused:
        do_transition_congress(refresh(dong_buc), S.PERSONNEL_APPROVED, acting_user=user("langson"))
    assert "chưa duyệt phương án nhân sự" in refused.value.reasons[0]
    do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("langson"))
    do_approve_congress(dong_buc, ApprovalKind.PERSONNEL, acting_user=user("langson"))
    moved = do_transition_congress(
        refresh(dong_buc), S.PERSONNEL_APPROVED, acting_user=user("langson")
    )
    assert moved.state == S.PERSONNEL_APPROVED


def test_held_needs_an_opening_day_that_has_come(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(
        state=S.PERSONNEL_APPROVED, held_date=dt.date(2999, 1, 1)
    )
    with pytest.raises(ActionRefused) as refused:
        do_transition_congress(refresh(dong_buc), S.HELD, acting_user=user("locbinh"))
    assert refused.value.reasons == ["Ngày khai mạc đại hội còn ở phía trước."]
    Congress.objects.filter(pk=dong_buc.pk).update(held_date=dt.date(2020, 4, 2))
    moved = do_transition_congress(refresh(dong_buc), S.HELD, acting_user=user("locbinh"))
    assert moved.state == S.HELD and moved.held_at is not None


def test_results_reported_follows_held_and_nothing_follows_it(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(state=S.HELD, held_date=dt.date(2020, 4, 2))
    moved = do_transition_congress(refresh(dong_buc), S.REPORTED, acting_user=user("locbinh"))
    assert moved.state == S.REPORTED and moved.reported_at is not None
    with pytest.raises(ActionRefused):
        do_transition_congress(refresh(dong_buc), S.HELD, acting_user=user("locbinh"))


def test_a_step_cannot_be_skipped(dong_buc: Congress) -> None:
    with pytest.raises(ActionRefused) as refused:
        do_transition_congress(dong_buc, S.HELD, acting_user=user("locbinh"))
    assert "Không thể chuyển từ" in refused.value.reasons[0]


def test_no_transition_without_write_rights(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(planned_date=dt.date(2020, 3, 1))
    for name in ("soctrang", "lanhdao", "kiemphieu"):
        with pytest.raises(PermissionDenied):
            do_transition_congress(refresh(dong_buc), S.PREPARING, acting_user=user(name))
    assert refresh(dong_buc).state == S.PLANNED


def test_an_edit_on_a_stale_copy_is_refused_not_lost(dong_buc: Congress) -> None:
    first = refresh(dong_buc)
    second = refresh(dong_buc)
    do_update_congress(
        first,
        {"planned_date": dt.date(2020, 3, 1)},
        expected_version=1,
        acting_user=user("locbinh"),
    )
    with pytest.raises(StaleEdit):
        do_update_congress(
            second,
            {"planned_date": dt.date(2020, 3, 9)},
            expected_version=1,
            acting_user=user("langson"),
        )
    assert refresh(dong_buc).planned_date == dt.date(2020, 3, 1)


def test_only_the_superior_chooses_a_pilot(dong_buc: Congress) -> None:
    commune_staff = User.objects.create_user(
        "dongbuc2", password="x", organisation=dong_buc.organisation, roles=["org_staff"]
    )
    with pytest.raises(PermissionDenied):
        do_update_congress(dong_buc, {"pilot": True}, expected_version=1, acting_user=commune_staff)
    do_update_congress(dong_buc, {"pilot": True}, expected_version=1, acting_user=user("locbinh"))
    assert refresh(dong_buc).pilot
    entry = AuditEntry.objects.get(action="congress.update", organisation=dong_buc.organisation)
    assert entry.before["pilot"] is False and entry.after["pilot"] is True  # type: ignore[index]


def test_the_congress_page_lists_the_blockers_and_disables_the_step(dong_buc: Congress) -> None:
    page = login("locbinh").get("/dai-hoi/thu-nghiem/06553/").content.decode()
    assert 'id="blockers"' in page
    assert "Chưa có ngày dự kiến tổ chức đại hội." in page
    assert "disabled" in page


def test_the_congress_page_moves_a_step_and_records_an_approval(dong_buc: Congress) -> None:
    client: Client = login("locbinh")
    Congress.objects.filter(pk=dong_buc.pk).update(planned_date=dt.date(2020, 3, 1))
    client.post("/dai-hoi/thu-nghiem/06553/", {"action": "transition"})
    assert refresh(dong_buc).state == S.PREPARING
    client.post("/dai-hoi/thu-nghiem/06553/", {"action": "documents", "note": "Nhất trí"})
    page = client.get("/dai-hoi/thu-nghiem/06553/").content.decode()
    assert "Duyệt văn kiện: Ban Tổ chức Huyện ủy Lộc Bình" in page


def test_another_province_cannot_open_the_congress_page(dong_buc: Congress) -> None:
    assert login("soctrang").get("/dai-hoi/thu-nghiem/06553/").status_code == 404
