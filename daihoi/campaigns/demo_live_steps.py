"""Live demo: requests for approval waiting and returned, made through the submission actions.

The live campaign is written in bulk (campaigns/demo_live.py); the steps a department
takes through its pages are then taken here through the same actions, with the demo's
2025 accounts, in the provinces that have one (Lạng Sơn, Cần Thơ): the communes still
preparing whose congress comes within `SOON` days send their documents up (recorded by
the province's department for a commune working on paper, as the action allows), the
province returns the first `RETURNED` of them with a reason, and xã Lộc Bình sends its
personnel plan up, which waits behind its open complaint (personnel/demo_live.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.campaigns.actions.submissions import do_return_submission, do_submit_congress
from daihoi.campaigns.demo_live import LOC_BINH_COMMUNE
from daihoi.campaigns.models import ApprovalKind, Campaign, Congress, CongressState, Submission

SOON = 12  # days ahead: the communes whose documents should be with the province by now
RETURNED = 2  # per province
PROVINCE_ACCOUNTS = ["langson2025", "cantho2025"]  # Lạng Sơn, Cần Thơ
COMMUNE_ACCOUNTS = {LOC_BINH_COMMUNE: "xalocbinh"}
PAPER = [
    "Dự thảo Báo cáo chính trị (bản giấy)",
    "Dự thảo Báo cáo kiểm điểm của Ban Chấp hành (bản giấy)",
]
REASON = (
    "Đề nghị bổ sung vào báo cáo chính trị phần đánh giá kết quả sắp xếp đơn vị hành chính "
    "cấp xã và phương hướng của xã mới sau hợp nhất, rồi gửi lại."
)


def load_live_submissions(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Documents requests waiting and returned, and one personnel request; idempotent."""
    if Submission.objects.filter(congress__campaign=campaign).exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[*PROVINCE_ACCOUNTS, *COMMUNE_ACCOUNTS.values()])
    }
    soon = timezone.localdate() + dt.timedelta(days=SOON)
    waiting = returned = 0
    for username in PROVINCE_ACCOUNTS:
        department = users.get(username)
        if department is None:
            continue
        preparing = (
            Congress.objects.filter(
                campaign=campaign,
                level__rank=2,
                organisation__structure=campaign.structure,
                state=CongressState.PREPARING,
                planned_date__lte=soon,
                org_path__startswith=department.organisation.path,  # type: ignore[union-attr]
            )
            .select_related("organisation", "campaign")
            .order_by("planned_date", "org_path")
        )
        for i, congress in enumerate(preparing):
            do_submit_congress(
                congress, ApprovalKind.DOCUMENTS, acting_user=department, paper=PAPER
            )
            if i < RETURNED:
                do_return_submission(
                    congress, ApprovalKind.DOCUMENTS, reason=REASON, acting_user=department
                )
                returned += 1
            else:
                waiting += 1
    for code, username in COMMUNE_ACCOUNTS.items():
        commune = Congress.objects.filter(campaign=campaign, organisation__code=code).first()
        if commune is not None and username in users:
            do_submit_congress(commune, ApprovalKind.PERSONNEL, acting_user=users[username])
            waiting += 1
    write(f"Hồ sơ xin duyệt mẫu: {waiting} đang chờ cấp trên, {returned} bị trả lại kèm lý do.")
