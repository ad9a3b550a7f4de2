"""The superior's approvals of a congress: its documents, then its personnel.

An approval answers a submission (`actions/submissions.py`) and approves exactly what
it froze: refused when nothing was sent, when it changed since, or while the level's
rule waits for the units below. Several units are approved at once all or nothing.
An approval is withdrawn, with a reason, until the congress is held; the congress
then steps back to before it, and what was approved can be edited again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns import access, hooks, lifecycle, submissions
from daihoi.campaigns.actions.congress import congress_snapshot, locked, save_audited
from daihoi.campaigns.actions.submissions import (
    audit,
    check_reason,
    congress_url,
    decide,
    tell_unit,
)
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Congress,
    CongressState,
    SubmissionState,
)
from daihoi.core.errors import ActionRefused
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.recipients import holders
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.jobs.runner import Progress

# The state an approval's withdrawal steps back from, and to.
STEP_BACK = {
    ApprovalKind.DOCUMENTS: (CongressState.DOCUMENTS_APPROVED, CongressState.PREPARING),
    ApprovalKind.PERSONNEL: (CongressState.PERSONNEL_APPROVED, CongressState.DOCUMENTS_APPROVED),
}


def approval_problems(current: Congress, kind: str, user: User) -> list[tuple[str, str]]:
    """(code, reason) for each thing that keeps `user` from approving now (empty: may)."""
    if not access.may_approve(user, current):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới duyệt được."))
    if submissions.is_approved(current, kind):
        return [("already_approved", _("Việc này đã được duyệt rồi."))]
    submission = submissions.waiting(current, kind)
    if submission is None:
        return [("not_submitted", _("Đơn vị chưa gửi xin duyệt (hoặc đã bị trả lại)."))]
    found: list[tuple[str, str]] = []
    if kind == ApprovalKind.PERSONNEL and not submissions.is_approved(
        current, ApprovalKind.DOCUMENTS
    ):
        found.append(("documents_first", _("Cần duyệt văn kiện trước khi duyệt nhân sự.")))
    paper = submission.content.get("paper")
    now = submissions.frozen_content(current, kind, paper)
    if submissions.is_empty(now):
        found.append(("nothing_to_approve", submissions.nothing_reason(kind)))
    elif submissions.fingerprint(now) != submission.fingerprint:
        changed = submissions.changed_items(submission, current)
        found.append(
            (
                "changed_since_submission",
                _("Nội dung đã thay đổi sau khi gửi xin duyệt (%(what)s); đơn vị phải gửi lại.")
                % {"what": ", ".join(changed) or "…"},
            )
        )
    lower = submissions.lower_problem(current, kind)
    if lower:
        found.append(("lower_levels_first", lower))
    # The other apps' checks (drafts, personnel) give reasons, one code for all.
    found.extend(("approval_blocked", reason) for reason in hooks.approval_problems(current, kind))
    return found


def approve(current: Congress, kind: str, *, acting_user: User, note: str = "") -> Approval:
    """Approve a locked congress inside the caller's transaction, or refuse with every reason."""
    found = approval_problems(current, kind, acting_user)
    if found:
        raise ActionRefused([r for _c, r in found], [c for c, _r in found])
    return record_approval(current, kind, acting_user=acting_user, note=note)


def record_approval(current: Congress, kind: str, *, acting_user: User, note: str) -> Approval:
    """Write the approval once `approval_problems` found nothing, inside the transaction."""
    submission = submissions.waiting(current, kind)
    assert submission is not None  # noqa: S101 - approval_problems refuses otherwise
    at = decide(submission, SubmissionState.APPROVED, acting_user)
    approver_org = acting_user.organisation or Organisation.objects.get(
        structure=current.campaign.structure, depth=1
    )
    approval = Approval.objects.create(
        congress=current,
        kind=kind,
        submission=submission,
        approved_by=acting_user,
        approver_organisation=approver_org,
        at=at,
        note=note,
    )
    audit("congress.approve", submission, acting_user, note=note, by=acting_user.username)
    unit = current.organisation
    notify(
        Event.APPROVAL_GIVEN,
        holders([unit]),
        url=congress_url(current),
        params={"unit": unit.name, "what": kind},
        organisation=unit,
        exclude=acting_user,
    )
    return approval


def do_approve_congress(
    congress: Congress, kind: str, *, acting_user: User, note: str = ""
) -> Approval:
    """Record the superior's approval of the documents or personnel a unit submitted."""
    with transaction.atomic(durable=True):
        return approve(locked(congress, None), kind, acting_user=acting_user, note=note)


def do_approve_many(
    congresses: Sequence[Congress],
    kind: str,
    *,
    acting_user: User,
    note: str = "",
    progress: Progress | None = None,
) -> list[Approval]:
    """Approve several units at once, all or nothing: one refusal names each unit and why.

    `progress` (a job's bar) hears each unit; cancelling from it rolls all back.
    """
    if not congresses:
        raise ActionRefused([_("Hãy chọn ít nhất một đơn vị.")], ["none_chosen"])
    with transaction.atomic(durable=True):
        done: list[Approval] = []
        refused: list[str] = []
        codes: list[str] = []
        ordered = sorted(congresses, key=lambda c: c.pk)  # one lock order, no deadlock
        for number, congress in enumerate(ordered):
            if progress is not None:
                progress(_("Đang duyệt từng đơn vị"), number, len(ordered))
            current = locked(congress, None)
            found = approval_problems(current, kind, acting_user)
            for code, reason in found:
                refused.append(f"{current.organisation.name}: {reason}")
                codes.append(code)
            if not found and not refused:
                done.append(record_approval(current, kind, acting_user=acting_user, note=note))
        if refused:
            # Raising rolls back the approvals already made in this transaction.
            raise ActionRefused(refused, codes)
        if progress is not None:
            progress(_("Đang duyệt từng đơn vị"), len(ordered), len(ordered))
        return done


def do_withdraw_approval(
    congress: Congress, kind: str, *, reason: str, acting_user: User
) -> Congress:
    """Take an approval back, with a reason, until the congress is held."""
    with transaction.atomic(durable=True):
        current = locked(congress, None)
        if not access.may_approve(acting_user, current):
            raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới rút duyệt được."))
        approval = current.approvals.filter(kind=kind).select_related("submission").first()
        if approval is None:
            raise ActionRefused([_("Việc này chưa được duyệt.")], ["not_approved"])
        if current.state in submissions.HELD:
            raise ActionRefused(
                [_("Đại hội đã tổ chức; không rút duyệt được nữa.")], ["congress_held"]
            )
        if kind == ApprovalKind.DOCUMENTS and submissions.is_approved(
            current, ApprovalKind.PERSONNEL
        ):
            raise ActionRefused(
                [
                    _(
                        "Phương án nhân sự đã được duyệt dựa trên văn kiện này; "
                        "hãy rút duyệt nhân sự trước."
                    )
                ],
                ["personnel_approved"],
            )
        text = check_reason(reason)
        before = congress_snapshot(current)
        submission = approval.submission
        approval.delete()
        if submission is not None:
            decide(submission, SubmissionState.WITHDRAWN, acting_user, text)
            audit("congress.withdraw_approval", submission, acting_user, reason=text)
        else:  # an approval recorded before submissions existed
            log.record(
                "congress.withdraw_approval",
                actor=acting_user,
                organisation=current.organisation,
                target=str(current),
                after={"kind": kind, "reason": text},
            )
        step_from, step_to = STEP_BACK[ApprovalKind(kind)]
        if current.state == step_from:
            # The step rested on the approval: the congress goes back to before it.
            setattr(current, lifecycle.STAMP[step_from], None)
            current.state = step_to
            current = save_audited(current, "congress.withdraw_step", before, acting_user)
        tell_unit(current, kind, text, acting_user)
        return current
