"""Who may open the work queue (rows of tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

LOGIN = "login"

MATRIX: dict[str, list[object]] = {
    # Everyone signed in has a queue of their own (maybe empty); it is read, never written.
    "workqueue": [200, 200, 200, 200, 200, 200, LOGIN],
}


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    return reverse(name)
