"""A small demo-like world: the demo campaign over the test tree, with every app's demo data.

The same loaders as `daihoi demo` (campaigns.hooks.demo_loaders): personnel lists,
the Sóc Trăng elections and board (nhapphieu1/2, truongbankp), the documents, the
registers of Lộc Bình and Sóc Trăng, the programmes; and the demo accounts.
"""

from __future__ import annotations

from daihoi.accounts.demo import ensure_demo_users
from daihoi.campaigns import hooks
from daihoi.campaigns.models import Campaign
from tests.conftest import TEST_PROVINCES


def load_demo_world(campaign: Campaign) -> Campaign:
    for loader in hooks.demo_loaders:
        loader(campaign, TEST_PROVINCES, lambda _line: None)
    ensure_demo_users()
    return campaign
