"""The superior's word on a document: its review (cho ý kiến) and its approval (thông qua)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.drafts.access import can_review
from daihoi.drafts.actions.common import locked_document, stamp
from daihoi.drafts.models import DraftDocument, RoundState
from daihoi.drafts.queries import latest_round

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def _require_superior(user: User, document: DraftDocument) -> None:
    if not can_review(user, document.congress.organisation):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới cho ý kiến và thông qua văn kiện."))


@transaction.atomic(durable=True)
def do_review_document(document: DraftDocument, *, note: str, acting_user: User) -> DraftDocument:
    """Record the superior's review (cho ý kiến) of the latest round."""
    current = locked_document(document)
    _require_superior(acting_user, current)
    last = latest_round(current)
    if last is None:
        raise ActionRefused([_("Văn kiện chưa có dự thảo nào để cho ý kiến.")], ["no_round"])
    if not note.strip():
        raise ActionRefused([_("Hãy ghi nội dung ý kiến của cấp trên.")], ["note_required"])
    current.reviewed_at = timezone.now()
    current.reviewed_by = acting_user
    current.review_note = note.strip()
    current.save()
    log.record(
        "drafts.review",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=current.title,
        after={"round": last.number, "note": note.strip(), **stamp(acting_user)},
    )
    return current


@transaction.atomic(durable=True)
def do_approve_document(
    document: DraftDocument, *, note: str = "", acting_user: User
) -> DraftDocument:
    """Record the superior's approval (nhất trí thông qua) of the final, closed round."""
    current = locked_document(document)
    _require_superior(acting_user, current)
    last = latest_round(current)
    problems: list[str] = []
    codes: list[str] = []
    if current.approved_at is not None:
        problems.append(_("Văn kiện đã được thông qua rồi."))
        codes.append("already_approved")
    if last is None:
        problems.append(_("Văn kiện chưa có dự thảo nào."))
        codes.append("no_round")
    elif last.state != RoundState.CLOSED:
        problems.append(
            _(
                "Dự thảo lần %(n)s (lần cuối) chưa khép lại: mọi ý kiến phải được xử lý "
                "trước khi thông qua."
            )
            % {"n": last.number}
        )
        codes.append("round_not_closed")
    if problems:
        raise ActionRefused(problems, codes)
    assert last is not None  # noqa: S101 - checked above
    current.approved_at = timezone.now()
    current.approved_by = acting_user
    current.approved_round = last
    if note.strip():
        current.review_note = (current.review_note + "\n" + note.strip()).strip()
    current.save()
    log.record(
        "drafts.approve",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=current.title,
        after={"round": last.number, "note": note.strip(), **stamp(acting_user)},
    )
    return current
