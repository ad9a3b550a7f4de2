"""Handling comments (tiếp thu, giải trình): one, a ticked list or a whole group at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.common import locked_round, require_edit
from daihoi.drafts.models import Handling, Round, RoundState

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@transaction.atomic(durable=True)
def do_handle_comments(
    round_: Round,
    comment_ids: Iterable[int],
    *,
    handling: str,
    response: str,
    applied_in: Round | None = None,
    acting_user: User,
) -> int:
    """Give comments (one, or a whole group) their handling, response and the round applying it."""
    current = locked_round(round_)
    require_edit(acting_user, current.document)
    problems: list[str] = []
    codes: list[str] = []
    if current.state == RoundState.CLOSED:
        problems.append(
            _("Dự thảo lần %(n)s đã khép lại; không sửa việc xử lý ý kiến.") % {"n": current.number}
        )
        codes.append("round_closed")
    if handling not in Handling.values:
        problems.append(_("Hãy chọn tiếp thu, tiếp thu một phần hoặc giải trình."))
        codes.append("unknown_handling")
    if handling == Handling.EXPLAINED and not response.strip():
        problems.append(_("Giải trình cần có nội dung trả lời."))
        codes.append("response_required")
    if applied_in is not None and (
        applied_in.document_id != current.document_id or applied_in.number <= current.number
    ):
        problems.append(
            _("Ý kiến của lần %(n)s chỉ được tiếp thu vào một dự thảo sau nó.")
            % {"n": current.number}
        )
        codes.append("applied_in_earlier_round")
    ids = list(comment_ids)
    comments = current.comments.filter(pk__in=ids)
    if len(ids) == 0 or comments.count() != len(set(ids)):
        problems.append(_("Không tìm thấy ý kiến được chọn trong dự thảo này."))
        codes.append("comments_not_found")
    if problems:
        raise ActionRefused(problems, codes)
    count = comments.update(
        handling=handling,
        response=response.strip(),
        applied_in=applied_in,
        handled_by=acting_user,
        handled_at=timezone.now(),
    )
    log.record(
        "drafts.handle",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        after={
            "comments": sorted(set(ids))[:500],
            "count": count,
            "handling": handling,
            "applied_in": applied_in.number if applied_in else None,
        },
    )
    return count
