"""A congress register at Lộc Bình (188), built through the action layer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.assembly.models import Delegate, DelegateBasis, DelegateKind, Sitting
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.tables import Table, read_table
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.orgs.models import Organisation
from tests import denials
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.orgs.helpers import csv_bytes

DAY = dt.date(2020, 7, 20)


def staff() -> User:
    return User.objects.get(username="locbinh")


def reader() -> Client:
    """A counting-board member of Lộc Bình: sees the congress, keeps nothing."""
    client = Client()
    client.force_login(reader_user())
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


# --- personas and the three cases every write is tried with -------------------------------


def reader_user() -> User:
    """A counting-board member of Lộc Bình: sees the congress, keeps nothing."""
    found = User.objects.filter(username="ban-kiem-phieu").first()
    if found is not None:
        return found
    return User.objects.create_user(
        "ban-kiem-phieu",
        organisation=Organisation.objects.get(code="188"),
        roles=[Role.COUNTING_BOARD],
        full_name="Ban Kiểm Phiếu",
    )


def assert_denied(call: Callable[[User], object]) -> None:
    denials.assert_denied(call, reader=reader_user)


def page_url(congress: Congress, name: str, *args: object) -> str:
    """A URL of the congress's pages: campaign and code first, then the object's id."""
    return reverse(name, args=[congress.campaign.slug, congress.organisation.code, *args])


def assert_post_denied(path: str, data: dict[str, object] | None = None) -> None:
    """GET is 405; a POST by the reader is 403, by the outsider 404, anonymous logs in first."""
    denials.assert_post_only(path)
    denials.assert_post_denied(path, data, reader=reader_user)


def page_urls(congress: Congress) -> dict[str, str]:
    """The congress day's GET pages, by their short names (register, desk, …)."""
    return {
        n: page_url(congress, f"assembly_{n}")
        for n in (
            "register",
            "credentials",
            "credentials_docx",
            "cards",
            "desk",
            "quorum",
            "quorum_json",
        )
    }


# A register file as the department types it: every kind of delegate, Vietnamese headers.
REGISTER_HEADER = [
    "Họ và tên",
    "Loại đại biểu",
    "Mã đơn vị",
    "Thứ tự dự khuyết",
    "Số phiếu",
    "Giới tính",
    "Dân tộc thiểu số",
    "Năm sinh",
    "Chức vụ",
]


def register_rows(congress: Congress) -> list[list[str]]:
    first, second = (u.code for u in units(congress))
    return [
        REGISTER_HEADER,
        ["Nguyễn Văn An", "Chính thức", first, "", "120", "Nam", "", "1975", "Bí thư Đảng ủy"],
        ["Lò Thị Bình", "chinh thuc", second, "", "98", "Nữ", "1", "1980", ""],
        ["Hoàng Văn Cường", "Dự khuyết", first, "", "60", "nam", "x", "", ""],
        ["Vi Thị Dung", "Đại biểu dự khuyết", first, "1", "70", "", "", "", ""],
        ["Lăng Văn Em", "Đương nhiên", "", "", "", "Nam", "", "1968-04-02", "Phó Bí thư"],
        ["Trần Văn Khách", "Khách mời", "", "", "", "", "", "", "Nguyên Bí thư"],
    ]


def register_csv(rows: list[list[str]]) -> bytes:
    return csv_bytes(*(",".join(cells) for cells in rows))


def register_table(rows: list[list[str]]) -> Table:
    return read_table("dai-bieu.csv", register_csv(rows))


def announced(congress: Congress, kind: str, votes: dict[str, int], elected: list[str]) -> Election:
    """An announced election's frozen result, in the shape the elections app writes."""
    names = list(votes)
    ranked = sorted(elected, key=lambda n: -votes[n])
    return Election.objects.create(
        congress=congress,
        kind=kind,
        title=str(ElectionKind(kind).label),
        seats=len(elected),
        base=100,
        state=ElectionState.ANNOUNCED,
        result={
            "seats": len(elected),
            "base": 100,
            "needed": 51,
            "ballots": {"collected": 100, "valid": 100, "invalid": 0, "invalid_reasons": {}},
            "candidates": [
                {
                    "no": i + 1,
                    "full_name": n,
                    "votes": votes[n],
                    "percent_of_base": float(votes[n]),
                    "percent_of_valid": float(votes[n]),
                    "elected": n in elected,
                }
                for i, n in enumerate(names)
            ],
            "elected": [names.index(n) + 1 for n in ranked],
            "tied": [],
            "seats_left": 0,
        },
    )
