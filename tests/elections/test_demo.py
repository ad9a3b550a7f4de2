"""The demo elections at Sóc Trăng's provincial congress, and the congress page's section."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.campaigns.models import Campaign
from daihoi.elections import chain, record
from daihoi.elections.demo import (
    COMMITTEE_TITLE,
    DELEGATES_TITLE,
    HEAD,
    LIVE_KEYED,
    PAPERS,
    TYPISTS,
    load_demo_elections,
)
from daihoi.elections.models import BallotEntry, Election, ElectionState, EntryAction
from daihoi.lib import electionrecord
from daihoi.personnel.demo import load_demo_personnel
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_campaign: Campaign) -> Campaign:
    load_demo_personnel(demo_campaign, ["94"], lambda _line: None)
    load_demo_elections(demo_campaign, ["94"], lambda _line: None)
    return demo_campaign


def test_the_committee_election_is_counted_twice_ruled_and_sealed(demo: Campaign) -> None:
    election = Election.objects.get(congress__organisation__code="94", title=COMMITTEE_TITLE)
    assert election.state == ElectionState.SEALED
    assert (election.ballots_issued, election.ballots_collected, election.base) == (300, 300, 300)
    listed = election.candidates.count()
    # The convening committee's surplus: more names than seats, at most 30%.
    assert election.seats < listed <= election.seats * 13 // 10
    readings = BallotEntry.objects.filter(election=election, action=EntryAction.KEY)
    assert readings.count() == 2 * PAPERS
    assert set(readings.values_list("serial", flat=True)) == set(range(1, PAPERS + 1))
    for serial in range(1, PAPERS + 1):
        people = readings.filter(serial=serial).values_list("team", "keyed_by_name")
        assert sorted(people) == [(1, TYPISTS[1]), (2, TYPISTS[2])]
    rulings = BallotEntry.objects.filter(election=election, action=EntryAction.RULE)
    assert rulings.count() == 2
    assert set(rulings.values_list("keyed_by_name", flat=True)) == {HEAD}
    # The result: every seat filled, no tie, a valid ballot count that adds up.
    result = election.result
    assert result is not None
    assert len(result["elected"]) == election.seats
    assert not result["tied"] and not result["seats_left"]
    verdict = electionrecord.verify(record.export(election))
    assert not verdict.problems


def test_the_delegates_election_is_left_in_the_middle_of_the_count(demo: Campaign) -> None:
    election = Election.objects.get(congress__organisation__code="94", title=DELEGATES_TITLE)
    assert election.state == ElectionState.COUNTING
    state = chain.reconciliation(election)
    assert len(state.disagreements) == 2
    assert len(state.final) == min(LIVE_KEYED) - 2
    assert len(state.incomplete) == max(LIVE_KEYED) - min(LIVE_KEYED)
    # The typist finds the desk, the head the papers waiting for a ruling.
    desk = login(TYPISTS[2]).get(reverse("election_desk", args=[election.pk, 2]))
    assert desk.status_code == 200
    page = login(HEAD).get(reverse("election_reconcile", args=[election.pk]))
    assert page.status_code == 200


def test_loading_twice_adds_nothing(demo: Campaign) -> None:
    counts = (Election.objects.count(), BallotEntry.objects.count())
    lines: list[str] = []
    load_demo_elections(demo, None, lines.append)
    assert (Election.objects.count(), BallotEntry.objects.count()) == counts
    assert lines == []


def test_nothing_is_made_when_soc_trang_is_not_loaded(demo_campaign: Campaign) -> None:
    load_demo_personnel(demo_campaign, ["94"], lambda _line: None)
    load_demo_elections(demo_campaign, ["20"], lambda _line: None)
    assert not Election.objects.exists()


def test_the_congress_page_links_to_the_elections_and_the_desks(demo: Campaign) -> None:
    url = reverse("congress_detail", args=[demo.slug, "94"])
    live = Election.objects.get(congress__organisation__code="94", title=DELEGATES_TITLE)
    listing = reverse("election_list", args=[demo.slug, "94"])
    staff_page = login("soctrang").get(url).content.decode()
    assert listing in staff_page
    assert reverse("election_detail", args=[live.pk]) in staff_page
    assert reverse("election_reconcile", args=[live.pk]) in staff_page
    typist_page = login(TYPISTS[1]).get(url).content.decode()
    assert reverse("election_desk", args=[live.pk, 1]) in typist_page
    assert reverse("election_reconcile", args=[live.pk]) not in typist_page
    head_page = login(HEAD).get(url).content.decode()
    assert reverse("election_reconcile", args=[live.pk]) in head_page
    # Lộc Bình's congress has no election: its staff still find where to create one.
    loc_binh = login("locbinh").get(reverse("congress_detail", args=[demo.slug, "188"]))
    assert reverse("election_list", args=[demo.slug, "188"]) in loc_binh.content.decode()
