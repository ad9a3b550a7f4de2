"""The queue's cost does not grow with the subtree; kinds come grouped with their totals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q
from daihoi.workqueue.desk import CAP
from daihoi.workqueue.queue import LIMIT, count_for, groups_for
from tests.workqueue.helpers import campaign, today, user

pytestmark = pytest.mark.django_db
__all__ = ["campaign", "today"]  # fixtures


def everything_late_under(campaign: Campaign, code: str) -> int:
    """Make every congress under `code` late; return how many."""
    root = Organisation.objects.get(structure=campaign.structure, code=code)
    return Congress.objects.filter(
        subtree_q(root.path, prefix="org_", include_self=False), campaign=campaign
    ).update(state=CongressState.PREPARING, planned_date=dt.date(2020, 3, 1))


def test_the_queue_and_its_count_cost_the_same_for_a_district_and_a_whole_province(
    campaign: Campaign, today: dt.date, django_assert_num_queries: Any
) -> None:
    below_province = everything_late_under(campaign, "20")
    assert below_province > CAP  # the province's count stops at the cap, the district's not
    district, province = user("locbinh"), user("langson")
    with django_assert_num_queries(COUNT):
        in_district = count_for(district)
    with django_assert_num_queries(COUNT):
        in_province = count_for(province)
    # Lộc Bình's subtree is a small part of Lạng Sơn's: the work grows, the cost does not.
    assert in_district > 10
    assert in_province > 10

    with django_assert_num_queries(QUEUE):
        district_groups = groups_for(district)
    with django_assert_num_queries(QUEUE):
        province_groups = groups_for(province)
    assert [g.kind for g in district_groups] == [g.kind for g in province_groups]
    assert [g.kind for g in province_groups] == ["late"]


def test_a_kind_shows_its_first_items_and_counts_the_rest(
    campaign: Campaign, today: dt.date
) -> None:
    waiting = everything_late_under(campaign, "188")
    (late,) = [g for g in groups_for(user("locbinh")) if g.kind == "late"]
    assert late.total == min(waiting, CAP)
    assert late.capped == (waiting >= CAP)
    assert len(late.items) == LIMIT
    assert late.more == late.total - LIMIT
    # The oldest planned day first, each linking to its congress.
    assert late.items[0].due == dt.date(2020, 3, 1)
    assert late.items[0].url.startswith(f"/dai-hoi/{campaign.slug}/")
    assert count_for(user("locbinh")) == sum(g.total for g in groups_for(user("locbinh")))


# One statement counts every kind, after the unit's level (campaigns.queries.approvals_waiting
# reads its rank; read once per request). The list: that statement, then one query per kind
# that has any (here one, the late congresses).
COUNT = 2
QUEUE = 1 + 1
