"""The approvals reads: what waits for a unit's decision, and its units below by state."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from daihoi.campaigns.actions.submissions import do_return_submission
from daihoi.campaigns.models import ApprovalKind, Congress, LevelPlan
from daihoi.campaigns.queries import RowState, approval_rows, approvals_waiting
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import approved, loc_binh_communes, submitted, user

pytestmark = pytest.mark.django_db
DOCS = ApprovalKind.DOCUMENTS


def org(code: str) -> Organisation:
    return Organisation.objects.select_related("level").get(structure__code="2020", code=code)


@pytest.fixture
def communes() -> list[Congress]:
    return loc_binh_communes()


def test_what_waits_is_the_direct_childrens_requests_oldest_first(
    communes: list[Congress],
) -> None:
    a, b, c = communes[:3]
    submitted(b, DOCS)
    submitted(a, DOCS)
    submitted(c, DOCS)
    do_return_submission(c, DOCS, reason="Thiếu báo cáo", acting_user=user("locbinh"))
    loc_binh = org("188")
    with CaptureQueriesContext(connection) as queries:
        waiting = list(approvals_waiting(loc_binh))
    assert len(queries) == 1, [q["sql"][:80] for q in queries.captured_queries]
    assert [s.congress.organisation.code for s in waiting] == [
        b.organisation.code,
        a.organisation.code,
    ]
    # The province decides for its districts, not for the communes under them.
    assert list(approvals_waiting(org("20"))) == []


def test_rows_give_each_units_state_in_a_fixed_number_of_queries(
    communes: list[Congress],
) -> None:
    campaign = communes[0].campaign
    submitted(communes[0], DOCS)
    approved(communes[1], DOCS, by="locbinh")
    Congress.objects.filter(pk=communes[2].pk).update(state="held")
    with CaptureQueriesContext(connection) as queries:
        rows = approval_rows(campaign, org("188"))
    assert len(queries) <= 8
    states = {r.org.code: r.statuses[DOCS].state for r in rows}
    assert states[communes[0].organisation.code] == RowState.WAITING
    assert states[communes[1].organisation.code] == RowState.APPROVED
    assert states[communes[2].organisation.code] == RowState.HELD
    assert list(states.values()).count(RowState.NOT_SUBMITTED) == len(communes) - 3


def test_a_level_whose_rule_waits_for_the_units_below_shows_them_pending(
    communes: list[Congress],
) -> None:
    campaign = communes[0].campaign
    loc_binh = org("188")
    district = Congress.objects.create(
        campaign=campaign, organisation=loc_binh, org_path=loc_binh.path, level=loc_binh.level
    )
    LevelPlan.objects.update_or_create(
        campaign=campaign, level=district.level, defaults={"lower_first": "approved"}
    )
    submitted(district, DOCS)
    approved(communes[0], DOCS, by="locbinh")
    (row,) = [r for r in approval_rows(campaign, org("20")) if r.org.code == "188"]
    assert row.statuses[DOCS].state == RowState.LOWER
    assert row.statuses[DOCS].lower_pending == len(communes) - 1
