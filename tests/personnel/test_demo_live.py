"""The live campaign's personnel demo: xã Lộc Bình waits for its personnel approval."""

from __future__ import annotations

import pytest

from daihoi.campaigns import hooks
from daihoi.campaigns.demo_live import LOC_BINH_COMMUNE
from daihoi.campaigns.models import ApprovalKind, Campaign, Congress, CongressState
from daihoi.personnel.demo_live import FLAGGED, SEATS, load_live_personnel
from daihoi.personnel.models import CandidateList, Complaint, ComplaintStatus
from tests.campaigns.live_helpers import live_lang_son
from tests.conftest import login


@pytest.fixture
def live(db: None) -> Campaign:
    campaign = live_lang_son()
    load_live_personnel(campaign, ["20"], lambda _line: None)
    return campaign


def test_the_commune_waits_for_its_personnel_approval_with_a_complaint_open(
    live: Campaign,
) -> None:
    congress = Congress.objects.get(campaign=live, organisation__code=LOC_BINH_COMMUNE)
    assert congress.state == CongressState.DOCUMENTS_APPROVED
    committee = CandidateList.objects.get(congress=congress, kind="committee")
    assert (committee.seats, committee.members.count()) == (SEATS, 9)
    (complaint,) = Complaint.objects.filter(congress=congress)
    assert complaint.status != ComplaintStatus.SETTLED
    assert complaint.person.full_name == FLAGGED
    # The open complaint is one of the reasons the superior may not approve the plan yet.
    assert hooks.approval_problems(congress, ApprovalKind.PERSONNEL)


def test_the_communes_account_and_its_province_reach_the_live_campaign(live: Campaign) -> None:
    page = login("xalocbinh").get(f"/dai-hoi/{live.slug}/{LOC_BINH_COMMUNE}/")
    assert page.status_code == 200
    assert login("langson2025").get("/tong-quan/").url.endswith(f"/{live.slug}/20/")
    # The 2020 accounts stay on the 2020 tree, and their home is not the live campaign.
    assert login("langson").get(f"/tong-quan/{live.slug}/20/").status_code == 404


def test_loading_the_personnel_again_adds_nothing(live: Campaign) -> None:
    load_live_personnel(live, ["20"], lambda _line: None)
    assert Complaint.objects.filter(congress__campaign=live).count() == 1
    assert CandidateList.objects.filter(congress__campaign=live).count() == 1
