"""Who may open the congress day's pages (see tests/test_permission_matrix.py).

The register, credentials and live figures are read by whoever sees Lộc Bình;
cards (they carry the signed tokens) and the desk belong to the congress's staff
and its superiors, and to users designated as desk staff (none in this world,
so the counting-board member gets 403). The check-in itself is POST only.
"""

from __future__ import annotations

from django.urls import reverse

from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.campaigns.models import Congress
from tests.assembly.helpers import DAY, staff

LOGIN = "login"
SCOPED_READ = [200, 200, 200, 200, 404, 404, LOGIN]
DESK = [200, 200, 200, 403, 404, 404, LOGIN]

MATRIX: dict[str, list[object]] = {
    "assembly_register": SCOPED_READ,
    "assembly_credentials": SCOPED_READ,
    "assembly_credentials_docx": SCOPED_READ,
    # A delegate of a unit below Lộc Bình sits in its congress: they see their own card
    # only (none here: the world's register does not name them), never the others'.
    "assembly_cards": [200, 200, 200, 403, 200, 404, LOGIN],
    "assembly_desk": DESK,
    "assembly_quorum": SCOPED_READ,
    "assembly_quorum_json": SCOPED_READ,
    "assembly_checkin": [405] * 7,
    # Undoing a check-in is a form POST: GET is refused for everyone.
    "assembly_checkin_undo": [405] * 7,
    # The writes of the register, credentials and quorum pages: POST only.
    **dict.fromkeys(
        [
            "assembly_delegate_add",
            "assembly_register_upload",
            "assembly_import_elected",
            "assembly_allotment_set",
            "assembly_desk_staff_add",
            "assembly_desk_staff_remove",
            "assembly_credential_valid",
            "assembly_credential_invalid",
            "assembly_absence",
            "assembly_replace",
            "assembly_sitting_open",
            "assembly_sitting_close",
            "assembly_quorum_rule",
            "assembly_election_base",
        ],
        [405] * 7,
    ),
    # JSON for the desk's script: 401/403 as JSON rather than a login page.
    "assembly_search": [200, 200, 200, 403, 404, 404, 401],
    # The bare view the check-in benchmark measures against: no login, no data.
    "ping": [200] * 7,
}


def world(base: dict[str, object]) -> dict[str, object]:
    congress = Congress.objects.select_related("organisation", "campaign").get(
        campaign=base["election"].congress.campaign,  # type: ignore[attr-defined]
        organisation__code="188",
    )
    delegate = do_add_delegate(congress, full_name="Nguyễn Văn Thẻ", acting_user=staff())
    sitting = do_open_sitting(
        congress, kind="preparatory", date=DAY, part="morning", acting_user=staff()
    )
    return {
        "assembly_congress": congress,
        "assembly_sitting": sitting,
        "assembly_delegate": delegate,
    }


def url(name: str, route: str, world: dict[str, object]) -> str:
    if name == "ping":
        return reverse(name)
    if name in ("assembly_checkin", "assembly_search", "assembly_checkin_undo"):
        return reverse(name, args=[world["assembly_sitting"].pk])  # type: ignore[attr-defined]
    congress = world["assembly_congress"]
    kwargs: dict[str, object] = {
        "campaign": congress.campaign.slug,  # type: ignore[attr-defined]
        "code": congress.organisation.code,  # type: ignore[attr-defined]
    }
    if "<int:user>" in route:
        kwargs["user"] = staff().pk
    if "<int:pk>" in route:
        # The object each write is nested under: a delegate, a sitting or an election.
        kwargs["pk"] = {
            "assembly_sitting_close": world["assembly_sitting"],
            "assembly_election_base": world["election"],
        }.get(name, world["assembly_delegate"]).pk  # type: ignore[attr-defined]
    return reverse(name, kwargs=kwargs)
