"""Lộc Bình's delegates election for the page tests, keyed through the desk or the actions."""

from __future__ import annotations

import html as html_lib
from typing import Any

from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import Congress
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.elections.models import BoardRole, Election, ElectionKind, ElectionState
from tests.campaigns.helpers import small_campaign
from tests.conftest import login, org

S = ElectionState


NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


def loc_binh_congress() -> Congress:
    campaign = small_campaign()
    lb = org("188")
    return Congress.objects.create(
        campaign=campaign, organisation=lb, org_path=lb.path, level=lb.level
    )


def board_user(username: str) -> User:
    return User.objects.create_user(
        username,
        password="x",  # noqa: S106
        organisation=org("188"),
        roles=[Role.COUNTING_BOARD],
        full_name=f"Kiểm phiếu {username}",
    )


def election_at(state: str, issued: int = 10, base: int = 10) -> Election:
    """A Lộc Bình election of 3 delegates from 5 names, taken through the steps to `state`."""
    staff = User.objects.get(username="locbinh")
    election = do_create_election(
        loc_binh_congress(), ElectionKind.DELEGATES, 3, title="Bầu đại biểu", acting_user=staff
    )
    do_set_candidates(election, NAMES, acting_user=staff)
    for username, role, team in (
        ("to1", BoardRole.TECHNICAL, 1),
        ("to2", BoardRole.TECHNICAL, 2),
        ("truongban", BoardRole.HEAD, None),
    ):
        do_add_board_member(election, board_user(username), role=role, team=team, acting_user=staff)
    steps = [
        lambda: do_transition_election(election, S.LIST_ADOPTED, acting_user=staff),
        lambda: do_record_ballot_counts(
            election, issued=issued, collected=issued, acting_user=staff
        ),
        lambda: do_transition_election(election, S.BALLOTS_ISSUED, acting_user=staff),
        lambda: do_set_base(election, base=base, acting_user=staff),
        lambda: do_transition_election(election, S.COUNTING, acting_user=staff),
    ]
    for step in steps:
        if Election.objects.get(pk=election.pk).state == state:
            break
        step()
    election.refresh_from_db()
    return election


def counting_election(issued: int = 10, base: int = 10) -> Election:
    """A Lộc Bình election of 3 delegates from 5 names, counting, keyed by two teams."""
    return election_at(S.COUNTING, issued, base)


def post(username: str, name: str, args: list[object], data: dict[str, str] | None = None) -> Any:
    """POST a write's form as this user, following nothing."""
    return login(username).post(reverse(name, args=args), data or {})


def assert_post_only(name: str, args: list[object]) -> None:
    """A write's URL answers GET with 405 (and anonymous with the login page)."""
    assert login("locbinh").get(reverse(name, args=args)).status_code == 405
    assert "/dang-nhap/" in Client().get(reverse(name, args=args))["Location"]


def assert_page_again(response: Any, *shown: str) -> str:
    """The overview again (400): the reasons and the user's values shown, every form kept."""
    assert response.status_code == 400
    html = html_lib.unescape(response.content.decode())
    for text in shown:
        assert text in html, text
    assert 'id="steps"' in html
    return html


def key(client: Client, election: Election, team: int, line: str, **extra: str) -> dict:
    response = client.post(
        reverse("election_key", args=[election.pk, team]),
        {"line": line, **extra},
        HTTP_ACCEPT="application/json",
    )
    return {"status": response.status_code, **response.json()}


def key_both(election: Election, lines: list[str]) -> None:
    for username, team in (("to1", 1), ("to2", 2)):
        user = User.objects.get(username=username)
        for line in lines:
            serial, *rest = line.split()
            do_key_ballot(
                election,
                team=team,
                serial=int(serial),
                crossed=[int(n) for n in rest],
                acting_user=user,
            )


# DOMAIN.md's shape on a 10-base: lines 1 and 2 left on every paper win 10 votes each.
TEN = [f"{i} 3 4" for i in range(1, 6)] + [f"{i} 4 5" for i in range(6, 11)]
