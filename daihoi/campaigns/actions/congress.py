"""Writes to a congress record: open it, change its dates and details."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns import access, lifecycle
from daihoi.campaigns.models import Campaign, Congress, LevelPlan
from daihoi.core.errors import ActionRefused, StaleEdit
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

EDITABLE = (
    "ordinal",
    "term",
    "planned_date",
    "held_date",
    "held_end_date",
    "direct_secretary",
    "pilot_lessons",
)
SUPERIOR_ONLY = ("pilot",)
# The field each date refusal belongs to, so a form marks it next to the value.
DATE_FIELDS = {
    "held_end_before_opening": "held_end_date",
    "held_end_without_opening": "held_end_date",
}


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


def congress_snapshot(congress: Congress) -> dict[str, Any]:
    return _plain(
        {
            "campaign": congress.campaign.slug,
            "organisation": congress.organisation.code,
            "state": congress.state,
            "version": congress.version,
            **{f: getattr(congress, f) for f in (*EDITABLE, *SUPERIOR_ONLY)},
        }
    )


def locked(congress: Congress, expected_version: int | None) -> Congress:
    """Read the congress again under a row lock; refuse a copy older than the stored one."""
    current = (
        Congress.objects.select_for_update()
        .select_related("campaign", "organisation")
        .get(pk=congress.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(
            [
                _(
                    "Đại hội của %(org)s vừa được người khác cập nhật; hãy tải lại trang và "
                    "nhập lại thay đổi."
                )
                % {"org": current.organisation.name}
            ],
            ["stale_copy"],
        )
    return current


def save_audited(
    congress: Congress, action: str, before: dict[str, Any], acting_user: User
) -> Congress:
    """Save a locked congress with its version bumped, and audit before and after."""
    congress.version = F("version") + 1  # type: ignore[assignment]
    congress.save()
    congress.refresh_from_db()
    log.record(
        action,
        actor=acting_user,
        organisation=congress.organisation,
        target=str(congress),
        before=before,
        after=congress_snapshot(congress),
    )
    return congress


def check_dates(congress: Congress) -> None:
    """Refuse closing and opening days that contradict each other."""
    problems: list[str] = []
    codes: list[str] = []
    if (
        congress.held_end_date
        and congress.held_date
        and congress.held_end_date < congress.held_date
    ):
        problems.append(_("Ngày bế mạc đứng trước ngày khai mạc."))
        codes.append("held_end_before_opening")
    if congress.held_end_date and not congress.held_date:
        problems.append(_("Có ngày bế mạc nhưng chưa có ngày khai mạc."))
        codes.append("held_end_without_opening")
    if problems:
        raise ActionRefused(problems, codes)


def update_congress(
    congress: Congress,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
    acting_user: User,
    reported: bool = False,
) -> Congress:
    """Change a congress inside the caller's transaction (see do_update_congress)."""
    unknown = set(changes) - set(EDITABLE) - set(SUPERIOR_ONLY)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = locked(congress, expected_version)
    if not access.may_edit_congress(acting_user, current):
        raise PermissionDenied
    if set(changes) & set(SUPERIOR_ONLY) and not access.may_choose_pilot(acting_user, current):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới chọn đại hội điểm."))
    before = congress_snapshot(current)
    for field, value in changes.items():
        setattr(current, field, value)
    check_dates(current)
    if reported:
        lifecycle.record_reported_holding(current, timezone.now(), timezone.localdate())
    if congress_snapshot(current) == before:
        return current
    return save_audited(current, "congress.update", before, acting_user)


def do_update_congress(
    congress: Congress,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
    acting_user: User,
    reported: bool = False,
) -> Congress:
    """Change a congress record's dates and details; refuses a stale copy."""
    with transaction.atomic(durable=True):
        return update_congress(
            congress,
            changes,
            expected_version=expected_version,
            acting_user=acting_user,
            reported=reported,
        )


def create_congress(
    campaign: Campaign, organisation: Organisation, values: dict[str, Any], *, acting_user: User
) -> Congress:
    """Open a congress inside the caller's transaction (see do_create_congress)."""
    if not scope.can_write(acting_user, organisation):
        raise PermissionDenied
    if organisation.structure_id != campaign.structure_id:
        raise ActionRefused(
            [_("Tổ chức không thuộc cơ cấu của đợt đại hội này.")], ["other_structure"]
        )
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    plan = LevelPlan.objects.filter(campaign=campaign, level=organisation.level).first()
    congress = Congress(
        campaign=campaign,
        organisation=organisation,
        org_path=organisation.path,
        level=organisation.level,
        term=plan.term if plan else "",
        **values,
    )
    check_dates(congress)
    lifecycle.record_reported_holding(congress, timezone.now(), timezone.localdate())
    congress.save()
    log.record(
        "congress.create",
        actor=acting_user,
        organisation=organisation,
        target=str(congress),
        after=congress_snapshot(congress),
    )
    return congress


def do_create_congress(
    campaign: Campaign, organisation: Organisation, values: dict[str, Any], *, acting_user: User
) -> Congress:
    """Open the congress record of an organisation in a campaign."""
    with transaction.atomic(durable=True):
        return create_congress(campaign, organisation, values, acting_user=acting_user)
