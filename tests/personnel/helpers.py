"""People and a congress at Lộc Bình, built through the action layer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import Campaign, CompositionTarget, Congress
from daihoi.campaigns.presets import TARGET_PRESETS
from daihoi.core.errors import ActionRefused
from daihoi.personnel.actions.lists import do_add_to_list, do_create_list
from daihoi.personnel.actions.people import do_create_person
from daihoi.personnel.models import CandidateList, Person
from tests.campaigns.helpers import small_campaign
from tests.conftest import org

# Thirteen people of Lộc Bình for an eleven-seat committee: 2 women, mixed ages.
THIRTEEN = [
    ("Hoàng Văn An", "M", dt.date(1975, 3, 2), True),
    ("Nông Thị Bích", "F", dt.date(1982, 6, 15), False),
    ("Lý Văn Cường", "M", dt.date(1968, 1, 20), True),
    ("Vi Văn Dũng", "M", dt.date(1979, 11, 5), True),
    ("Lương Văn Đức", "M", dt.date(1971, 8, 8), True),
    ("Hà Thị Giang", "F", dt.date(1985, 2, 28), False),
    ("Triệu Văn Hải", "M", dt.date(1966, 12, 1), True),
    ("Mã Văn Hùng", "M", dt.date(1983, 4, 4), False),
    ("Chu Văn Khánh", "M", dt.date(1974, 9, 9), True),
    ("Lộc Văn Long", "M", dt.date(1972, 7, 7), True),
    ("Đinh Văn Minh", "M", dt.date(1969, 5, 5), True),
    ("Hoàng Văn Nam", "M", dt.date(1981, 10, 10), False),
    ("Nông Văn Phúc", "M", dt.date(1977, 3, 3), False),
]


def staff() -> User:
    return User.objects.get(username="locbinh")


def campaign_with_targets(slug: str = "nhan-su-thu", preset: str = "ct35-2019") -> Campaign:
    campaign = small_campaign(slug)
    for code, label, minimum, maximum, hard, source in TARGET_PRESETS[preset]:
        CompositionTarget.objects.create(
            campaign=campaign,
            code=code,
            label=label,
            minimum=minimum,
            maximum=maximum,
            hard=hard,
            source=source,
        )
    return campaign


def loc_binh_congress(campaign: Campaign | None = None) -> Congress:
    campaign = campaign or campaign_with_targets()
    loc_binh = org("188")
    Congress.objects.get_or_create(
        campaign=campaign,
        organisation=loc_binh,
        defaults={
            "org_path": loc_binh.path,
            "level": loc_binh.level,
            "planned_date": dt.date(2020, 7, 15),
        },
    )
    return Congress.objects.select_related("organisation", "campaign").get(
        campaign=campaign, organisation__code="188"
    )


def make_people(rows=THIRTEEN, code: str = "188") -> list[Person]:
    where = org(code)
    return [
        do_create_person(
            where,
            {
                "full_name": name,
                "gender": gender,
                "birth_date": born,
                "ethnicity": "Tày",
                "outgoing_committee": outgoing,
                "planned": not outgoing,
            },
            acting_user=staff(),
        )
        for name, gender, born, outgoing in rows
    ]


def eleven_seat_list(n: int = 13) -> tuple[CandidateList, list[Person]]:
    """A committee list of eleven seats at Lộc Bình with the first n of THIRTEEN on it."""
    congress = loc_binh_congress()
    people = make_people()[:n]
    cl = do_create_list(congress, "committee", 11, acting_user=staff())
    for p in people:
        do_add_to_list(cl, p, acting_user=staff())
    return cl, people


def one_person() -> Person:
    return make_people()[0]


@contextmanager
def refused(code: str) -> Iterator[pytest.ExceptionInfo[ActionRefused]]:
    """Expect an ActionRefused carrying `code` (the reasons are worded for people)."""
    with pytest.raises(ActionRefused) as caught:
        yield caught
    assert code in caught.value.codes, caught.value.codes


def documents_member() -> User:
    """A member of Lộc Bình's documents subcommittee: inside the subtree, no personnel role."""
    return User.objects.get_or_create(
        username="tieu-ban-van-kien",
        defaults={"organisation": org("188"), "roles": [Role.SUBCOMMITTEE]},
    )[0]


def client_of(user: User | str) -> Client:
    client = Client()
    client.force_login(user if isinstance(user, User) else User.objects.get(username=user))
    return client


def assert_write_refused(name: str, args: list[object], data: dict[str, object]) -> None:
    """The no-permission test of a write: GET is 405, the documents subcommittee 403, another
    province 404; nothing may be written by any of them."""
    from daihoi.audit.models import AuditEntry

    url = reverse(name, args=args)
    before = (
        AuditEntry.objects.filter(action__startswith="personnel.")
        .exclude(action="personnel.list_view")
        .count()
    )
    assert client_of(staff()).get(url).status_code == 405
    assert client_of(documents_member()).post(url, data).status_code == 403
    assert client_of("soctrang").post(url, data).status_code == 404
    after = (
        AuditEntry.objects.filter(action__startswith="personnel.")
        .exclude(action="personnel.list_view")
        .count()
    )
    assert after == before
