"""The reconciliation page: papers side by side, the board's ruling."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import BallotEntry, ElectionState
from daihoi.elections.queries import reconciliation
from tests.conftest import login
from tests.elections.views.helpers import TEN, counting_election, key, key_both

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_reconciliation_page_shows_a_differing_ballot_side_by_side() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "4 2 3")
    key(login("to2"), election, 2, "4 2 5")
    key(login("to1"), election, 1, "5")

    page = login("truongban").get(reverse("election_reconcile", args=[election.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    row = html.split('id="serial-4"')[1].split("</tr>")[0]
    assert "2 3" in row and "2 5" in row
    assert "to1" in row and "to2" in row
    assert 'name="line"' in row
    assert "Chưa thể kết thúc đối chiếu" in html
    assert "phiếu chưa được đủ các tổ nhập: 5" in html


def test_resolving_a_difference_makes_it_final() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "4 2 3")
    key(login("to2"), election, 2, "4 2 5")
    head = login("truongban")

    response = head.post(
        reverse("election_rule", args=[election.pk]), {"serial": "4", "line": "2 3"}
    )

    assert response.status_code == 302
    state = reconciliation(election)
    assert not state.disagreements
    assert state.final[4].team == 0 and state.final[4].crossed == (2, 3)
    page = head.get(reverse("election_reconcile", args=[election.pk])).content.decode()
    assert 'id="no-disagreements"' in page


def test_a_technical_typist_may_not_open_the_reconciliation_page() -> None:
    election = counting_election()
    assert login("to1").get(reverse("election_reconcile", args=[election.pk])).status_code == 403


def test_a_ruling_outside_counting_is_refused_on_the_page_with_the_line_typed() -> None:
    election = counting_election()
    key_both(election, TEN)
    head = User.objects.get(username="truongban")
    do_transition_election(election, S.RECONCILED, acting_user=head)
    response = login("truongban").post(
        reverse("election_rule", args=[election.pk]), {"serial": "4", "line": "2 3"}
    )
    assert response.status_code == 400
    assert "Chỉ nhập phiếu khi đang kiểm phiếu." in response.content.decode()


def test_a_typist_may_not_post_a_ruling() -> None:
    election = counting_election()
    url = reverse("election_rule", args=[election.pk])
    assert login("to1").post(url, {"serial": "4", "line": "2 3"}).status_code == 403
    assert not BallotEntry.objects.filter(election=election).exists()
    assert login("truongban").get(url).status_code == 405


def test_the_board_voids_a_reading_from_the_reconciliation_page() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "4 2 3")
    url = reverse("election_void_entry", args=[election.pk])
    data = {"serial": "4", "team": "1", "reason": "Gõ nhầm số phiếu"}
    response = login("truongban").post(url, data)
    assert response["Location"] == reverse("election_reconcile", args=[election.pk])
    assert BallotEntry.objects.filter(election=election, action="void").count() == 1


def test_a_void_outside_counting_is_refused_on_the_page_keeping_the_reason() -> None:
    election = counting_election()
    key_both(election, TEN)
    head = User.objects.get(username="truongban")
    do_transition_election(election, S.RECONCILED, acting_user=head)
    url = reverse("election_void_entry", args=[election.pk])
    data = {"serial": "4", "team": "1", "reason": "Gõ nhầm số phiếu"}
    response = login("truongban").post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chỉ nhập phiếu khi đang kiểm phiếu." in html


def test_a_void_by_someone_off_the_board_is_refused() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "4 2 3")
    url = reverse("election_void_entry", args=[election.pk])
    data = {"serial": "4", "team": "1", "reason": "Gõ nhầm số phiếu"}
    assert login("locbinh").post(url, data).status_code == 403
    assert not BallotEntry.objects.filter(election=election, action="void").exists()
