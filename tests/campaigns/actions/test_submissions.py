"""A unit asks for approval (freezing what it sends); the superior returns it with a reason."""

from __future__ import annotations

import pytest

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.actions.submissions import do_return_submission, do_submit_congress
from daihoi.campaigns.models import ApprovalKind, Congress, SubmissionState
from daihoi.notifications.events import Event
from daihoi.notifications.models import Notification
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import (
    PAPER,
    assert_forbidden,
    assert_refused,
    dong_buc_congress,
    reader,
    submitted,
    user,
    with_list,
)

pytestmark = pytest.mark.django_db
DOCS, PERS = ApprovalKind.DOCUMENTS, ApprovalKind.PERSONNEL


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def staff_of(unit: Organisation, name: str) -> User:
    return User.objects.create_user(name, organisation=unit, roles=["org_staff"])


def test_a_submission_freezes_what_was_sent_and_asks_the_superior(dong_buc: Congress) -> None:
    commune = staff_of(dong_buc.organisation, "dongbuc")
    district = staff_of(Organisation.objects.get(code="188"), "bantochuc-lb")
    sent = do_submit_congress(dong_buc, DOCS, acting_user=commune, paper=PAPER)
    assert sent.state == SubmissionState.WAITING and sent.content["paper"] == PAPER
    assert len(sent.fingerprint) == 64
    notes = Notification.objects.filter(kind=Event.APPROVAL_ASKED)
    assert {n.recipient.username for n in notes} == {"locbinh", "bantochuc-lb"} - {"dongbuc"}
    page = f"/dai-hoi/{dong_buc.campaign.slug}/06553/#approvals"
    assert district.notifications.get().url == page
    entry = AuditEntry.objects.get(action="congress.submit")
    assert entry.after["submission"] == sent.pk and entry.after["fingerprint"] == sent.fingerprint


def test_a_personnel_plan_freezes_each_list(dong_buc: Congress) -> None:
    cl = with_list(dong_buc)
    sent = do_submit_congress(dong_buc, PERS, acting_user=user("locbinh"))
    (item,) = sent.content["items"]
    assert item["what"] == "list" and item["id"] == cl.pk and item["version"]


def test_nothing_to_submit_is_refused(dong_buc: Congress) -> None:
    for kind in (DOCS, PERS):
        assert_refused(
            dong_buc,
            lambda kind=kind: do_submit_congress(  # type: ignore[misc]
                dong_buc, kind, acting_user=user("locbinh"), paper=[]
            ),
            "nothing_to_submit",
        )


def test_a_request_waiting_is_not_sent_twice(dong_buc: Congress) -> None:
    submitted(dong_buc, DOCS)
    assert_refused(dong_buc, lambda: submitted(dong_buc, DOCS), "already_waiting")


def test_a_held_congress_asks_for_nothing(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(state="held")
    assert_refused(dong_buc, lambda: submitted(dong_buc, DOCS), "congress_held")


def test_only_the_units_writers_and_those_above_submit(dong_buc: Congress) -> None:
    for acting in (user("soctrang"), reader()):
        assert_forbidden(
            dong_buc,
            lambda acting=acting: do_submit_congress(  # type: ignore[misc]
                dong_buc, DOCS, acting_user=acting, paper=PAPER
            ),
        )


def test_a_return_carries_its_reason_to_the_unit_which_resubmits(dong_buc: Congress) -> None:
    commune = staff_of(dong_buc.organisation, "dongbuc")
    first = submitted(dong_buc, DOCS, by="dongbuc")
    back = do_return_submission(
        dong_buc, DOCS, reason="Bổ sung số liệu năm 2019", acting_user=user("locbinh")
    )
    assert back.pk == first.pk and back.state == SubmissionState.RETURNED
    assert back.reason == "Bổ sung số liệu năm 2019"
    (note,) = commune.notifications.filter(kind=Event.APPROVAL_RETURNED)
    assert "Bổ sung số liệu năm 2019" in note.text
    assert AuditEntry.objects.get(action="congress.return").after["reason"] == back.reason
    # Returned: the superior cannot approve it; the unit sends it again, then it can.
    assert_refused(
        dong_buc,
        lambda: do_approve_congress(dong_buc, DOCS, acting_user=user("locbinh")),
        "not_submitted",
    )
    again = submitted(dong_buc, DOCS, by="dongbuc")
    assert again.pk != first.pk
    assert do_approve_congress(dong_buc, DOCS, acting_user=user("locbinh")).submission == again


@pytest.mark.parametrize("reason", ["", "   ", "ok"])
def test_a_return_without_a_reason_is_refused(dong_buc: Congress, reason: str) -> None:
    submitted(dong_buc, DOCS)
    assert_refused(
        dong_buc,
        lambda: do_return_submission(dong_buc, DOCS, reason=reason, acting_user=user("langson")),
        "reason_required",
    )


def test_only_a_waiting_request_is_returned(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc,
        lambda: do_return_submission(
            dong_buc, DOCS, reason="Chưa đạt yêu cầu", acting_user=user("langson")
        ),
        "not_waiting",
    )


def test_only_a_superior_returns(dong_buc: Congress) -> None:
    commune = staff_of(dong_buc.organisation, "dongbuc")
    submitted(dong_buc, DOCS)
    for acting in (commune, user("soctrang"), reader()):
        assert_forbidden(
            dong_buc,
            lambda acting=acting: do_return_submission(  # type: ignore[misc]
                dong_buc, DOCS, reason="Chưa đạt yêu cầu", acting_user=acting
            ),
        )
