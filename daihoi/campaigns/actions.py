"""Every change to campaigns, documents and congress records; each is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns import hooks, lifecycle
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Campaign,
    CompositionTarget,
    Congress,
    GoverningDocument,
    LevelPlan,
)
from daihoi.campaigns.presets import TARGET_PRESETS
from daihoi.core.errors import ActionRefused, StaleEdit
from daihoi.orgs import scope
from daihoi.orgs.models import Level, Organisation, Structure

if TYPE_CHECKING:
    from daihoi.accounts.models import User

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


@transaction.atomic
def do_create_campaign(
    slug: str,
    name: str,
    *,
    structure: Structure,
    term_start: int,
    term_end: int,
    directive: GoverningDocument | None = None,
    reference_date: dt.date | None = None,
    targets_preset: str | None = None,
    acting_user: User | None,
) -> Campaign:
    """Create a campaign with a plan row per level and the preset composition targets."""
    campaign = Campaign.objects.create(
        slug=slug,
        name=name,
        structure=structure,
        term_start=term_start,
        term_end=term_end,
        directive=directive,
        reference_date=reference_date,
    )
    levels = Level.objects.filter(structure=structure).order_by("rank")
    lowest = levels.last()
    for level in levels:
        # Cells under a grassroots committee elect for half a term (2020–2022).
        half = level == lowest and structure.code == "2020"
        term = f"{term_start}–{term_start + 2}" if half else f"{term_start}–{term_end}"
        LevelPlan.objects.create(campaign=campaign, level=level, term=term)
    for code, label, minimum, maximum, hard, source in TARGET_PRESETS.get(targets_preset or "", []):
        CompositionTarget.objects.create(
            campaign=campaign,
            code=code,
            label=label,
            minimum=minimum,
            maximum=maximum,
            hard=hard,
            source=source,
        )
    log.record(
        "campaign.create",
        actor=acting_user,
        organisation=None,
        target=slug,
        after={"slug": slug, "name": name, "structure": structure.code},
    )
    return campaign


def _locked(congress: Congress, expected_version: int | None) -> Congress:
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
            ]
        )
    return current


def _save_audited(
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


def _check_dates(congress: Congress) -> list[str]:
    problems = []
    if (
        congress.held_end_date
        and congress.held_date
        and congress.held_end_date < congress.held_date
    ):
        problems.append(_("Ngày bế mạc đứng trước ngày khai mạc."))
    if congress.held_end_date and not congress.held_date:
        problems.append(_("Có ngày bế mạc nhưng chưa có ngày khai mạc."))
    return problems


@transaction.atomic
def do_update_congress(
    congress: Congress,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
    acting_user: User,
    reported: bool = False,
) -> Congress:
    """Change a congress record's dates and details; refuses a stale copy."""
    unknown = set(changes) - set(EDITABLE) - set(SUPERIOR_ONLY)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = _locked(congress, expected_version)
    if not scope.can_write(acting_user, current.organisation):
        raise PermissionDenied
    if set(changes) & set(SUPERIOR_ONLY) and not scope.is_superior_of(
        acting_user, current.organisation
    ):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới chọn đại hội điểm."))
    before = congress_snapshot(current)
    for field, value in changes.items():
        setattr(current, field, value)
    problems = _check_dates(current)
    if problems:
        raise ActionRefused(problems)
    if reported:
        lifecycle.record_reported_holding(current, timezone.now(), timezone.localdate())
    after = congress_snapshot(current)
    if after == before:
        return current
    return _save_audited(current, "congress.update", before, acting_user)


@transaction.atomic
def do_create_congress(
    campaign: Campaign, organisation: Organisation, values: dict[str, Any], *, acting_user: User
) -> Congress:
    """Open the congress record of an organisation in a campaign."""
    if not scope.can_write(acting_user, organisation):
        raise PermissionDenied
    if organisation.structure_id != campaign.structure_id:
        raise ActionRefused([_("Tổ chức không thuộc cơ cấu của đợt đại hội này.")])
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
    problems = _check_dates(congress)
    if problems:
        raise ActionRefused(problems)
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


@dataclass(frozen=True)
class BulkRow:
    organisation: Organisation
    congress_id: int | None  # None: the record is opened by this edit
    version: int | None
    changes: dict[str, Any]


@transaction.atomic
def do_bulk_update_congresses(
    campaign: Campaign, rows: Iterable[BulkRow], *, acting_user: User
) -> int:
    """Apply many edits at once, all or nothing; returns how many records changed."""
    changed = 0
    problems: list[str] = []
    for row in rows:
        try:
            if row.congress_id is None:
                if any(v not in (None, "", False) for v in row.changes.values()):
                    do_create_congress(
                        campaign, row.organisation, row.changes, acting_user=acting_user
                    )
                    changed += 1
                continue
            congress = Congress.objects.get(pk=row.congress_id, campaign=campaign)
            updated = do_update_congress(
                congress,
                row.changes,
                expected_version=row.version,
                acting_user=acting_user,
                reported=True,
            )
            changed += updated.version != row.version
        except ActionRefused as exc:
            problems.extend(f"{row.organisation.name}: {r}" for r in exc.reasons)
    if problems:
        raise ActionRefused(problems)
    return changed


@transaction.atomic
def do_transition_congress(congress: Congress, target: str, *, acting_user: User) -> Congress:
    """Move a congress to its next state, refusing while blockers remain."""
    current = _locked(congress, None)
    if not scope.can_write(acting_user, current.organisation):
        raise PermissionDenied
    problems = lifecycle.blockers(current, target)
    if problems:
        raise ActionRefused(problems)
    before = congress_snapshot(current)
    current.state = target
    setattr(current, lifecycle.STAMP[target], timezone.now())
    return _save_audited(current, "congress.transition", before, acting_user)


@transaction.atomic
def do_approve_congress(
    congress: Congress, kind: str, *, acting_user: User, note: str = ""
) -> Approval:
    """Record the superior's approval of documents or personnel, with who and when."""
    current = _locked(congress, None)
    if not scope.is_superior_of(acting_user, current.organisation):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới duyệt được."))
    if current.approvals.filter(kind=kind).exists():
        raise ActionRefused([_("Việc này đã được duyệt rồi.")])
    if (
        kind == ApprovalKind.PERSONNEL
        and not current.approvals.filter(kind=ApprovalKind.DOCUMENTS).exists()
    ):
        raise ActionRefused([_("Cần duyệt văn kiện trước khi duyệt nhân sự.")])
    problems = hooks.approval_problems(current, kind)
    if problems:
        raise ActionRefused(problems)
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
    return approval
