"""Lạng Sơn's part of the live demo campaign, for the tests of the live demo's parts."""

from __future__ import annotations

from daihoi.accounts.demo import ensure_demo_users, live_approvers
from daihoi.campaigns.demo_live import load_live_campaign
from daihoi.campaigns.models import Campaign
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.demo_live import live_table
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Structure

LIVE_PROVINCES = ["20"]  # Lạng Sơn: 65 communes


def live_lang_son() -> Campaign:
    """The 2025 tree of Lạng Sơn, the 2025 demo accounts and the live campaign over them."""
    structure = Structure.objects.get(code="2025")
    do_import_organisations(
        plan_import(structure, live_table(LIVE_PROVINCES)), acting_user=None, source="test"
    )
    ensure_demo_users()
    return load_live_campaign(live_approvers())
