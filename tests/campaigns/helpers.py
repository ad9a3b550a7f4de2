"""A small campaign over the test tree, independent of the demo campaign, and its personas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from daihoi.accounts.models import User
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs.models import Organisation, Structure
from daihoi.orgs.tree import subtree_q


def user(name: str) -> User:
    return User.objects.get(username=name)


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


def dong_buc_congress() -> Congress:
    """Đồng Bục's congress (06553, a commune under Lộc Bình) in a fresh small campaign."""
    campaign = small_campaign()
    open_congresses(campaign, "188")
    return refresh_congress(Congress.objects.get(campaign=campaign, organisation__code="06553"))


def refresh_congress(congress: Congress) -> Congress:
    return Congress.objects.select_related("organisation", "campaign").get(pk=congress.pk)


def stored(congress: Congress) -> dict[str, Any]:
    """Every column of the record and its approvals: what a refusal must leave as it was."""
    row = Congress.objects.filter(pk=congress.pk).values().get()
    return {
        **row,
        "approvals": list(congress.approvals.values_list("kind", flat=True)),
        "submissions": list(congress.submissions.values_list("kind", "state", "reason")),
    }


def refused_codes(call: Callable[[], object]) -> list[str]:
    """Run an action expected to be refused; return its codes."""
    with pytest.raises(ActionRefused) as refused:
        call()
    return refused.value.codes


def assert_refused(congress: Congress, call: Callable[[], object], *codes: str) -> None:
    """The action is refused with these codes, and the record is left as it was."""
    before = stored(congress)
    assert refused_codes(call) == list(codes)
    assert stored(congress) == before


def assert_forbidden(congress: Congress, call: Callable[[], object]) -> None:
    """The action is refused for want of the duty, and the record is left as it was."""
    before = stored(congress)
    with pytest.raises(PermissionDenied):
        call()
    assert stored(congress) == before


def reader(code: str = "188") -> User:
    """A leader of `code`: sees its subtree, writes nothing (the 403 persona)."""
    found = User.objects.filter(username=f"doc-{code}").first()
    if found is not None:
        return found
    unit = Organisation.objects.get(structure__code="2020", code=code)
    return User.objects.create_user(f"doc-{code}", organisation=unit, roles=["leader"])


def client_of(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


# ---------------------------------------------------------------------------
# Submissions: a unit sends its documents (on paper here) or its lists up.

PAPER = ["Báo cáo chính trị (bản giấy)", "Báo cáo kiểm điểm (bản giấy)"]


def with_list(congress: Congress, seats: int = 11) -> Any:
    """A committee candidate list of the congress (empty): what a personnel plan needs."""
    from daihoi.personnel.models import CandidateList

    return CandidateList.objects.get_or_create(
        congress=congress, kind="committee", defaults={"seats": seats}
    )[0]


def submitted(congress: Congress, kind: str, *, by: str = "locbinh") -> Any:
    """The unit's request of `kind`: documents named on paper, personnel with a list."""
    from daihoi.campaigns.actions.submissions import do_submit_congress

    if kind == "personnel":
        with_list(congress)
    paper = PAPER if kind == "documents" else None
    return do_submit_congress(congress, kind, acting_user=user(by), paper=paper)


def approved(
    congress: Congress, kind: str, *, by: str = "langson", sent_by: str = "locbinh"
) -> Any:
    """Submit and approve: the superior's approval as the lifecycle now reaches it."""
    from daihoi.campaigns.actions.approvals import do_approve_congress

    submitted(congress, kind, by=sent_by)
    return do_approve_congress(congress, kind, acting_user=user(by))


def loc_binh_communes() -> list[Congress]:
    """The congresses of every commune under Lộc Bình in a fresh small campaign, by path."""
    first = dong_buc_congress()
    found = Congress.objects.filter(
        campaign=first.campaign, level=first.level, org_path__startswith=first.org_path[:-4]
    ).select_related("organisation", "campaign", "level")
    return list(found.order_by("org_path"))
