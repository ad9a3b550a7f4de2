"""The approvals page's states counted by the database agree with the rows it shows."""

from __future__ import annotations

import pytest

from daihoi.campaigns.actions.submissions import do_return_submission
from daihoi.campaigns.approval_states import children_by_state, state_counts
from daihoi.campaigns.models import ApprovalKind, Campaign, Congress, LevelPlan
from daihoi.campaigns.queries import approval_rows
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import approved, loc_binh_communes, submitted, user

pytestmark = pytest.mark.django_db
DOCS, PEOPLE = ApprovalKind.DOCUMENTS, ApprovalKind.PERSONNEL


def org(code: str) -> Organisation:
    return Organisation.objects.select_related("level").get(structure__code="2020", code=code)


def assert_agree(campaign: Campaign, unit: Organisation) -> dict[str, int]:
    """Each kind: the database's state of every unit below is the rows' state."""
    for kind in (DOCS, PEOPLE):
        rows = {r.org.code: r.statuses[kind].state for r in approval_rows(campaign, unit)}
        found = dict(children_by_state(campaign, unit, kind).values_list("code", "row_state"))
        assert found == rows
        counts = state_counts(campaign, unit, kind)
        assert sum(counts.values()) == len(rows)
        for state, n in counts.items():
            assert n == list(rows.values()).count(state)
    return state_counts(campaign, unit, DOCS)


def test_every_state_of_a_district_s_communes_is_the_same_both_ways() -> None:
    communes = loc_binh_communes()
    campaign = communes[0].campaign
    waiting, returned_, done, held = communes[:4]
    submitted(waiting, DOCS)
    submitted(returned_, DOCS)
    do_return_submission(returned_, DOCS, reason="Thiếu", acting_user=user("locbinh"))
    approved(done, DOCS, by="locbinh")
    Congress.objects.filter(pk=held.pk).update(state="held")
    counts = assert_agree(campaign, org("188"))
    assert counts["cho-duyet"] == counts["tra-lai"] == counts["da-duyet"] == 1
    assert counts["da-to-chuc"] == 1


@pytest.mark.parametrize("rule", ["approved", "held"])
def test_a_unit_waiting_for_its_own_units_is_the_same_both_ways(rule: str) -> None:
    communes = loc_binh_communes()
    campaign = communes[0].campaign
    loc_binh = org("188")
    district = Congress.objects.create(
        campaign=campaign, organisation=loc_binh, org_path=loc_binh.path, level=loc_binh.level
    )
    LevelPlan.objects.update_or_create(
        campaign=campaign, level=district.level, defaults={"lower_first": rule}
    )
    submitted(district, DOCS)
    counts = assert_agree(campaign, org("20"))
    assert counts["cho-cap-duoi"] >= 1
    # Every commune done: Lộc Bình no longer waits for them.
    for commune in communes:
        if rule == "held":
            Congress.objects.filter(pk=commune.pk).update(state="held")
        else:
            approved(commune, DOCS, by="locbinh")
    assert assert_agree(campaign, org("20"))["cho-cap-duoi"] == 0
