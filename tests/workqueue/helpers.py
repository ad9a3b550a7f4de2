"""A small campaign under Lạng Sơn and Sóc Trăng on a fixed day, and how to read a queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.campaigns.models import Campaign, Congress
from daihoi.workqueue.queue import count_for, items_for
from tests.campaigns.helpers import open_congresses, small_campaign

TODAY = dt.date(2020, 3, 10)


@pytest.fixture
def today() -> Iterator[dt.date]:
    """Freeze the clock at 10/03/2020, mid-morning in Hà Nội."""
    at = dt.datetime(2020, 3, 10, 9, 0, tzinfo=timezone.get_default_timezone())
    with time_machine.travel(at, tick=False):
        yield TODAY


@pytest.fixture
def campaign(db: None) -> Campaign:
    """A campaign with a congress for every unit under Lạng Sơn and Sóc Trăng, none dated."""
    found = small_campaign("viec-can-lam")
    open_congresses(found, "20")
    open_congresses(found, "94")
    return found


def user(name: str) -> User:
    return User.objects.select_related("organisation").get(username=name)


def congress(campaign: Campaign, code: str) -> Congress:
    return Congress.objects.select_related("organisation", "campaign").get(
        campaign=campaign, organisation__code=code
    )


def kinds(name: str) -> dict[str, list[str]]:
    """The person's queue as {kind: [item text, …]}."""
    found: dict[str, list[str]] = {}
    for item in items_for(user(name)):
        found.setdefault(item.kind, []).append(item.text)
    return found


def urls(name: str, kind: str) -> list[str]:
    return [item.url for item in items_for(user(name)) if item.kind == kind]


def count(name: str) -> int:
    return count_for(user(name))
