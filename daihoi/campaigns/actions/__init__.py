"""The campaigns' writes, by noun: campaign, congress, lifecycle, approvals, bulk_dates,
congress_import, documents. Each `do_<verb>_<noun>(…, *, acting_user)` checks the duty,
runs in one transaction and writes its audit entry.

The names below are re-exported only for the importers outside campaigns that predate
the split (other apps' tests and set-up scripts, bench/, demo.py); new code imports
from the noun's module.
"""

from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.actions.congress import do_create_congress

__all__ = ["do_approve_congress", "do_create_campaign", "do_create_congress"]
