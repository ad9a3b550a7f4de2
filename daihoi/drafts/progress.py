"""Document progress of the units below, as of a day: "58/58 đã xong vòng 1 báo cáo chính trị".

A unit has finished round n of a document when that round of its draft was closed
(every comment handled) by the end of the day. Counted over the dashboard unit's
direct children, one query for all kinds and rounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils import timezone

from daihoi.campaigns.hooks import Panel
from daihoi.drafts.models import DocKind, Round
from daihoi.orgs import tree

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Campaign
    from daihoi.orgs.models import Organisation


@dataclass(frozen=True)
class RoundProgress:
    kind: str
    number: int
    done: int  # direct children that closed this round by the day
    units: int  # direct children

    @property
    def kind_label(self) -> str:
        return str(DocKind(self.kind).label)


def round_progress(campaign: Campaign, org: Organisation, as_of: dt.date) -> list[RoundProgress]:
    """For each document kind and round the children reached, how many closed it by as_of."""
    children = tree.children(org)
    end_of_day = timezone.make_aware(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))
    rows = (
        Round.objects.filter(
            document__congress__campaign=campaign,
            document__congress__organisation__in=children,
            closed_at__lt=end_of_day,
        )
        .values("document__kind", "number")
        .annotate(done=Count("document__congress", distinct=True))
        .order_by("document__kind", "number")
    )
    found = list(rows)
    if not found:  # one query on a dashboard with no drafts below, the usual case
        return []
    units = children.count()
    return [RoundProgress(r["document__kind"], r["number"], r["done"], units) for r in found]


def dashboard_panel(
    request: HttpRequest, campaign: Campaign, org: Organisation, as_of: dt.date
) -> Panel | None:
    lines = round_progress(campaign, org, as_of)
    if not lines:
        return None
    return Panel("drafts/_round_progress.html", {"lines": lines, "as_of": as_of}, order=41)
