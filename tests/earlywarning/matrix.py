"""Who may open the early-warning page (rows of tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

LOGIN = "login"

MATRIX: dict[str, list[object]] = {
    # The staff's page (it counts complaints and inspections): a counting-board typist is
    # refused it in the subtree, other provinces and the delegate's unit do not see Lộc Bình.
    "earlywarning": [200, 200, 200, 403, 404, 404, LOGIN],
    # The dashboard's box of a large unit, asked for after its page: the same readers.
    "earlywarning_box": [200, 200, 200, 403, 404, 404, LOGIN],
}
# Neither subcommittee runs the campaign: the department and the leaders do.
SUBCOMMITTEE_MATRIX: dict[str, list[object]] = {
    "earlywarning": [403, 403],
    "earlywarning_box": [403, 403],
}


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    election = world["election"]
    return reverse(name, args=[election.congress.campaign.slug, "188"])  # type: ignore[attr-defined]
