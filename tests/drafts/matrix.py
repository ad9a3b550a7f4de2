"""Who may open the drafts pages (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from daihoi.drafts import actions
from daihoi.drafts.models import Handling
from daihoi.lib.paragraphs import parse_text
from tests.drafts.helpers import DAY, TEXT_2, congress_of, document_with_round, user

READ = [200, 200, 200, 200, 404, 404, "login"]
WRITE = [200, 200, 200, 403, 404, 404, "login"]

MATRIX: dict[str, list[object]] = {
    "drafts_congress": READ,
    "drafts_document": READ,
    "drafts_edit": WRITE,
    "drafts_diff": READ,
    "drafts_round": READ,
    "drafts_comments": READ,
    "drafts_groups": READ,
    "drafts_summary_xlsx": READ,
    "drafts_summary_docx": READ,
    "drafts_import_template": READ,
    # Lộc Bình sends its comments on Lạng Sơn's draft; the board only reads.
    "drafts_upward": WRITE,
    # Delegates of Lộc Bình's congress sit in units below it (Đồng Bục).
    "drafts_read": [200, 200, 200, 200, 200, 404, "login"],
    "drafts_read_docx": [200, 200, 200, 200, 200, 404, "login"],
}


def world(base: dict[str, object]) -> dict[str, object]:
    campaign = base["election"].congress.campaign  # type: ignore[attr-defined]
    document, first = document_with_round(campaign)
    comment = actions.do_add_comment(
        first,
        text="Bổ sung số liệu.",
        received_on=DAY,
        paragraph="1:1",
        acting_user=user("locbinh"),
    )
    actions.do_add_round(document, parse_text(TEXT_2), acting_user=user("locbinh"))
    actions.do_handle_comments(
        first,
        [comment.pk],
        handling=Handling.ACCEPTED,
        response="Đã sửa.",
        acting_user=user("locbinh"),
    )
    actions.do_close_round(first, acting_user=user("locbinh"))
    second = document.rounds.get(number=2)
    actions.do_circulate_round(
        second, groups=["members"], deadline=DAY, acting_user=user("locbinh")
    )
    actions.do_close_round(second, acting_user=user("locbinh"))
    actions.do_approve_document(document, acting_user=user("langson"))
    congress_of(campaign, "20")
    superior, _round = document_with_round(campaign, "20", staff="langson")
    return {"drafts_document": document, "drafts_superior": superior}


def url(name: str, route: str, world: dict[str, object]) -> str:
    document = world["drafts_document"]
    campaign = document.congress.campaign.slug  # type: ignore[attr-defined]
    kind = document.kind  # type: ignore[attr-defined]
    if name == "drafts_congress" or name == "drafts_read":
        return reverse(name, args=[campaign, "188"])
    if name == "drafts_read_docx":
        return reverse(name, args=[campaign, "188", kind])
    if name == "drafts_upward":
        return reverse(name, args=[campaign, "188", world["drafts_superior"].pk])  # type: ignore[attr-defined]
    if "<int:number>" in route:
        return reverse(name, args=[campaign, "188", kind, 1])
    return reverse(name, args=[campaign, "188", kind])
