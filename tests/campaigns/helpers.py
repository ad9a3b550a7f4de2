"""A small campaign over the test tree, independent of the demo campaign."""

from __future__ import annotations

import datetime as dt

from daihoi.campaigns.actions import do_create_campaign
from daihoi.campaigns.models import Campaign, Congress
from daihoi.orgs.models import Organisation, Structure
from daihoi.orgs.tree import subtree_q


def small_campaign(slug: str = "thu-nghiem") -> Campaign:
    return do_create_campaign(
        slug,
        "Đợt thử nghiệm",
        structure=Structure.objects.get(code="2020"),
        term_start=2020,
        term_end=2025,
        acting_user=None,
    )


def open_congresses(campaign: Campaign, under: str, **dates: dt.date | None) -> list[Congress]:
    """Open a congress for every organisation under `under` (code), with the given dates."""
    root = Organisation.objects.get(structure=campaign.structure, code=under)
    orgs = Organisation.objects.filter(subtree_q(root.path, include_self=False)).select_related(
        "level"
    )
    return Congress.objects.bulk_create(
        Congress(campaign=campaign, organisation=o, org_path=o.path, level=o.level, **dates)
        for o in orgs
    )
