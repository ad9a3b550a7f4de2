"""The superior's approvals of a congress: its documents, then its personnel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns import access, hooks
from daihoi.campaigns.actions.congress import locked
from daihoi.campaigns.models import Approval, ApprovalKind, Congress
from daihoi.core.errors import ActionRefused
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.recipients import holders
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def do_approve_congress(
    congress: Congress, kind: str, *, acting_user: User, note: str = ""
) -> Approval:
    """Record the superior's approval of documents or personnel, with who and when."""
    with transaction.atomic(durable=True):
        current = locked(congress, None)
        if not access.may_approve(acting_user, current):
            raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới duyệt được."))
        if current.approvals.filter(kind=kind).exists():
            raise ActionRefused([_("Việc này đã được duyệt rồi.")], ["already_approved"])
        if (
            kind == ApprovalKind.PERSONNEL
            and not current.approvals.filter(kind=ApprovalKind.DOCUMENTS).exists()
        ):
            raise ActionRefused(
                [_("Cần duyệt văn kiện trước khi duyệt nhân sự.")], ["documents_first"]
            )
        problems = hooks.approval_problems(current, kind)
        if problems:
            # The other apps' checks (drafts, personnel) give reasons, one code for all.
            raise ActionRefused(problems, ["approval_blocked"] * len(problems))
        approver_org = acting_user.organisation or Organisation.objects.get(
            structure=current.campaign.structure, depth=1
        )
        approval = Approval.objects.create(
            congress=current,
            kind=kind,
            approved_by=acting_user,
            approver_organisation=approver_org,
            at=timezone.now(),
            note=note,
        )
        log.record(
            "congress.approve",
            actor=acting_user,
            organisation=current.organisation,
            target=str(current),
            after={"kind": kind, "note": note, "by": acting_user.username},
        )
        unit = current.organisation
        notify(
            Event.APPROVAL_GIVEN,
            holders([unit]),
            url=reverse("congress_detail", args=[current.campaign.slug, unit.code]),
            params={"unit": unit.name, "what": kind},
            organisation=unit,
            exclude=acting_user,
        )
        return approval
