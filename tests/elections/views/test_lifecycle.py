"""The next step and the further round, each its own POST, refused on the overview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import Election, ElectionState
from tests.conftest import login
from tests.elections.views.helpers import (
    TEN,
    assert_page_again,
    assert_post_only,
    election_at,
    key_both,
    post,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def _announced(base: int) -> Election:
    election = election_at(S.COUNTING, base=base)
    key_both(election, TEN)
    head = election.board.get(role="head").user
    do_transition_election(election, S.RECONCILED, acting_user=head)
    return do_transition_election(election, S.ANNOUNCED, acting_user=head)


def test_the_organisers_take_the_step_the_page_offered() -> None:
    election = election_at(S.DRAFT)
    page = login("locbinh").get(reverse("election_detail", args=[election.pk])).content.decode()
    assert 'name="target" value="list_adopted"' in page and "data-confirm=" in page
    response = post("locbinh", "election_transition", [election.pk], {"target": S.LIST_ADOPTED})
    assert response.status_code == 302
    assert Election.objects.get(pk=election.pk).state == S.LIST_ADOPTED


def test_a_second_click_on_a_step_already_taken_is_refused_on_the_page() -> None:
    election = election_at(S.LIST_ADOPTED)
    response = post("locbinh", "election_transition", [election.pk], {"target": S.LIST_ADOPTED})
    html = assert_page_again(response, "Không thể chuyển từ")
    assert 'id="base-form"' in html  # the other forms are still there
    assert Election.objects.get(pk=election.pk).state == S.LIST_ADOPTED


def test_a_typist_may_not_take_a_step() -> None:
    election = election_at(S.DRAFT)
    assert post("to1", "election_transition", [election.pk]).status_code == 403
    assert Election.objects.get(pk=election.pk).state == S.DRAFT
    assert_post_only("election_transition", [election.pk])


def test_the_board_reconciles_and_is_shown_the_result() -> None:
    election = election_at(S.COUNTING)
    key_both(election, TEN)
    response = post("truongban", "election_transition", [election.pk], {"target": S.RECONCILED})
    assert response["Location"] == reverse("election_results", args=[election.pk])


def test_seats_left_open_a_further_round_from_the_overview() -> None:
    done = _announced(base=20)  # nobody has more than half of 20
    page = login("locbinh").get(reverse("election_detail", args=[done.pk])).content.decode()
    assert 'id="next-round"' in page
    names = "Phạm Thị Dung\nVi Văn Mới\nLò Thị Hai"
    response = post("locbinh", "election_next_round", [done.pk], {"names": names})
    assert response.status_code == 302
    assert Election.objects.get(previous=done).seats == 3


def test_a_further_round_without_its_list_is_refused_keeping_the_page() -> None:
    done = _announced(base=20)
    response = post("locbinh", "election_next_round", [done.pk], {"names": ""})
    assert_page_again(response, "Đại hội cần thông qua danh sách bầu tiếp.")
    assert not Election.objects.filter(previous=done).exists()


def test_a_typist_may_not_open_a_further_round() -> None:
    done = _announced(base=20)
    assert post("to1", "election_next_round", [done.pk], {"names": "Vi Văn Mới"}).status_code == 403
    assert not Election.objects.filter(previous=done).exists()
    assert_post_only("election_next_round", [done.pk])
