"""Who may open the delegates' accounts page of Lộc Bình's congress (rows of
tests/test_permission_matrix.py): its writers; the typist is refused, others do not see it."""

from __future__ import annotations

from django.urls import reverse

from daihoi.elections.models import Election

LOGIN = "login"

MATRIX: dict[str, list[object]] = {
    "delegate_accounts": [200, 200, 200, 403, 404, 404, LOGIN],
    # Making the missing accounts is a POST.
    "delegate_accounts_create": [405, 405, 405, 405, 405, 405, LOGIN],
}

# Neither subcommittee writes the congress.
SUBCOMMITTEE_MATRIX: dict[str, list[object]] = {
    "delegate_accounts": [403, 403],
    "delegate_accounts_create": [405, 405],
}


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    election = world["election"]
    assert isinstance(election, Election)
    return reverse(name, args=[election.congress.campaign.slug, "188"])
