"""Who may open the elections pages kept apart from tests/test_permission_matrix.py.

Each write has its own URL and answers only POST: a GET is refused by method
(anonymous is sent to the login page first). Who may POST is in
tests/test_permission_matrix_post.py.
"""

from __future__ import annotations

from django.urls import reverse

from daihoi.elections.models import Election

LOGIN = "login"
POST_ONLY = [405, 405, 405, 405, 405, 405, LOGIN]

MATRIX: dict[str, list[object]] = {
    # Everyone signed in has a page of their own board seats (empty for most).
    "my_elections": [200, 200, 200, 200, 200, 200, LOGIN],
    **dict.fromkeys(
        [
            "election_create",
            "election_transition",
            "election_next_round",
            "election_candidates",
            "election_floor_nomination",
            "election_board_add",
            "election_board_remove",
            "election_board_sheets",
            "election_base",
            "election_ballot_counts",
            "election_key",
            "election_rule",
        ],
        POST_ONLY,
    ),
}


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    election = world["election"]
    assert isinstance(election, Election)
    if name == "my_elections":
        return reverse(name)
    if name == "election_create":
        return reverse(name, args=[election.congress.campaign.slug, "188"])
    if name == "election_key":
        return reverse(name, args=[election.pk, 1])
    if name == "election_board_remove":
        return reverse(name, args=[election.pk, election.board.order_by("pk").first().pk])  # type: ignore[union-attr]
    return reverse(name, args=[election.pk])
