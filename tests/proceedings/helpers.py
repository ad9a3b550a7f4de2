"""A congress day at Lộc Bình (188): a register, an open sitting, check-ins, a programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.assembly.actions.checkin import do_check_in
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.assembly.tokens import card_token
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.errors import ActionRefused
from daihoi.proceedings.actions.programme import do_create_default_programme
from daihoi.proceedings.models import AgendaItem, ItemKind
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


def outsider() -> User:
    """Sóc Trăng's staff: Lộc Bình's congress does not exist for them."""
    return User.objects.get(username="soctrang")


def refusal_codes(call: Callable[[], object]) -> list[str]:
    """Run an action that must be refused; return the refusal's codes."""
    with pytest.raises(ActionRefused) as refused:
        call()
    return refused.value.codes


def assert_denied(call: Callable[[User], object]) -> None:
    """The reader inside the subtree and the outsider are both refused; nothing is audited."""
    before = AuditEntry.objects.count()
    for user in (reader(), outsider()):
        with pytest.raises(PermissionDenied):
            call(user)
    assert AuditEntry.objects.count() == before


def url(congress: Congress, name: str, **extra: object) -> str:
    return reverse(name, kwargs={"campaign": congress.campaign.slug, "code": "188", **extra})


def assert_post_denied(path: str, data: dict[str, object]) -> None:
    """A POST by the reader is 403, by the outsider 404, anonymous goes to log in; nothing moves."""
    before = AuditEntry.objects.count()
    client = Client()
    client.force_login(reader())
    assert client.post(path, data).status_code == 403
    client.force_login(outsider())
    assert client.post(path, data).status_code == 404
    anonymous = Client().post(path, data)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    assert AuditEntry.objects.count() == before


def assert_post_only(path: str) -> None:
    client = Client()
    client.force_login(staff())
    assert client.get(path).status_code == 405
