"""What the drafts actions share: the drafting check, locked reads and the audit stamp."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.campaigns.models import ApprovalKind
from daihoi.campaigns.submissions import refuse_if_approved
from daihoi.drafts.access import can_edit
from daihoi.drafts.models import DraftDocument, Round

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.lib.paragraphs import Numbered


def require_edit(user: User, document: DraftDocument) -> None:
    if not can_edit(user, document.congress.organisation):
        raise PermissionDenied(_("Bạn không có quyền soạn văn kiện của tổ chức này."))
    # What the superior approved stays as approved until the approval is withdrawn.
    refuse_if_approved(document.congress, ApprovalKind.DOCUMENTS)


def locked_round(round_: Round) -> Round:
    """The round read again under a row lock, with its document and congress."""
    return (
        Round.objects.select_for_update()
        .select_related("document__congress__organisation")
        .get(pk=round_.pk)
    )


def locked_document(document: DraftDocument) -> DraftDocument:
    return (
        DraftDocument.objects.select_for_update()
        .select_related("congress__organisation")
        .get(pk=document.pk)
    )


def blocks_json(numbered: Sequence[Numbered]) -> list[dict[str, Any]]:
    return [asdict(n) for n in numbered]


def stamp(user: User) -> dict[str, Any]:
    return {"by": user.username, "at": timezone.now().isoformat()}
