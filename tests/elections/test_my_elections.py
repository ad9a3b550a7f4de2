"""A counting-board member lands on their own elections and reaches the desk in one click."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import ElectionState
from tests.elections.helpers import counting_election, staff

pytestmark = pytest.mark.django_db


def seated_at_loc_binh() -> None:
    """The board's accounts belong to Lộc Bình, as a department would create them."""
    User.objects.filter(username__in=["to1", "to2", "truongban"]).update(
        organisation=staff().organisation
    )


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_a_typist_lands_on_their_elections_and_one_click_opens_their_desk() -> None:
    election = counting_election()
    seated_at_loc_binh()
    client = signed_in("to2")
    # Their home is their elections (issue 17.1), the same cards as /bau-cu/cua-toi/.
    home = client.get("/")
    assert home.status_code == 200
    page = home.content.decode()
    card = page.split(f'data-election="{election.pk}"')[1].split("</li>")[0]
    assert election.title in card and "Đang kiểm phiếu" in card
    assert "Nhập phiếu tại bàn nhập của tổ 2." in card
    desk = reverse("election_desk", args=[election.pk, 2])
    assert f'href="{desk}"' in card
    assert reverse("election_reconcile", args=[election.pk]) not in card, "a typist does not rule"
    assert client.get(desk).status_code == 200
    # The typist's header offers their home, not the province's tree.
    assert 'href="/"' in page and "Cây tổ chức" not in page


def test_the_head_is_sent_to_the_reconciliation_and_then_to_the_results() -> None:
    election = counting_election(collected=1)
    seated_at_loc_binh()
    client = signed_in("truongban")
    card = client.get(reverse("my_elections")).content.decode()
    assert reverse("election_reconcile", args=[election.pk]) in card
    assert "quyết định các phiếu chênh lệch" in card
    assert "/nhap/" not in card, "the head keys no paper"
    for name, team in (("to1", 1), ("to2", 2)):
        do_key_ballot(
            election, team=team, serial=1, crossed=[1], acting_user=User.objects.get(username=name)
        )
    do_transition_election(election, ElectionState.RECONCILED, acting_user=staff())
    card = client.get(reverse("my_elections")).content.decode()
    assert "chờ công bố kết quả" in card
    assert reverse("election_results", args=[election.pk]) in card
    assert reverse("election_reconcile", args=[election.pk]) not in card


def test_a_board_member_without_a_seat_is_told_so_and_others_keep_their_home() -> None:
    User.objects.create_user("moi", organisation=staff().organisation, roles=[Role.COUNTING_BOARD])
    page = signed_in("moi").get(reverse("my_elections")).content.decode()
    assert "chưa có tên trong ban kiểm phiếu" in page
    # An organisation department keeps the tree a click away (its home: tests/web/test_home.py).
    home = signed_in("locbinh").get("/").content.decode()
    assert reverse("org_tree") in home


def test_seats_outside_the_users_scope_are_not_listed() -> None:
    election = counting_election()
    seated_at_loc_binh()
    assert (
        f'data-election="{election.pk}"'
        in signed_in("to1").get(reverse("my_elections")).content.decode()
    )
    to1 = User.objects.get(username="to1")
    # Moved to another province's unit: the Lộc Bình election is out of their scope now.
    to1.organisation = User.objects.get(username="soctrang").organisation
    to1.save(update_fields=["organisation"])
    page = signed_in("to1").get(reverse("my_elections")).content.decode()
    assert f'data-election="{election.pk}"' not in page
