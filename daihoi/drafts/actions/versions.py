"""A document's text, round by round: a new round (uploaded or edited), a draft corrected."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.common import (
    blocks_json,
    locked_document,
    locked_round,
    require_edit,
)
from daihoi.drafts.models import DraftDocument, Round, RoundState

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.lib.paragraphs import Numbered


def _empty() -> ActionRefused:
    return ActionRefused([_("Dự thảo không có nội dung.")], ["empty_draft"])


@transaction.atomic(durable=True)
def do_add_round(
    document: DraftDocument,
    numbered: Sequence[Numbered],
    *,
    file_name: str = "",
    file_data: bytes | None = None,
    note: str = "",
    acting_user: User,
) -> Round:
    """Add the next round (dự thảo lần N+1) from an upload or from text edited in the app."""
    document = locked_document(document)
    require_edit(acting_user, document)
    if document.approved_at is not None:
        raise ActionRefused(
            [_("Văn kiện đã được cấp trên thông qua; không thêm dự thảo mới.")],
            ["document_approved"],
        )
    if not numbered:
        raise _empty()
    number = (document.rounds.aggregate(m=Max("number"))["m"] or 0) + 1
    round_ = Round(
        document=document,
        number=number,
        blocks=blocks_json(numbered),
        note=note,
        created_by=acting_user,
        file_name=file_name[:255],
    )
    if file_data is not None:
        round_.file.save(
            f"du-thao-{document.pk}-lan-{number}.docx", ContentFile(file_data), save=False
        )
    round_.save()
    log.record(
        "drafts.round",
        actor=acting_user,
        organisation=document.congress.organisation,
        target=str(round_),
        after={"number": number, "paragraphs": len(numbered), "file": file_name},
    )
    return round_


@transaction.atomic(durable=True)
def do_correct_round(round_: Round, numbered: Sequence[Numbered], *, acting_user: User) -> Round:
    """Correct the text of a round not yet sent for comments; its number stays."""
    current = locked_round(round_)
    require_edit(acting_user, current.document)
    if current.state != RoundState.DRAFT:
        raise ActionRefused(
            [
                _("Dự thảo lần %(n)s đã gửi lấy ý kiến; chỉ sửa được bằng một lần dự thảo mới.")
                % {"n": current.number}
            ],
            ["round_circulated"],
        )
    if not numbered:
        raise _empty()
    # Written even when the count of paragraphs stays: their text changed.
    before = {"paragraphs": len(current.blocks)}
    current.blocks = blocks_json(numbered)
    current.save(update_fields=["blocks"])
    log.record(
        "drafts.correct",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        before=before,
        after={"paragraphs": len(numbered)},
    )
    return current
