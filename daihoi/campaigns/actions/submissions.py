"""A unit asks its superior to approve its documents or personnel plan; the superior returns it.

The submission freezes what was sent (`campaigns/submissions.py`); returning it needs
a reason, which the unit reads on its congress page before it submits again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns import access, submissions
from daihoi.campaigns.actions.congress import locked
from daihoi.campaigns.models import Congress, Submission, SubmissionState
from daihoi.core.errors import ActionRefused
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.recipients import holders
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User

REASON_MIN = 5


def congress_url(congress: Congress) -> str:
    return reverse("congress_detail", args=[congress.campaign.slug, congress.organisation.code])


def superior_of(congress: Congress) -> Organisation | None:
    """The committee directly above the unit: whose department is asked to approve."""
    org = congress.organisation
    if org.depth <= 1:
        return None
    return Organisation.objects.filter(path=org.path[: (org.depth - 1) * org.steplen]).first()


def audit(action: str, submission: Submission, acting_user: User, **extra: object) -> None:
    log.record(
        action,
        actor=acting_user,
        organisation=submission.congress.organisation,
        target=str(submission.congress),
        after={
            "submission": submission.pk,
            "kind": submission.kind,
            "state": submission.state,
            "fingerprint": submission.fingerprint,
            **extra,
        },
    )


def decide(submission: Submission, state: str, acting_user: User, reason: str = "") -> dt.datetime:
    """Record the superior's decision on a submission (approved, returned, withdrawn): when."""
    now = timezone.now()
    submission.state = state
    submission.decided_by = acting_user
    submission.decided_at = now
    submission.reason = reason
    submission.save(update_fields=["state", "decided_by", "decided_at", "reason"])
    return now


def check_reason(reason: str) -> str:
    text = reason.strip()
    if len(text) < REASON_MIN:
        raise ActionRefused(
            [_("Hãy ghi rõ lý do (ít nhất %(n)s ký tự).") % {"n": REASON_MIN}], ["reason_required"]
        )
    return text


def do_submit_congress(
    congress: Congress, kind: str, *, acting_user: User, paper: list[str] | None = None
) -> Submission:
    """Send the congress's documents or personnel plan up for approval, frozen as they are now."""
    with transaction.atomic(durable=True):
        current = locked(congress, None)
        if not access.may_submit(acting_user, current):
            raise PermissionDenied
        if current.state in submissions.HELD:
            raise ActionRefused([_("Đại hội đã tổ chức; không còn xin duyệt.")], ["congress_held"])
        if submissions.is_approved(current, kind):
            raise ActionRefused([_("Việc này đã được duyệt rồi.")], ["already_approved"])
        if submissions.waiting(current, kind) is not None:
            raise ActionRefused(
                [_("Đã gửi xin duyệt; đang chờ cấp trên xem xét.")], ["already_waiting"]
            )
        content = submissions.frozen_content(current, kind, paper)
        if submissions.is_empty(content):
            raise ActionRefused([submissions.nothing_reason(kind)], ["nothing_to_submit"])
        submission = Submission.objects.create(
            congress=current,
            kind=kind,
            submitted_by=acting_user,
            submitted_at=timezone.now(),
            content=content,
            fingerprint=submissions.fingerprint(content),
        )
        audit("congress.submit", submission, acting_user, items=len(content["items"]))
        unit = current.organisation
        notify(
            Event.APPROVAL_ASKED,
            holders([superior_of(current)]),
            # Where the superior decides: the unit's own page, at its approvals.
            url=congress_url(current) + "#approvals",
            params={"unit": unit.name, "what": kind},
            organisation=unit,
            exclude=acting_user,
        )
        return submission


def do_return_submission(
    congress: Congress, kind: str, *, reason: str, acting_user: User
) -> Submission:
    """The superior sends the request back with a reason; the unit changes it and resubmits."""
    with transaction.atomic(durable=True):
        current = locked(congress, None)
        if not access.may_approve(acting_user, current):
            raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới trả lại được."))
        submission = submissions.waiting(current, kind)
        if submission is None:
            raise ActionRefused([_("Không có hồ sơ nào đang chờ duyệt.")], ["not_waiting"])
        text = check_reason(reason)
        decide(submission, SubmissionState.RETURNED, acting_user, text)
        audit("congress.return", submission, acting_user, reason=text)
        tell_unit(current, kind, text, acting_user)
        return submission


def tell_unit(congress: Congress, kind: str, reason: str, acting_user: User) -> None:
    """Tell the unit's department its request came back (returned or withdrawn), and why."""
    unit = congress.organisation
    notify(
        Event.APPROVAL_RETURNED,
        holders([unit]),
        url=congress_url(congress),
        params={"unit": unit.name, "what": kind, "reason": reason},
        organisation=unit,
        exclude=acting_user,
    )
