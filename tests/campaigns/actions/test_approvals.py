"""The superior's approvals: of what was submitted, unchanged, documents first, by a superior."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns import hooks
from daihoi.campaigns.actions.approvals import do_approve_congress, do_approve_many
from daihoi.campaigns.models import ApprovalKind, Congress, LevelPlan, SubmissionState
from daihoi.core.errors import ActionRefused
from daihoi.notifications.events import Event
from daihoi.notifications.models import Notification
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import CandidateList
from tests.campaigns.helpers import (
    approved,
    assert_forbidden,
    assert_refused,
    dong_buc_congress,
    loc_binh_communes,
    reader,
    submitted,
    user,
)

pytestmark = pytest.mark.django_db
DOCS, PERS = ApprovalKind.DOCUMENTS, ApprovalKind.PERSONNEL


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def commune_staff(congress: Congress) -> User:
    return User.objects.create_user(
        "dongbuc", password="x", organisation=congress.organisation, roles=["org_staff"]
    )


def test_it_records_who_approved_and_for_which_committee(dong_buc: Congress) -> None:
    sent = submitted(dong_buc, DOCS)
    approval = do_approve_congress(dong_buc, DOCS, acting_user=user("locbinh"), note="Nhất trí")
    assert approval.approved_by.username == "locbinh"
    assert approval.approver_organisation.code == "188"
    assert approval.submission == sent
    sent.refresh_from_db()
    assert sent.state == SubmissionState.APPROVED and sent.decided_by.username == "locbinh"
    entry = AuditEntry.objects.get(action="congress.approve")
    assert entry.after["note"] == "Nhất trí" and entry.after["by"] == "locbinh"
    assert entry.after["submission"] == sent.pk and entry.after["kind"] == "documents"


def test_an_approval_tells_the_units_department(dong_buc: Congress) -> None:
    commune = commune_staff(dong_buc)
    approved(dong_buc, DOCS, by="locbinh")
    (note,) = Notification.objects.filter(recipient=commune)
    assert note.kind == Event.APPROVAL_GIVEN


def test_nothing_is_approved_that_was_not_submitted(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, DOCS, acting_user=user("locbinh")),
        "not_submitted",
    )


def test_personnel_is_approved_after_documents(dong_buc: Congress) -> None:
    submitted(dong_buc, PERS)
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, PERS, acting_user=user("locbinh")),
        "documents_first",
    )


def test_an_approval_is_recorded_once(dong_buc: Congress) -> None:
    approved(dong_buc, DOCS, by="locbinh")
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, DOCS, acting_user=user("langson")),
        "already_approved",
    )


def test_a_list_changed_since_submission_is_not_approved(dong_buc: Congress) -> None:
    approved(dong_buc, DOCS, by="locbinh")
    submitted(dong_buc, PERS)
    CandidateList.objects.filter(congress=dong_buc).update(seats=9)
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, PERS, acting_user=user("locbinh")),
        "changed_since_submission",
    )


def test_a_plan_whose_lists_were_removed_has_nothing_to_approve(dong_buc: Congress) -> None:
    approved(dong_buc, DOCS, by="locbinh")
    submitted(dong_buc, PERS)
    CandidateList.objects.filter(congress=dong_buc).delete()
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, PERS, acting_user=user("locbinh")),
        "nothing_to_approve",
    )


def test_another_apps_check_blocks_an_approval(
    dong_buc: Congress, monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted(dong_buc, DOCS)
    monkeypatch.setattr(hooks, "approval_checks", [lambda congress, kind: ["Chưa xong."]])
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, DOCS, acting_user=user("locbinh")),
        "approval_blocked",
    )


def test_a_level_that_waits_for_the_units_below_is_not_approved_before_them() -> None:
    commune = dong_buc_congress()  # opens every congress under Lộc Bình
    unit = Organisation.objects.get(structure__code="2020", code="188")
    district = Congress.objects.create(
        campaign=commune.campaign, organisation=unit, org_path=unit.path, level=unit.level
    )
    LevelPlan.objects.update_or_create(
        campaign=district.campaign, level=district.level, defaults={"lower_first": "held"}
    )
    submitted(district, DOCS, by="locbinh")
    assert_refused(
        district,
        lambda: do_approve_congress(district, DOCS, acting_user=user("langson")),
        "lower_levels_first",
    )
    below = Congress.objects.filter(campaign=district.campaign, level__rank=district.level.rank + 1)
    below.filter(org_path__startswith=district.org_path).update(state="held")
    assert do_approve_congress(district, DOCS, acting_user=user("langson")).kind == DOCS


def test_only_a_superior_approves(dong_buc: Congress) -> None:
    submitted(dong_buc, DOCS)
    for acting in (commune_staff(dong_buc), user("soctrang"), reader()):
        assert_forbidden(
            dong_buc,
            lambda acting=acting: do_approve_congress(  # type: ignore[misc]
                dong_buc, DOCS, acting_user=acting
            ),
        )


# ---------------------------------------------------------------------------
# Several at once


def communes(n: int) -> list[Congress]:
    return loc_binh_communes()[:n]


def test_several_units_are_approved_at_once() -> None:
    chosen = communes(3)
    for congress in chosen:
        submitted(congress, DOCS)
    done = do_approve_many(chosen, DOCS, acting_user=user("locbinh"), note="Nhất trí")
    assert {a.congress_id for a in done} == {c.pk for c in chosen}
    assert AuditEntry.objects.filter(action="congress.approve").count() == 3


def test_one_unit_that_cannot_be_approved_stops_them_all_and_is_named() -> None:
    chosen = communes(3)
    for congress in chosen[:2]:
        submitted(congress, DOCS)
    with pytest.raises(ActionRefused) as refused:
        do_approve_many(chosen, DOCS, acting_user=user("locbinh"))
    assert refused.value.codes == ["not_submitted"]
    assert chosen[2].organisation.name in refused.value.reasons[0]
    for congress in chosen:
        assert not congress.approvals.exists()
    waiting = SubmissionState.WAITING
    assert all(c.submissions.get().state == waiting for c in chosen[:2])
    assert not AuditEntry.objects.filter(action="congress.approve").exists()


def test_several_at_once_are_approved_by_a_superior_only() -> None:
    chosen = communes(2)
    for congress in chosen:
        submitted(congress, DOCS)
    with pytest.raises(PermissionDenied):
        do_approve_many(chosen, DOCS, acting_user=commune_staff(chosen[0]))
    assert not any(c.approvals.exists() for c in chosen)


def test_an_empty_choice_is_refused() -> None:
    with pytest.raises(ActionRefused) as refused:
        do_approve_many([], DOCS, acting_user=user("locbinh"))
    assert refused.value.codes == ["none_chosen"]
