"""What every API answer shares: a level, a unit, the caller's unit in a campaign."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from daihoi.api.campaign_schemas import UnitOut
from daihoi.api.schemas import LevelOut
from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.models import Campaign
from daihoi.orgs import scope
from daihoi.orgs.models import Level, Organisation

PAGE_SIZE = 100


def level_out(level: Level) -> LevelOut:
    return LevelOut(rank=level.rank, code=level.code, name=level.name)


def unit_out(org: Organisation) -> UnitOut:
    return UnitOut(
        structure=org.structure.code, code=org.code, name=org.name, level=level_out(org.level)
    )


def campaign_unit(request: HttpRequest, slug: str, code: str) -> tuple[Campaign, Organisation]:
    """The campaign and one of its units; 404 when the unit is outside the caller's subtree."""
    campaign = get_campaign(slug)
    return campaign, scope.get_org_for_user(request.user, campaign.structure.code, code)


@dataclass(frozen=True)
class Page:
    """One page of a list: what every paginated answer carries beside its items."""

    count: int
    page: int
    pages: int
    rows: list[Any]

    def meta(self) -> dict[str, int]:
        return {"count": self.count, "page": self.page, "pages": self.pages}


def page_of(items: QuerySet[Any] | Sequence[Any], number: int) -> Page:
    """The page `number` of `items` (the last one past the end), PAGE_SIZE a page."""
    paginator = Paginator(items, PAGE_SIZE)
    current = paginator.get_page(number)
    return Page(paginator.count, current.number, paginator.num_pages, list(current.object_list))
