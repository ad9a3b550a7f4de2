"""Complaints and denunciations about cadres: register, settle, and the superior's override."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.core.roles import Role
from daihoi.lib.text import clean
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.recipients import holders
from daihoi.personnel import access
from daihoi.personnel.models import Complaint, ComplaintStatus, Person
from daihoi.personnel.queries import people_for

if TYPE_CHECKING:
    from daihoi.accounts.models import User

OVERRIDE_REASON_MIN = 10


def complaint_snapshot(c: Complaint) -> dict[str, Any]:
    return {
        "person": c.person.full_name,
        "received": c.received.isoformat(),
        "classification": c.classification,
        "status": c.status,
        "handler": c.handler,
        "deadline": c.deadline.isoformat() if c.deadline else None,
        "outcome": c.outcome,
        "override_reason": c.override_reason,
    }


@transaction.atomic(durable=True)
def do_register_complaint(
    congress: Congress, person: Person, values: Mapping[str, Any], *, acting_user: User
) -> Complaint:
    access.require_writer(acting_user, congress.organisation)
    if not people_for(congress).filter(pk=person.pk).exists():
        raise ActionRefused(
            [_("%(n)s không thuộc đảng bộ này.") % {"n": person.full_name}], ["outside_subtree"]
        )
    complaint = Complaint(congress=congress, person=person, **values)
    if complaint.anonymous:
        complaint.sender = ""
    complaint.save()
    log.record(
        "personnel.complaint_register",
        actor=acting_user,
        organisation=congress.organisation,
        target=f"complaint:{complaint.pk}",
        after={
            "complaint": complaint.pk,
            "person": complaint.person_id,
            "status": complaint.status,
            "fields": sorted(k for k, v in complaint_snapshot(complaint).items() if v),
        },
    )
    # The unit's personnel staff and department; the person is not named (personal data).
    unit = congress.organisation
    notify(
        Event.COMPLAINT,
        holders([unit], roles=(Role.PERSONNEL, Role.ORG_STAFF, Role.ADMIN)),
        url=reverse("personnel_complaint", args=[complaint.pk]),
        params={"unit": unit.name},
        organisation=unit,
        exclude=acting_user,
    )
    return complaint


def _complaint_locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update()
        .select_related("congress__organisation", "person")
        .get(pk=complaint.pk)
    )


def _still_open(current: Complaint) -> None:
    if current.status == ComplaintStatus.SETTLED:
        raise ActionRefused([_("Đơn thư này đã giải quyết xong.")], ["complaint_settled"])


@transaction.atomic(durable=True)
def do_settle_complaint(complaint: Complaint, outcome: str, *, acting_user: User) -> Complaint:
    current = _complaint_locked(complaint)
    access.require_writer(acting_user, current.congress.organisation)
    _still_open(current)
    if not clean(outcome):
        raise ActionRefused([_("Hãy ghi kết quả giải quyết.")], ["outcome_missing"])
    with log.audited(
        "personnel.complaint_settle",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=f"complaint:{current.pk}",
        snapshot=lambda: complaint_snapshot(current),
        personal=True,
        extra={
            "complaint": current.pk,
            "person": current.person_id,
            "status": ComplaintStatus.SETTLED,
        },
    ):
        current.status = ComplaintStatus.SETTLED
        current.outcome = outcome.strip()
        current.settled_at = timezone.now()
        current.save()
    return current


@transaction.atomic(durable=True)
def do_override_complaint(complaint: Complaint, reason: str, *, acting_user: User) -> Complaint:
    """The superior lets the plan be approved with this complaint open, giving a reason."""
    current = _complaint_locked(complaint)
    if not access.may_override(acting_user, current.congress.organisation):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới cho phép được."))
    _still_open(current)
    if current.overridden_at is not None:
        raise ActionRefused([_("Cấp trên đã cho phép rồi.")], ["already_overridden"])
    if len(clean(reason)) < OVERRIDE_REASON_MIN:
        raise ActionRefused(
            [_("Hãy ghi rõ lý do (ít nhất 10 ký tự).")],
            ["reason_too_short"],
        )
    with log.audited(
        "personnel.complaint_override",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=f"complaint:{current.pk}",
        snapshot=lambda: complaint_snapshot(current),
        personal=True,
        extra={"complaint": current.pk, "person": current.person_id, "status": current.status},
    ):
        current.override_reason = reason.strip()
        current.overridden_by = acting_user
        current.overridden_at = timezone.now()
        current.save()
    return current
