"""The election base and the ballots issued and collected, posted from the overview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.elections.models import Election, ElectionState
from tests.conftest import login, org
from tests.elections.views.helpers import (
    assert_page_again,
    assert_post_only,
    counting_election,
    election_at,
    post,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_a_leader_in_scope_sees_the_overview_but_cannot_change_it() -> None:
    election = counting_election()
    User.objects.create_user(
        "xem",
        password="x",
        organisation=org("20"),
        roles=[Role.LEADER],  # noqa: S106
    )
    client = login("xem")
    assert client.get(reverse("election_detail", args=[election.pk])).status_code == 200
    response = client.post(reverse("election_base", args=[election.pk]), {"base": "3"})
    assert response.status_code == 403


def test_the_base_is_posted_from_the_overview() -> None:
    election = election_at(S.DRAFT)
    assert post("locbinh", "election_base", [election.pk], {"base": "9"}).status_code == 302
    assert Election.objects.get(pk=election.pk).base == 9


def test_the_base_once_counting_is_refused_on_the_page_with_what_was_typed() -> None:
    election = election_at(S.COUNTING)
    response = post("locbinh", "election_base", [election.pk], {"base": "9"})
    assert_page_again(response, "Cơ sở tính kết quả đã cố định khi bắt đầu kiểm phiếu.")
    assert Election.objects.get(pk=election.pk).base == 10


def test_a_base_that_is_not_a_number_marks_its_field() -> None:
    election = election_at(S.DRAFT)
    response = post("locbinh", "election_base", [election.pk], {"base": "chín"})
    assert_page_again(response, 'value="chín"')
    assert_post_only("election_base", [election.pk])


def test_the_ballots_are_posted_from_the_overview() -> None:
    election = election_at(S.LIST_ADOPTED)
    data = {"issued": "9", "collected": "8"}
    assert post("locbinh", "election_ballot_counts", [election.pk], data).status_code == 302
    current = Election.objects.get(pk=election.pk)
    assert (current.ballots_issued, current.ballots_collected) == (9, 8)


def test_the_ballots_once_counting_are_refused_on_the_page() -> None:
    election = election_at(S.COUNTING)
    response = post("locbinh", "election_ballot_counts", [election.pk], {"issued": "99"})
    assert_page_again(response, "Số phiếu chỉ ghi trước khi bắt đầu kiểm phiếu.")
    assert Election.objects.get(pk=election.pk).ballots_issued == 10


def test_a_typist_may_not_record_the_ballots() -> None:
    election = election_at(S.LIST_ADOPTED)
    assert post("to1", "election_ballot_counts", [election.pk], {"issued": "9"}).status_code == 403
    assert Election.objects.get(pk=election.pk).ballots_issued is None
    assert_post_only("election_ballot_counts", [election.pk])
