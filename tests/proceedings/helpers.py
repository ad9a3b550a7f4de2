"""A congress day at Lộc Bình (188): a register, an open sitting, check-ins, a programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.assembly.actions.checkin import do_check_in
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.assembly.tokens import card_token
from daihoi.campaigns.models import Campaign, Congress
from daihoi.proceedings.actions.programme import do_create_default_programme
from daihoi.proceedings.models import AgendaItem, ItemKind
from tests import denials
from tests.campaigns.helpers import open_congresses, small_campaign

DAY = dt.date(2020, 7, 20)


def staff() -> User:
    return User.objects.get(username="locbinh")


def congress_at_loc_binh(slug: str = "dien-bien-thu") -> Congress:
    campaign = Campaign.objects.filter(slug=slug).first() or small_campaign(slug)
    if not Congress.objects.filter(campaign=campaign, organisation__code="188").exists():
        open_congresses(campaign, "20")
    return Congress.objects.select_related("organisation", "campaign").get(
        campaign=campaign, organisation__code="188"
    )


def hall_of(congress: Congress, *, summoned: int, present: int) -> list[str]:
    """Summon officials, open a sitting, check `present` of them in; return the card tokens."""
    delegates = [
        do_add_delegate(congress, full_name=f"Đại Biểu Số {i + 1}", acting_user=staff())
        for i in range(summoned)
    ]
    sitting = do_open_sitting(
        congress, kind="preparatory", date=DAY, part="morning", acting_user=staff()
    )
    tokens = [card_token(d) for d in delegates]
    for token in tokens[:present]:
        do_check_in(token, sitting=sitting, desk="bàn 1", acting_user=staff())
    return tokens


def programme(congress: Congress) -> list[AgendaItem]:
    do_create_default_programme(congress, acting_user=staff())
    return list(AgendaItem.objects.filter(congress=congress).order_by("position"))


def item_of(congress: Congress, kind: str = ItemKind.VOTE) -> AgendaItem:
    return AgendaItem.objects.filter(congress=congress, kind=kind).order_by("position").first()  # type: ignore[return-value]


# --- personas and the three cases every write is tried with -------------------------------


def reader() -> User:
    """A counting-board member of Lộc Bình: sees the congress, may not run its day."""
    from daihoi.accounts.models import Role
    from daihoi.orgs.models import Organisation

    found = User.objects.filter(username="doc-locbinh").first()
    if found is not None:
        return found
    return User.objects.create_user(
        "doc-locbinh",
        organisation=Organisation.objects.get(structure__code="2020", code="188"),
        roles=[Role.COUNTING_BOARD],
        full_name="Người Đọc Chương Trình",
    )


def assert_denied(call: Callable[[User], object]) -> None:
    denials.assert_denied(call, reader=reader)


def url(congress: Congress, name: str, **extra: object) -> str:
    return reverse(name, kwargs={"campaign": congress.campaign.slug, "code": "188", **extra})


def assert_post_denied(path: str, data: dict[str, object]) -> None:
    denials.assert_post_denied(path, data, reader=reader)
