"""Opening a campaign: its plan per level and its composition targets."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from daihoi.audit import log
from daihoi.campaigns.models import Campaign, CompositionTarget, GoverningDocument, LevelPlan
from daihoi.campaigns.presets import TARGET_PRESETS
from daihoi.orgs.models import Level, Structure

if TYPE_CHECKING:
    from daihoi.accounts.models import User


# Not durable: the demo and the import command open a campaign inside their own
# transaction, with the records that follow it.
@transaction.atomic
def do_create_campaign(
    slug: str,
    name: str,
    *,
    structure: Structure,
    term_start: int,
    term_end: int,
    directive: GoverningDocument | None = None,
    reference_date: dt.date | None = None,
    targets_preset: str | None = None,
    acting_user: User | None,
) -> Campaign:
    """Create a campaign with a plan row per level and the preset composition targets."""
    campaign = Campaign.objects.create(
        slug=slug,
        name=name,
        structure=structure,
        term_start=term_start,
        term_end=term_end,
        directive=directive,
        reference_date=reference_date,
    )
    levels = Level.objects.filter(structure=structure).order_by("rank")
    lowest = levels.last()
    for level in levels:
        # Cells under a grassroots committee elect for half a term (2020–2022).
        half = level == lowest and structure.code == "2020"
        term = f"{term_start}–{term_start + 2}" if half else f"{term_start}–{term_end}"
        LevelPlan.objects.create(campaign=campaign, level=level, term=term)
    for code, label, minimum, maximum, hard, source in TARGET_PRESETS.get(targets_preset or "", []):
        CompositionTarget.objects.create(
            campaign=campaign,
            code=code,
            label=label,
            minimum=minimum,
            maximum=maximum,
            hard=hard,
            source=source,
        )
    log.record(
        "campaign.create",
        actor=acting_user,
        organisation=None,
        target=slug,
        after={"slug": slug, "name": name, "structure": structure.code},
    )
    return campaign
