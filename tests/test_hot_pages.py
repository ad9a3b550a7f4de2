"""The query count of the pages people open most is pinned (issue 16 part 7).

The dashboard (every department, every morning), the counting desk and the results
(every typist and the whole board, congress day) must not grow a query per row, per
child unit or per paper. A change that adds a query here is a decision, written down by
changing the figure, not an accident. The check-in's scan is pinned in
tests/assembly/actions/test_checkin.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from daihoi.accounts.models import User
from daihoi.campaigns.models import Campaign
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import ElectionState
from tests.elections.views.helpers import counting_election

pytestmark = pytest.mark.django_db


def as_user(name: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=name))
    client.get("/")  # the session's first save and the language cookie, not the page's cost
    return client


def test_the_dashboard_is_a_fixed_number_of_queries_from_a_district_to_a_province(
    demo_campaign: Campaign, django_assert_max_num_queries: Any
) -> None:
    # The province holds every district, Lộc Bình one: the count depends on the level's
    # panels (a district shows its own congress's drafts and personnel), never on how
    # many units lie below.
    url = f"/tong-quan/{demo_campaign.slug}/%s/"
    district, province = as_user("locbinh"), as_user("langson")
    # At most: a page of children that straddles the held and the not yet held reads
    # each part with its own query (campaigns/child_ranking.py).
    with django_assert_max_num_queries(DASHBOARD_DISTRICT):
        assert district.get(url % "188").status_code == 200
    with django_assert_max_num_queries(DASHBOARD_PROVINCE):
        assert province.get(url % "20").status_code == 200


def test_the_typists_desk_is_a_fixed_number_of_queries(django_assert_num_queries: Any) -> None:
    election = counting_election()
    typist = as_user("to1")
    for serial in (1, 2, 3):
        do_key_ballot(
            election,
            team=1,
            serial=serial,
            crossed=[1],
            acting_user=User.objects.get(username="to1"),
        )
    with django_assert_num_queries(DESK):
        assert typist.get(f"/bau-cu/{election.pk}/nhap/1/").status_code == 200


def test_the_results_page_is_a_fixed_number_of_queries(django_assert_num_queries: Any) -> None:
    election = counting_election(issued=2, base=2)
    for team, name in ((1, "to1"), (2, "to2")):
        user = User.objects.get(username=name)
        for serial in (1, 2):
            do_key_ballot(election, team=team, serial=serial, crossed=[1], acting_user=user)
    staff = User.objects.get(username="locbinh")
    do_transition_election(election, ElectionState.RECONCILED, acting_user=staff)
    do_transition_election(election, ElectionState.ANNOUNCED, acting_user=staff)
    department = as_user("locbinh")
    with django_assert_num_queries(RESULTS):
        assert department.get(f"/bau-cu/{election.pk}/ket-qua/").status_code == 200


# The dashboard counts the documents' rounds the units below closed: one query
# (daihoi/drafts/progress.py). The day it opens on, when none is asked for, is one
# aggregate over the campaign (campaigns/progress.opening_day).
# The children's table reads one page of them in a fixed few queries (campaigns/
# child_ranking.py: the page's units, their own congresses, their subtrees by level),
# no longer one count per child (issue 19.5).
# Each page's header counts the person's work queue: one query (daihoi/workqueue/queue.py),
# and the department's level where the page has not read it (the approvals asked of it).
# A district's early-warning box (a province's follows the page, in its own request)
# runs its two grouped statements on PostgreSQL each in a savepoint with its planner
# setting set and put back (earlywarning/classify._fetch): four statements more there.
DASHBOARD_DISTRICT = 27 if connection.vendor == "sqlite" else 31
DASHBOARD_PROVINCE = 27
DESK = 13
RESULTS = 9
