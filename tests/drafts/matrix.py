"""Who may open the drafts pages (see tests/test_permission_matrix.py).

The writes answer POST only (a GET is 405 once signed in); who may POST them is in
tests/test_permission_matrix_post.py.
"""

from __future__ import annotations

from django.urls import reverse

from daihoi.drafts.actions.approval import do_approve_document
from daihoi.drafts.actions.comments import do_add_comment
from daihoi.drafts.actions.handling import do_handle_comments
from daihoi.drafts.actions.rounds import do_circulate_round, do_close_round
from daihoi.drafts.actions.versions import do_add_round
from daihoi.drafts.models import Handling
from daihoi.lib.paragraphs import parse_text
from tests.drafts.helpers import DAY, TEXT_2, congress_of, document_with_round, group_of, user

READ = [200, 200, 200, 200, 404, 404, "login"]
WRITE = [200, 200, 200, 403, 404, 404, "login"]
POST_ONLY = [405, 405, 405, 405, 405, 405, "login"]

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
    **dict.fromkeys(
        [
            "drafts_document_create",
            "drafts_round_upload",
            "drafts_round_add",
            "drafts_round_correct",
            "drafts_document_review",
            "drafts_document_approve",
            "drafts_round_circulate",
            "drafts_round_close",
            "drafts_comment_add",
            "drafts_comments_import",
            "drafts_comments_handle",
            "drafts_groups_propose",
            "drafts_group_confirm",
            "drafts_group_split",
            "drafts_group_handle",
            "drafts_upward_comment",
            "drafts_upward_import",
        ],
        POST_ONLY,
    ),
}


def world(base: dict[str, object]) -> dict[str, object]:
    campaign = base["election"].congress.campaign  # type: ignore[attr-defined]
    document, first = document_with_round(campaign)
    comment = do_add_comment(
        first,
        text="Bổ sung số liệu.",
        received_on=DAY,
        paragraph="1:1",
        acting_user=user("locbinh"),
    )
    other = do_add_comment(
        first, text="Bổ sung số liệu nữa.", received_on=DAY, acting_user=user("locbinh")
    )
    group = group_of(first, comment, other)
    do_add_round(document, parse_text(TEXT_2), acting_user=user("locbinh"))
    do_handle_comments(
        first,
        [comment.pk, other.pk],
        handling=Handling.ACCEPTED,
        response="Đã sửa.",
        acting_user=user("locbinh"),
    )
    do_close_round(first, acting_user=user("locbinh"))
    second = document.rounds.get(number=2)
    do_circulate_round(second, groups=["members"], deadline=DAY, acting_user=user("locbinh"))
    do_close_round(second, acting_user=user("locbinh"))
    do_approve_document(document, acting_user=user("langson"))
    congress_of(campaign, "20")
    superior, _round = document_with_round(campaign, "20", staff="langson")
    return {"drafts_document": document, "drafts_superior": superior, "drafts_group": group}


def url(name: str, route: str, world: dict[str, object]) -> str:
    document = world["drafts_document"]
    campaign = document.congress.campaign.slug  # type: ignore[attr-defined]
    kind = document.kind  # type: ignore[attr-defined]
    if name in ("drafts_congress", "drafts_read", "drafts_document_create"):
        return reverse(name, args=[campaign, "188"])
    if name == "drafts_read_docx":
        return reverse(name, args=[campaign, "188", kind])
    if name.startswith("drafts_upward"):
        return reverse(name, args=[campaign, "188", world["drafts_superior"].pk])  # type: ignore[attr-defined]
    if "<int:group>" in route:
        return reverse(name, args=[campaign, "188", kind, 1, world["drafts_group"].pk])  # type: ignore[attr-defined]
    if "<int:number>" in route:
        return reverse(name, args=[campaign, "188", kind, 1])
    return reverse(name, args=[campaign, "188", kind])
