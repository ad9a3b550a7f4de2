"""Live demo personnel: xã Lộc Bình's list for its first committee, with a complaint open.

In the live 2025–2030 campaign (campaigns/demo_live.py) xã Lộc Bình has its documents
approved and waits for the approval of its personnel plan; here its department (the
demo account xalocbinh) enters nine people, builds the list for 7 seats and registers
a denunciation about one of them, all through the actions a user's pages call. The
complaint flags the person on the list and blocks the superior's approval until it is
settled or overridden, so both can be tried at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.campaigns.demo_live import LOC_BINH_COMMUNE
from daihoi.campaigns.models import Campaign, Congress
from daihoi.personnel.actions.complaints import do_register_complaint
from daihoi.personnel.actions.lists import do_add_to_list, do_create_list
from daihoi.personnel.actions.people import do_create_person
from daihoi.personnel.models import CandidateList, ComplaintKind, PersonnelSettings

ACCOUNT = "xalocbinh"
SEATS = 7
D = dt.date
# name, gender, born, in the outgoing committee of one of the merged communes
PEOPLE = [
    ("Hoàng Văn Thắng", "M", D(1974, 3, 12), True),
    ("Lăng Thị Hà", "F", D(1981, 9, 2), True),
    ("Nông Văn Quý", "M", D(1978, 11, 20), True),
    ("Vi Thị Ngọc", "F", D(1988, 6, 15), False),
    ("Lương Văn Hùng", "M", D(1970, 1, 8), True),
    ("Chu Thị Mai", "F", D(1992, 4, 30), False),
    ("Hà Văn Sơn", "M", D(1985, 12, 1), False),
    ("Triệu Văn Khánh", "M", D(1976, 7, 19), True),
    ("Mông Thị Thu", "F", D(1990, 2, 25), False),
]
FLAGGED = "Triệu Văn Khánh"


def load_live_personnel(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Xã Lộc Bình's candidate list with one denunciation open; idempotent."""
    PersonnelSettings.objects.get_or_create(
        campaign=campaign,
        defaults={
            # The Labour Code 2019's ages reached in 2025: 61 years 3 months, 56 years 8 months.
            "retirement_months_male": 61 * 12 + 3,
            "retirement_months_female": 56 * 12 + 8,
            # Chỉ thị 45: a first-timer must be able to serve a full term.
            "first_time_min_months": 60,
            "reelection_min_months": 48,
        },
    )
    congress = (
        Congress.objects.filter(campaign=campaign, organisation__code=LOC_BINH_COMMUNE)
        .select_related("organisation", "campaign")
        .first()
    )
    user = User.objects.filter(username=ACCOUNT).first()
    if congress is None or user is None:
        return
    if CandidateList.objects.filter(congress=congress).exists():
        return
    org = congress.organisation
    people = {
        name: do_create_person(
            org,
            {
                "full_name": name,
                "gender": gender,
                "birth_date": born,
                "ethnicity": "Tày" if i % 2 else "Nùng",
                "outgoing_committee": outgoing,
                "planned": True,
                "position": "Đảng ủy viên" if outgoing else "Bí thư chi bộ thôn",
            },
            acting_user=user,
        )
        for i, (name, gender, born, outgoing) in enumerate(PEOPLE)
    }
    committee = do_create_list(congress, "committee", SEATS, acting_user=user)
    for person in people.values():
        do_add_to_list(committee, person, acting_user=user)
    today = timezone.localdate()
    do_register_complaint(
        congress,
        people[FLAGGED],
        {
            "received": today - dt.timedelta(days=3),
            "anonymous": False,
            "sender": "Một đảng viên thôn Bản Quang",
            "content": "Phản ánh việc kê khai tài sản, thu nhập chưa đầy đủ.",
            "classification": ComplaintKind.DENUNCIATION,
            "handler": "Ủy ban Kiểm tra Đảng ủy xã",
            "deadline": today + dt.timedelta(days=7),
        },
        acting_user=user,
    )
    write(
        f"Nhân sự mẫu đợt 2025–2030: danh sách {len(people)} người cho {SEATS} chỗ ở "
        f"{org.name}, một đơn tố cáo đang giải quyết."
    )
