"""The live demo's requests for approval: waiting and returned, made through the actions."""

from __future__ import annotations

import pytest

from daihoi.campaigns.demo_live import LOC_BINH_COMMUNE
from daihoi.campaigns.demo_live_steps import REASON, RETURNED, load_live_submissions
from daihoi.campaigns.models import ApprovalKind, Campaign, Submission, SubmissionState
from daihoi.personnel.demo_live import load_live_personnel
from tests.campaigns.live_helpers import live_lang_son


@pytest.fixture
def live(db: None) -> Campaign:
    campaign = live_lang_son()
    load_live_personnel(campaign, ["20"], lambda _line: None)
    load_live_submissions(campaign, ["20"], lambda _line: None)
    return campaign


def test_requests_wait_for_the_province_and_some_came_back_with_a_reason(live: Campaign) -> None:
    documents = Submission.objects.filter(congress__campaign=live, kind=ApprovalKind.DOCUMENTS)
    returned = documents.filter(state=SubmissionState.RETURNED)
    assert returned.count() == RETURNED
    assert {s.reason for s in returned} == {REASON}
    assert {s.decided_by.username for s in returned if s.decided_by} == {"langson2025"}
    assert documents.filter(state=SubmissionState.WAITING).exists()
    # Every request froze what was sent: the paper documents named.
    assert all(s.content.get("paper") for s in documents)


def test_the_commune_with_a_complaint_open_asks_for_its_personnel_approval(
    live: Campaign,
) -> None:
    (personnel,) = Submission.objects.filter(congress__campaign=live, kind=ApprovalKind.PERSONNEL)
    assert personnel.congress.organisation.code == LOC_BINH_COMMUNE
    assert personnel.state == SubmissionState.WAITING
    assert personnel.submitted_by.username == "xalocbinh"


def test_loading_the_requests_again_adds_none(live: Campaign) -> None:
    before = Submission.objects.count()
    load_live_submissions(live, ["20"], lambda _line: None)
    assert Submission.objects.count() == before
