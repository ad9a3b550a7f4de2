"""The campaign answers of the API: progress as of a day, congress records, approvals
waiting, announced results; each scoped like the pages, paginated, revalidated by ETag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.campaigns.models import Approval, Campaign, Congress, Submission, SubmissionState
from daihoi.completeness.queries import summary
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import ElectionState
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.models import ElectedMember
from tests.api.test_api import api
from tests.elections.views.helpers import TEN, election_at, key_both

pytestmark = pytest.mark.django_db
DAY = dt.date(2020, 6, 30)


def lb() -> Organisation:
    return Organisation.objects.get(structure__code="2020", code="188")


def test_the_schema_lists_the_campaign_operations() -> None:
    paths = set(api("locbinh").get("/api/openapi.json").json()["paths"])
    assert {
        "/api/campaigns",
        "/api/campaigns/{slug}/progress/{code}",
        "/api/campaigns/{slug}/congresses/{code}",
        "/api/campaigns/{slug}/congresses/{code}/below",
        "/api/campaigns/{slug}/approvals-waiting/{code}",
        "/api/campaigns/{slug}/results/{code}",
        "/api/campaigns/{slug}/completeness/{code}",
    } <= paths


def test_progress_as_of_a_day_matches_a_count_of_the_congress_table(
    demo_campaign: Campaign,
) -> None:
    body = api("locbinh").get(f"/api/campaigns/{demo_campaign.slug}/progress/188?day={DAY}").json()
    assert body["day"] == DAY.isoformat()
    under = Congress.objects.filter(
        subtree_q(lb().path, prefix="org_", include_self=False), campaign=demo_campaign
    )
    for row in body["by_level"]:
        at_level = under.filter(level__code=row["level"]["code"])
        assert row["total"] == at_level.count()
        assert row["held"] == at_level.filter(held_date__lte=DAY).count()
        assert row["planned"] == at_level.filter(planned_date__lte=DAY).count()
    assert {r["level"]["code"] for r in body["by_level"]} == {"co-so", "chi-bo"}
    assert body["children_count"] == 58 and len(body["children"]) == 58


def test_a_unit_outside_the_callers_subtree_is_404_and_no_token_is_401(
    demo_campaign: Campaign,
) -> None:
    slug = demo_campaign.slug
    for path in ("progress/94", "congresses/94", "congresses/94/below", "results/94"):
        assert api("locbinh").get(f"/api/campaigns/{slug}/{path}").status_code == 404
    from django.test import Client

    assert Client().get(f"/api/campaigns/{slug}/progress/188").status_code == 401


def test_congress_records_below_a_unit_are_paginated_and_filtered_by_state(
    demo_campaign: Campaign,
) -> None:
    slug = demo_campaign.slug
    client = api("langson")
    first = client.get(f"/api/campaigns/{slug}/congresses/20/below").json()
    expected = Congress.objects.filter(
        subtree_q(
            Organisation.objects.get(code="20", structure__code="2020").path,
            prefix="org_",
            include_self=False,
        ),
        campaign=demo_campaign,
    )
    assert first["count"] == expected.count() and first["pages"] > 1
    assert len(first["items"]) == 100
    last = client.get(f"/api/campaigns/{slug}/congresses/20/below?page={first['pages']}").json()
    assert len(last["items"]) == first["count"] - 100 * (first["pages"] - 1)
    state = expected.values_list("state", flat=True).first()
    held = client.get(f"/api/campaigns/{slug}/congresses/20/below?state={state}").json()
    assert held["count"] == expected.filter(state=state).count()
    assert {c["state"] for c in held["items"]} == {state}


def test_a_congress_record_carries_its_approvals_and_submissions(demo_campaign: Campaign) -> None:
    congress = Congress.objects.get(campaign=demo_campaign, organisation=lb())
    Approval.objects.filter(congress=congress).delete()
    langson = User.objects.get(username="langson")
    Approval.objects.create(
        congress=congress,
        kind="documents",
        approved_by=langson,
        approver_organisation=Organisation.objects.get(code="20", structure__code="2020"),
        at=timezone.now(),
    )
    body = api("locbinh").get(f"/api/campaigns/{demo_campaign.slug}/congresses/188").json()
    assert body["unit"]["name"] == "Đảng bộ huyện Lộc Bình"
    assert body["state"] == congress.state
    assert [(a["kind"], a["approver"]) for a in body["approvals"]] == [("documents", "20")]


def test_approvals_waiting_lists_what_the_units_below_submitted(demo_campaign: Campaign) -> None:
    child = (
        Congress.objects.filter(
            campaign=demo_campaign, level__code="co-so", org_path__startswith=lb().path
        )
        .select_related("organisation")
        .first()
    )
    assert child is not None
    Submission.objects.create(
        congress=child,
        kind="documents",
        state=SubmissionState.WAITING,
        submitted_by=User.objects.get(username="locbinh"),
        submitted_at=timezone.now(),
        fingerprint="0" * 64,
    )
    url = f"/api/campaigns/{demo_campaign.slug}/approvals-waiting/188"
    body = api("locbinh").get(url).json()
    assert [(w["unit"]["code"], w["kind"]) for w in body["items"]] == [
        (child.organisation.code, "documents")
    ]
    Submission.objects.filter(congress=child).update(state=SubmissionState.APPROVED)
    assert api("locbinh").get(url).json()["count"] == 0


def test_announced_results_with_the_elected_and_the_bodys_composition() -> None:
    election = election_at(ElectionState.COUNTING)
    key_both(election, TEN)
    head = election.board.get(role="head").user
    do_transition_election(election, ElectionState.RECONCILED, acting_user=head)
    slug = election.congress.campaign.slug
    url = f"/api/campaigns/{slug}/results/188"
    assert api("locbinh").get(url).json()["count"] == 0  # reconciled, not yet announced
    do_transition_election(election, ElectionState.ANNOUNCED, acting_user=head)
    for name, female in (("Nguyễn Thị An", True), ("Trần Văn Bình", False)):
        ElectedMember.objects.create(
            congress=election.congress,
            campaign=election.congress.campaign,
            org_path=election.congress.org_path,
            kind=election.kind,
            elected_on=DAY,
            full_name=name,
            female=female,
        )
    body = api("locbinh").get(url).json()
    [result] = body["items"]
    outcome = election.__class__.objects.get(pk=election.pk).outcome
    assert outcome is not None
    assert [e["full_name"] for e in result["elected"]] == [
        line.full_name for line in outcome.elected_lines()
    ]
    assert result["ballots_valid"] == outcome.ballots.valid
    assert result["composition"]["members"] == 2 and result["composition"]["women"] == 1
    # Sóc Trăng's staff do not see Lộc Bình's results.
    assert api("soctrang").get(url).status_code == 404


def test_an_unchanged_answer_is_a_304_and_a_changed_one_a_new_etag(
    demo_campaign: Campaign,
) -> None:
    client = api("locbinh")
    url = f"/api/campaigns/{demo_campaign.slug}/congresses/188"
    first = client.get(url)
    etag = first["ETag"]
    assert "private" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Congress.objects.filter(campaign=demo_campaign, organisation=lb()).update(ordinal=99)
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_completeness_through_the_api_is_the_pages_summary(demo_campaign: Campaign) -> None:
    url = f"/api/campaigns/{demo_campaign.slug}/completeness/188?day={DAY}"
    body = api("locbinh").get(url).json()
    found = summary(demo_campaign, lb(), DAY)
    assert body["day"] == DAY.isoformat()
    assert [t["expected"] for t in body["total"]] == [t.expected for t in found.total.cells()]
    assert [t["on_time"] for t in body["total"]] == [t.on_time for t in found.total.cells()]
    assert len(body["by_child"]) == len(found.by_child) == 58
    assert (
        api("locbinh").get(f"/api/campaigns/{demo_campaign.slug}/completeness/94").status_code
        == 404
    )
