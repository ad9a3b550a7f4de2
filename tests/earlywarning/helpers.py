"""A campaign under Lộc Bình with congresses in every situation early warning reads."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.assembly.models import Sitting
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Campaign,
    Congress,
    CongressState,
    Submission,
    SubmissionState,
)
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import (
    Complaint,
    ComplaintStatus,
    InspectionTeam,
    InspectionVisit,
    Person,
)
from tests.campaigns.helpers import open_congresses, small_campaign

# Lộc Bình's 58 communes (cơ sở) and 388 cells (chi bộ) are the units below it.
LOC_BINH = "188"


def today() -> dt.date:
    return timezone.localdate()


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def communes(campaign: Campaign) -> list[Congress]:
    return list(
        Congress.objects.filter(campaign=campaign, level__code="co-so")
        .select_related("organisation")
        .order_by("org_path")
    )


def approve(congress: Congress, kind: str, day: dt.date) -> None:
    Approval.objects.create(
        congress=congress,
        kind=kind,
        approved_by=User.objects.get(username="locbinh"),
        approver_organisation=Organisation.objects.get(structure__code="2020", code=LOC_BINH),
        at=at(day),
    )


def ask(congress: Congress, kind: str, state: str, day: dt.date) -> Submission:
    return Submission.objects.create(
        congress=congress,
        kind=kind,
        state=state,
        submitted_by=User.objects.get(username="locbinh"),
        submitted_at=at(day),
        fingerprint="0" * 64,
    )


def complaint(congress: Congress, status: str = ComplaintStatus.OPEN) -> Complaint:
    person = Person.objects.create(
        organisation=congress.organisation,
        full_name="Nguyễn Văn Thử",
        gender="M",
        birth_date=dt.date(1975, 5, 1),
    )
    return Complaint.objects.create(
        congress=congress,
        person=person,
        received=today() - dt.timedelta(days=3),
        content="Đơn thư thử",
        classification="khieu-nai",
        status=status,
    )


def visit(unit: Organisation, campaign: Campaign, *, done: bool = False) -> InspectionVisit:
    team = InspectionTeam.objects.create(
        campaign=campaign,
        organisation=Organisation.objects.get(structure__code="2020", code=LOC_BINH),
        name="Đoàn kiểm tra số 1",
        members="Hoàng Văn A",
        start_date=today() - dt.timedelta(days=10),
    )
    return InspectionVisit.objects.create(
        team=team,
        unit=unit,
        date=today() - dt.timedelta(days=5),
        findings="Dự thảo báo cáo chính trị còn thiếu số liệu.",
        follow_up="Bổ sung số liệu, gửi lại trước ngày đại hội.",
        follow_up_done=done,
    )


def risky_campaign() -> Campaign:
    """Every unit under Lộc Bình planned in 10 days, and the communes set apart:

    0 held yesterday (not counted); 1 documents approved; 2 documents waiting; 3 documents
    returned; 4 an open complaint; 5 a settled complaint; 6 an inspection follow-up not
    done; 7 one done; 8 no planned date; 9 planned yesterday (overdue); 10 today with a
    sitting opened; 11 today without; 12 both approved, 40 days ahead (not at risk).
    """
    camp = small_campaign("canh-bao")
    day = today()
    open_congresses(camp, LOC_BINH, planned_date=day + dt.timedelta(days=10))
    c = communes(camp)
    Congress.objects.filter(pk=c[0].pk).update(
        held_date=day - dt.timedelta(days=1), state=CongressState.HELD
    )
    approve(c[1], ApprovalKind.DOCUMENTS, day - dt.timedelta(days=5))
    ask(c[2], ApprovalKind.DOCUMENTS, SubmissionState.WAITING, day - dt.timedelta(days=2))
    ask(c[3], ApprovalKind.DOCUMENTS, SubmissionState.RETURNED, day - dt.timedelta(days=4))
    complaint(c[4])
    complaint(c[5], ComplaintStatus.SETTLED)
    visit(c[6].organisation, camp)
    visit(c[7].organisation, camp, done=True)
    Congress.objects.filter(pk=c[8].pk).update(planned_date=None)
    Congress.objects.filter(pk=c[9].pk).update(planned_date=day - dt.timedelta(days=1))
    Congress.objects.filter(pk__in=[c[10].pk, c[11].pk]).update(planned_date=day)
    Sitting.objects.create(
        congress=c[10], kind="official", date=day, part="morning", ordinal=1, opened_at=at(day)
    )
    Congress.objects.filter(pk=c[12].pk).update(planned_date=day + dt.timedelta(days=40))
    approve(c[12], ApprovalKind.DOCUMENTS, day)
    approve(c[12], ApprovalKind.PERSONNEL, day)
    return camp
