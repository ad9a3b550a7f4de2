"""A congress register at Lộc Bình (188), built through the action layer."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from daihoi.accounts.models import Role, User
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.assembly.models import Delegate, DelegateBasis, DelegateKind, Sitting
from daihoi.campaigns.models import Campaign, Congress
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import open_congresses, small_campaign

DAY = dt.date(2020, 7, 20)


def staff() -> User:
    return User.objects.get(username="locbinh")


def reader() -> Client:
    """A counting-board member of Lộc Bình: sees the congress, keeps nothing."""
    user = User.objects.create_user(
        "ban-kiem-phieu",
        organisation=Organisation.objects.get(code="188"),
        roles=[Role.COUNTING_BOARD],
        full_name="Ban Kiểm Phiếu",
    )
    client = Client()
    client.force_login(user)
    return client


def loc_binh_congress(slug: str = "ngay-dai-hoi") -> Congress:
    """Lộc Bình's district congress in a fresh campaign, with a congress for each unit below."""
    campaign = Campaign.objects.filter(slug=slug).first() or small_campaign(slug)
    if not Congress.objects.filter(campaign=campaign, organisation__code="188").exists():
        open_congresses(campaign, "20")
    return Congress.objects.select_related("organisation", "campaign").get(
        campaign=campaign, organisation__code="188"
    )


def units(congress: Congress, n: int = 2) -> list[Organisation]:
    """The first `n` units directly under the congress's organisation."""
    from daihoi.orgs.tree import children

    return list(children(congress.organisation))[:n]


def alternate(congress: Congress, name: str, unit: Organisation, rank: int) -> Delegate:
    """An alternate of `unit`, called `rank`-th to replace one of its officials."""
    return do_add_delegate(
        congress,
        full_name=name,
        kind=DelegateKind.ALTERNATE,
        unit=unit,
        alternate_order=rank,
        acting_user=staff(),
    )


def register(
    congress: Congress, officials: int = 6, alternates: int = 2, ex_officio: int = 0
) -> list[Delegate]:
    """Officials and alternates spread over two units, plus ex-officio members."""
    first, second = units(congress)
    made = []
    for i in range(officials):
        made.append(
            do_add_delegate(
                congress,
                full_name=f"Đại Biểu Số {i + 1}",
                unit=first if i % 2 == 0 else second,
                acting_user=staff(),
            )
        )
    for i in range(alternates):
        made.append(alternate(congress, f"Dự Khuyết Số {i + 1}", first, i + 1))
    for i in range(ex_officio):
        made.append(
            do_add_delegate(
                congress,
                full_name=f"Cấp Ủy Viên {i + 1}",
                basis=DelegateBasis.EX_OFFICIO,
                acting_user=staff(),
            )
        )
    return made


def open_sitting(congress: Congress) -> Sitting:
    return do_open_sitting(
        congress, kind="preparatory", date=DAY, part="morning", acting_user=staff()
    )
