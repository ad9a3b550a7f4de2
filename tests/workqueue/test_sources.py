"""Each item of the queue appears with the state that causes it and goes when that state changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from daihoi.accounts.models import Role, User
from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.actions.submissions import do_return_submission, do_submit_congress
from daihoi.campaigns.models import ApprovalKind, Campaign, Congress, CongressState
from daihoi.drafts.actions.comments import do_add_comment
from daihoi.drafts.actions.handling import do_handle_comments
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import Handling
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import ElectionState
from daihoi.jobs.models import Job, JobKind, JobState
from daihoi.orgs.models import Organisation
from daihoi.personnel.actions.complaints import do_register_complaint, do_settle_complaint
from daihoi.personnel.models import ComplaintKind
from tests.campaigns.helpers import PAPER
from tests.drafts.helpers import comment, document_with_round
from tests.elections.helpers import counting_election, staff
from tests.personnel.helpers import make_people
from tests.workqueue.helpers import campaign, congress, count, kinds, today, urls, user

pytestmark = pytest.mark.django_db
__all__ = ["campaign", "today"]  # fixtures


def set_state(c: Congress, state: str, **dates: dt.date | None) -> None:
    Congress.objects.filter(pk=c.pk).update(state=state, **dates)


# --- Approvals asked of the unit by the units directly below ---------------------------


def test_a_request_for_approval_waits_for_the_direct_superior_until_approved(
    campaign: Campaign, today: dt.date
) -> None:
    dong_buc = congress(campaign, "06553")
    Congress.objects.filter(pk=dong_buc.pk).update(planned_date=dt.date(2020, 4, 2))
    assert "approval" not in kinds("locbinh")
    do_submit_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("locbinh"), paper=PAPER)

    assert kinds("locbinh")["approval"] == [
        "Duyệt văn kiện đại hội Đảng bộ xã Đồng Bục (dự kiến họp 02/04/2020)."
    ]
    assert urls("locbinh", "approval") == [
        reverse("congress_detail", args=[campaign.slug, "06553"]) + "#approvals"
    ]
    # Asked of Lộc Bình, not of the province above it.
    assert "approval" not in kinds("langson")

    do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("locbinh"))
    assert "approval" not in kinds("locbinh")


def test_a_request_sent_back_leaves_the_superiors_queue(campaign: Campaign, today: dt.date) -> None:
    dong_buc = congress(campaign, "06553")
    do_submit_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("locbinh"), paper=PAPER)
    assert "approval" in kinds("locbinh")
    do_return_submission(
        dong_buc,
        ApprovalKind.DOCUMENTS,
        reason="Bổ sung báo cáo kiểm điểm.",
        acting_user=user("locbinh"),
    )
    assert "approval" not in kinds("locbinh")


# --- Lower congresses late, or near their day without their approvals ----------------------


def test_a_congress_past_its_planned_day_is_late_until_it_is_held(
    campaign: Campaign, today: dt.date
) -> None:
    dong_buc = congress(campaign, "06553")
    set_state(dong_buc, CongressState.PREPARING, planned_date=dt.date(2020, 3, 1))

    assert kinds("locbinh")["late"] == [
        "Đại hội Đảng bộ xã Đồng Bục dự kiến họp ngày 01/03/2020, đã quá 9 ngày mà chưa tổ chức."
    ]
    # The province follows its whole subtree.
    assert "late" in kinds("langson")

    set_state(dong_buc, CongressState.HELD, held_date=dt.date(2020, 3, 9))
    assert "late" not in kinds("locbinh")


def test_a_congress_within_two_weeks_without_approvals_is_flagged_until_approved(
    campaign: Campaign, today: dt.date
) -> None:
    dong_buc = congress(campaign, "06553")
    set_state(dong_buc, CongressState.PREPARING, planned_date=dt.date(2020, 3, 20))
    assert kinds("locbinh")["unready"] == [
        "Đại hội Đảng bộ xã Đồng Bục họp ngày 20/03/2020 (còn 10 ngày) mà chưa được duyệt "
        "văn kiện và nhân sự."
    ]
    set_state(dong_buc, CongressState.PERSONNEL_APPROVED)
    assert "unready" not in kinds("locbinh")


def test_a_congress_further_ahead_waits_for_nothing_yet(campaign: Campaign, today: dt.date) -> None:
    set_state(congress(campaign, "06553"), CongressState.PLANNED, planned_date=dt.date(2020, 4, 1))
    assert kinds("locbinh") == {}


# --- Complaints past their deadline ------------------------------------------------------------


def test_an_open_complaint_past_its_deadline_waits_for_personnel_staff_until_settled(
    campaign: Campaign, today: dt.date
) -> None:
    (person, *_rest) = make_people()
    loc_binh = congress(campaign, "188")
    complaint = do_register_complaint(
        loc_binh,
        person,
        {
            "received": dt.date(2020, 2, 20),
            "content": "Kê khai tài sản chưa đầy đủ.",
            "classification": ComplaintKind.DENUNCIATION,
            "deadline": dt.date(2020, 3, 5),
        },
        acting_user=user("locbinh"),
    )
    texts = kinds("locbinh")["complaint"]
    assert texts == [
        "Tố cáo nhận ngày 20/02/2020, đại hội Đảng bộ huyện Lộc Bình: hạn giải quyết "
        "05/03/2020 đã qua."
    ]
    assert person.full_name not in texts[0]  # the queue is no page of personal data
    assert urls("locbinh", "complaint") == [reverse("personnel_complaint", args=[complaint.pk])]
    # Not for a member of the documents subcommittee: complaints are personnel staff's.
    User.objects.create_user(
        "van-kien", organisation=loc_binh.organisation, roles=[Role.SUBCOMMITTEE]
    )
    assert "complaint" not in kinds("van-kien")

    do_settle_complaint(complaint, "Đã xác minh, không có cơ sở.", acting_user=user("locbinh"))
    assert "complaint" not in kinds("locbinh")


# --- Drafts: comments without a handling, rounds closing, the superior asking ----------------


def test_a_comment_without_a_handling_waits_until_it_is_handled(
    campaign: Campaign, today: dt.date
) -> None:
    document, round_ = document_with_round(campaign)
    note = comment(round_)
    assert kinds("locbinh")["comments"] == [
        f"{document.title}, dự thảo lần 1: 1 ý kiến chưa có hình thức xử lý."
    ]
    assert urls("locbinh", "comments")[0].endswith("/gop-y/?xuly=chua")
    # The unit's own documents: the province above does not get Lộc Bình's comments to handle.
    assert "comments" not in kinds("langson")

    do_handle_comments(
        round_,
        [note.pk],
        handling=Handling.EXPLAINED,
        response="Đã có trong báo cáo.",
        acting_user=user("locbinh"),
    )
    assert "comments" not in kinds("locbinh")


def test_a_round_past_its_comment_deadline_waits_to_be_closed(
    campaign: Campaign, today: dt.date
) -> None:
    document, round_ = document_with_round(campaign)  # comments until 02/03/2020
    assert kinds("locbinh")["closing"] == [
        f"{document.title}, dự thảo lần 1: đã hết hạn góp ý từ ngày 02/03/2020; "
        "xử lý hết ý kiến rồi khép lại."
    ]
    do_close_round(round_, acting_user=user("locbinh"))
    assert "closing" not in kinds("locbinh")


def test_the_superiors_round_asks_the_unit_until_the_unit_has_commented(
    campaign: Campaign, today: dt.date
) -> None:
    loc_binh = Organisation.objects.get(structure=campaign.structure, code="188")
    document, round_ = document_with_round(campaign, "20", staff="langson", units=[loc_binh])
    round_.__class__.objects.filter(pk=round_.pk).update(comment_deadline=dt.date(2020, 3, 20))
    assert kinds("locbinh")["asked"] == [
        f"Đảng bộ tỉnh Lạng Sơn xin ý kiến về {document.title} (dự thảo lần 1), hạn 20/03/2020."
    ]
    assert urls("locbinh", "asked") == [
        reverse("drafts_upward", args=[campaign.slug, "188", document.pk])
    ]
    do_add_comment(
        round_,
        text="Đề nghị bổ sung chỉ tiêu.",
        received_on=today,
        source_org=loc_binh,
        acting_user=user("locbinh"),
    )
    assert "asked" not in kinds("locbinh")


# --- Elections waiting for reconciliation or sealing --------------------------------------


def test_a_counting_election_waits_for_the_board_and_the_organisers_until_reconciled(
    today: dt.date,
) -> None:
    election = counting_election(issued=2, collected=2)
    # Board accounts belong to the congress's unit, like every account (scope.py).
    User.objects.filter(username__in=["truongban", "to1"]).update(
        organisation=election.congress.organisation
    )
    assert urls("truongban", "reconcile") == [reverse("election_reconcile", args=[election.pk])]
    assert "reconcile" in kinds("locbinh")
    assert "reconcile" not in kinds("to1")  # a typist keys at their desk, does not reconcile

    for team, name in ((1, "to1"), (2, "to2")):
        for serial in (1, 2):
            do_key_ballot(election, team=team, serial=serial, crossed=[1], acting_user=user(name))
    do_transition_election(election, ElectionState.RECONCILED, acting_user=staff())
    assert "reconcile" not in kinds("truongban")
    assert "reconcile" not in kinds("locbinh")

    do_transition_election(election, ElectionState.ANNOUNCED, acting_user=staff())
    assert urls("locbinh", "seal") == [reverse("election_detail", args=[election.pk])]
    assert "seal" not in kinds("truongban")  # sealing is the organisers' step

    do_transition_election(election, ElectionState.SEALED, acting_user=staff())
    assert kinds("locbinh") == {}


# --- Imports that failed ----------------------------------------------------------------------


def test_a_failed_import_waits_for_whoever_started_it_until_one_succeeds(today: dt.date) -> None:
    loc_binh = user("locbinh")
    failed = Job.objects.create(
        kind=JobKind.ORG_IMPORT,
        organisation=loc_binh.organisation,
        started_by=loc_binh,
        source="chi-bo.xlsx",
        state=JobState.FAILED,
        created_at=timezone.now() - dt.timedelta(hours=2),
    )
    assert urls("locbinh", "job") == [reverse("jobs_detail", args=[failed.pk])]
    assert "chi-bo.xlsx" in kinds("locbinh")["job"][0]
    assert "job" not in kinds("langson")  # the one who started it

    Job.objects.create(
        kind=JobKind.ORG_IMPORT,
        organisation=loc_binh.organisation,
        started_by=loc_binh,
        source="chi-bo.xlsx",
        state=JobState.DONE,
    )
    assert "job" not in kinds("locbinh")


# --- Scope ------------------------------------------------------------------------------------


def test_a_department_sees_only_its_subtrees_work(campaign: Campaign, today: dt.date) -> None:
    soc_trang = Organisation.objects.get(structure=campaign.structure, code="94")
    under_soc_trang = Congress.objects.filter(
        campaign=campaign, organisation__depth=3, org_path__startswith=soc_trang.path
    ).first()
    assert under_soc_trang is not None
    set_state(under_soc_trang, CongressState.PREPARING, planned_date=dt.date(2020, 3, 1))

    assert "late" in kinds("soctrang")
    assert kinds("locbinh") == {}
    assert kinds("langson") == {}
    assert count("locbinh") == 0
    assert count("soctrang") == 1
    # The national level follows the whole country.
    assert "late" in kinds("quantri")


def test_a_delegate_and_an_account_without_a_unit_have_nothing_to_do(
    campaign: Campaign, today: dt.date
) -> None:
    set_state(congress(campaign, "06553"), CongressState.PREPARING, planned_date=today)
    User.objects.create_user("khong-don-vi", roles=[Role.ORG_STAFF])
    assert kinds("daibieu") == {}
    assert count("khong-don-vi") == 0
