"""Who may GET the campaigns' write URLs (rows of tests/test_permission_matrix.py).

Each write of the congress page, of the bulk editor and of the documents register has
its own URL and takes POST only: a GET is refused by method whoever asks, after the
login. Who may POST them is written in tests/test_permission_matrix_post.py. The pages
themselves (congress_detail, congress_bulk, dashboard) keep their rows in the shared MATRIX.
"""

from __future__ import annotations

from django.urls import reverse

LOGIN = "login"
POST_ONLY: list[object] = [405, 405, 405, 405, 405, 405, LOGIN]

MATRIX: dict[str, list[object]] = dict.fromkeys(
    [
        "congress_save",
        "congress_transition",
        "congress_withdraw_step",
        "congress_approve_documents",
        "congress_approve_personnel",
        "congress_submit_documents",
        "congress_submit_personnel",
        "congress_return_documents",
        "congress_return_personnel",
        "congress_withdraw_documents",
        "congress_withdraw_personnel",
        "approvals_approve_many",
        "congress_bulk_save",
        "congress_bulk_import",
        "documents_register_save",
    ],
    POST_ONLY,
)
# The superior's approvals page of Lộc Bình (its communes): read as the dashboard is.
MATRIX["approvals_page"] = [200, 200, 200, 200, 404, 404, LOGIN]


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    if name.startswith("documents_"):
        return reverse(name)
    # Lộc Bình's congress in the election's campaign, as the shared rows use.
    campaign = world["election"].congress.campaign.slug  # type: ignore[attr-defined]
    return reverse(name, kwargs={"campaign": campaign, "code": "188"})
