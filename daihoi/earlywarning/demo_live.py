"""Live demo: an inspection team whose follow-up is still open, so every reason can be seen.

The live campaign has returned requests, an open complaint and late congresses
already; what it lacks for early warning is an inspection's finding not yet put
right. Lạng Sơn's department sends a team to the two communes still preparing whose
congress is nearest, through the personnel app's actions: one follow-up done, one not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.personnel.actions.teams import do_add_visit, do_create_team, do_update_visit
from daihoi.personnel.models import InspectionTeam

ACCOUNT = "langson2025"
TEAM = "Đoàn kiểm tra số 2 của Ban Thường vụ Tỉnh ủy"
MEMBERS = "Hoàng Văn Thành (Trưởng đoàn)\nNông Thị Hạnh\nLương Văn Tuấn"
FINDINGS = (
    "Dự thảo báo cáo chính trị chưa đánh giá kết quả sắp xếp đơn vị hành chính; "
    "danh sách nhân sự chưa đủ hồ sơ kê khai tài sản của hai đồng chí."
)
FOLLOW_UP = "Bổ sung báo cáo chính trị và hồ sơ nhân sự, báo cáo đoàn trước ngày đại hội."


def load_live_inspections(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """The team and its two visits; idempotent."""
    user = User.objects.filter(username=ACCOUNT).select_related("organisation").first()
    province = user.organisation if user is not None else None
    if user is None or province is None or province.structure_id != campaign.structure_id:
        return
    if InspectionTeam.objects.filter(campaign=campaign, organisation=province).exists():
        return
    today = timezone.localdate()
    communes = list(
        Congress.objects.filter(
            campaign=campaign,
            level__rank=2,
            state=CongressState.PREPARING,
            planned_date__gt=today,
            org_path__startswith=province.path,
        )
        .select_related("organisation")
        .order_by("planned_date", "org_path")[:2]
    )
    if not communes:
        return
    start = today - dt.timedelta(days=6)
    team = do_create_team(
        campaign, province, name=TEAM, members=MEMBERS, start_date=start, acting_user=user
    )
    for i, congress in enumerate(communes):
        visit = do_add_visit(
            team,
            congress.organisation,
            date=start + dt.timedelta(days=i + 1),
            findings=FINDINGS,
            follow_up=FOLLOW_UP,
            acting_user=user,
        )
        if i:  # the second commune has put it right
            do_update_visit(
                visit, findings=FINDINGS, follow_up=FOLLOW_UP, done=True, acting_user=user
            )
    write(f"Đoàn kiểm tra mẫu: {len(communes)} xã, 1 yêu cầu khắc phục chưa xong.")
