"""The demo-like world the home and crawl tests share, loaded once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from daihoi.campaigns.demo import load_demo_campaign
from daihoi.campaigns.models import Campaign
from tests.conftest import TEST_PROVINCES, _test_demo_table
from tests.web.world import load_demo_world


@pytest.fixture(scope="module")
def demo_world(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[Campaign]:
    """Every app's demo data over the test tree, rolled back after the module.

    Loading takes about 15 seconds, so a module's tests share one load: it runs in a
    transaction marked as a test case's (the actions' durable blocks nest in it as
    they do in each test's own), and each test's transaction nests inside it.
    """
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        outer = transaction.atomic()
        outer._from_testcase = True  # type: ignore[attr-defined]
        outer.__enter__()
        try:
            campaign = load_demo_campaign(TEST_PROVINCES, table=_test_demo_table())
            yield load_demo_world(campaign)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
