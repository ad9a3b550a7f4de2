"""Who may GET the results report's URLs (rows of tests/test_permission_matrix.py).

The page and its template are the unit's writers' (the organisation department and
those above it); the form and the file take POST only, whose rows are in
tests/test_permission_matrix_post.py.
"""

from __future__ import annotations

from django.urls import reverse

LOGIN = "login"
SCOPED_WRITE: list[object] = [200, 200, 200, 403, 404, 404, LOGIN]
POST_ONLY: list[object] = [405, 405, 405, 405, 405, 405, LOGIN]

MATRIX: dict[str, list[object]] = {
    "results_page": SCOPED_WRITE,
    "results_template": SCOPED_WRITE,
    "results_submit": POST_ONLY,
    "results_upload": POST_ONLY,
}


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    # Lộc Bình in the election's campaign, as the campaigns' rows use.
    campaign = world["election"].congress.campaign.slug  # type: ignore[attr-defined]
    return reverse(name, kwargs={"campaign": campaign, "code": "188"})
