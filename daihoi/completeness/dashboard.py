"""The dashboard's progress of the national root, read from the progress roll-up.

campaigns.progress counts a unit's congresses from the congress table: one scan of
the subtree, 0.14 s of processor for the country's 331,000. The ledger keeps each
congress's planned and held days and the roll-up their counts per province, level
and day (models.ProgressRollup), so the country's figures for any day are sums over
a few thousand rows. Registered as the campaigns app's progress counter; a unit
deeper than the roll-up, or a campaign not built, is counted from the congresses.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, Sum

from daihoi.campaigns.models import Campaign
from daihoi.campaigns.progress import Counts
from daihoi.completeness.ledger import PROGRESS_FIGURES, ROLLUP_DEPTH, is_built
from daihoi.completeness.models import ProgressRollup
from daihoi.orgs.models import Level, Organisation


def _kept(campaign: Campaign, root: Organisation) -> bool:
    return root.depth <= ROLLUP_DEPTH and is_built(campaign.pk)


def progress_by_child(
    campaign: Campaign, root: Organisation, as_of: dt.date, level_ids: list[int]
) -> dict[str, dict[int, Counts]] | None:
    """{child path: {level id: Counts}} as progress.counts_by_child answers, or None."""
    if not _kept(campaign, root):
        return None
    rows = (
        ProgressRollup.objects.filter(
            campaign=campaign, ancestor=root.path, level_id__in=level_ids, day__lte=as_of
        )
        .values("child", "level_id")
        .order_by()
        .annotate(**{f: Sum(f) for f in PROGRESS_FIGURES})
        .values_list("child", "level_id", *PROGRESS_FIGURES)
    )
    found: dict[str, dict[int, Counts]] = {}
    for child, level_id, *figures in rows:
        if figures[0]:  # a child whose congresses of a level all left: none counted there
            found.setdefault(child, {})[level_id] = Counts(*figures)
    return found


def daily_series(
    campaign: Campaign, root: Organisation, level: Level
) -> list[tuple[dt.date, int, int]] | None:
    """[(day, planned that day, held that day)] of one level under root, or None."""
    if not _kept(campaign, root):
        return None
    rows = (
        ProgressRollup.objects.filter(campaign=campaign, ancestor=root.path, level_id=level.pk)
        .filter(Q(planned__gt=0) | Q(held__gt=0))
        .values("day")
        .order_by("day")
        .annotate(p=Sum("planned"), h=Sum("held"))
        .values_list("day", "p", "h")
    )
    return [(day, planned, held) for day, planned, held in rows if planned or held]
