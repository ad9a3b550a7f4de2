"""The presidium's page and its writes (views/quorum.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.assembly.actions.credentials import do_record_absence
from daihoi.assembly.models import Sitting
from daihoi.elections.actions.lifecycle import do_create_election
from tests.assembly.helpers import (
    assert_post_denied,
    loc_binh_congress,
    open_sitting,
    page_url,
    page_urls,
    register,
    staff,
)
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_the_base_from_the_register_feeds_the_election() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=6, alternates=0, ex_officio=2)
    do_record_absence(made[0], absence="without_reason", acting_user=staff())
    election = do_create_election(
        congress, "committee", 3, acting_user=User.objects.get(username="langson")
    )
    response = login("locbinh").post(
        reverse(
            "assembly_election_base",
            args=[congress.campaign.slug, congress.organisation.code, election.pk],
        )
    )
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.base == 7  # 8 summoned, one official absent with no alternate in their place


def test_the_presidium_opens_a_sitting_from_the_page() -> None:
    congress = loc_binh_congress()
    client = login("locbinh")
    client.post(
        page_url(congress, "assembly_sitting_open"),
        {"kind": "official", "date": "2020-07-21", "part": "afternoon"},
    )
    live = client.get(page_urls(congress)["quorum_json"]).json()
    assert live["sitting"]["open"] is True and "chiều" in live["sitting"]["label"]
    bad = client.post(
        page_urls(congress)["quorum"] + "ti-le/", {"numerator": "4", "denominator": "3"}
    )
    assert "không hợp lệ" in bad.content.decode()


def test_a_refused_sitting_or_rule_comes_back_with_what_was_typed() -> None:
    congress = loc_binh_congress()
    client = login("locbinh")
    page = client.post(
        page_url(congress, "assembly_quorum_rule"), {"numerator": "4", "denominator": "3"}
    )
    assert page.status_code == 400 and page.context["rule_form"].errors["numerator"]
    body = page.content.decode()
    assert 'value="4"' in body and 'value="3"' in body
    # The sitting form beside it is shown as always, not lost.
    assert not page.context["sitting_form"].is_bound and 'name="part"' in body
    page = client.post(page_url(congress, "assembly_sitting_open"), {"kind": "official"})
    assert page.status_code == 400 and "date" in page.context["sitting_form"].errors
    assert not Sitting.objects.filter(congress=congress).exists()


def test_a_sitting_is_closed_after_a_confirmation() -> None:
    congress = loc_binh_congress()
    sitting = open_sitting(congress)
    client = login("locbinh")
    close = page_url(congress, "assembly_sitting_close", sitting.pk)
    page = client.get(page_url(congress, "assembly_quorum")).content.decode()
    assert f'action="{close}"' in page and "data-confirm=" in page
    assert client.post(close).status_code == 302
    sitting.refresh_from_db()
    assert sitting.closed_at is not None
    # Another congress's sitting is not found under this one.
    other = open_sitting(loc_binh_congress("dot-khac"))
    assert client.post(page_url(congress, "assembly_sitting_close", other.pk)).status_code == 404


def test_a_base_with_nobody_summoned_is_refused_with_a_message() -> None:
    congress = loc_binh_congress()
    election = do_create_election(
        congress, "committee", 3, acting_user=User.objects.get(username="langson")
    )
    url = page_url(congress, "assembly_election_base", election.pk)
    answer = login("locbinh").post(url, follow=True)
    assert "chưa có đại biểu chính thức nào" in answer.content.decode()
    election.refresh_from_db()
    assert election.base is None


def test_the_presidiums_writes_refuse_readers_and_outsiders() -> None:
    congress = loc_binh_congress()
    sitting = open_sitting(congress)
    register(congress, officials=2, alternates=0)
    election = do_create_election(
        congress, "committee", 3, acting_user=User.objects.get(username="langson")
    )
    assert_post_denied(
        page_url(congress, "assembly_sitting_open"),
        {"kind": "official", "date": "2020-07-21", "part": "afternoon"},
    )
    assert_post_denied(page_url(congress, "assembly_sitting_close", sitting.pk))
    assert_post_denied(
        page_url(congress, "assembly_quorum_rule"), {"numerator": "1", "denominator": "2"}
    )
    assert_post_denied(page_url(congress, "assembly_election_base", election.pk))
    sitting.refresh_from_db()
    election.refresh_from_db()
    assert sitting.is_open and election.base is None
