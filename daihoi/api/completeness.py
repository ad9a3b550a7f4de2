"""What the units below owe upward, sent, and sent on time: the reporting-rate summary."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from daihoi.api.campaign_schemas import (
    CampaignSlug,
    CompletenessOut,
    CompletenessRowOut,
    TallyOut,
)
from daihoi.api.revalidate import revalidated
from daihoi.api.schemas import ERRORS, OrgCode
from daihoi.api.units import campaign_unit, level_out, unit_out
from daihoi.completeness.queries import Row, summary

router = Router(tags=["completeness"])


def _tallies(row: Row) -> list[TallyOut]:
    return [
        TallyOut(obligation=o.value, expected=t.expected, received=t.received, on_time=t.on_time)
        for o, t in row.tallies.items()
    ]


@router.get("/{slug}/completeness/{code}", response={200: CompletenessOut, **ERRORS})
@revalidated()
def get_completeness(
    request: HttpRequest, slug: CampaignSlug, code: OrgCode, day: dt.date | None = None
) -> CompletenessOut:
    """Per obligation (plan, documents, personnel, results, delegates), by level and by
    direct child: reports due by the day (today if not given), received, on time."""
    campaign, org = campaign_unit(request, slug, code)
    found = summary(campaign, org, day or timezone.localdate())
    return CompletenessOut(
        campaign=campaign.slug,
        unit=unit_out(org),
        day=found.as_of,
        by_level=[
            CompletenessRowOut(
                level=level_out(r.level) if r.level else None, unit=None, tallies=_tallies(r)
            )
            for r in found.by_level
        ],
        by_child=[
            CompletenessRowOut(
                level=None, unit=unit_out(r.org) if r.org else None, tallies=_tallies(r)
            )
            for r in found.by_child
        ],
        total=_tallies(found.total),
    )
