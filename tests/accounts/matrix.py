"""Who may open the account pages (rows of tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

LOGIN = "login"

MATRIX: dict[str, list[object]] = {
    # Everyone signed in changes their own password.
    "password_change": [200, 200, 200, 200, 200, 200, LOGIN],
    # Lộc Bình's two-step policy: tree writers of its subtree; the counting board member
    # below it is refused, the delegate's cell and Sóc Trăng do not see the unit.
    "org_two_factor": [200, 200, 200, 403, 404, 404, LOGIN],
    # Saving the policy is a POST; a GET is refused by method whoever asks.
    "org_two_factor_save": [405, 405, 405, 405, 405, 405, LOGIN],
}


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    if name == "password_change":
        return reverse(name)
    return reverse(name, kwargs={"structure": "2020", "code": "188"})
