"""A campaign's composition targets and age rules, changed by national administrators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Campaign, CompositionTarget
from daihoi.core.errors import ActionRefused
from daihoi.personnel import access
from daihoi.personnel.models import PersonnelSettings

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@dataclass(frozen=True)
class TargetChange:
    code: str
    minimum: Any
    maximum: Any
    hard: bool


@transaction.atomic(durable=True)
def do_update_targets(
    campaign: Campaign,
    changes: Sequence[TargetChange],
    settings_values: Mapping[str, Any],
    *,
    acting_user: User,
) -> None:
    """Change a campaign's composition targets and age rules (national administrators)."""
    if not access.may_edit_targets(acting_user, campaign):
        raise PermissionDenied(_("Chỉ quản trị toàn quốc mới sửa chỉ tiêu của đợt đại hội."))
    problems = [
        _("%(c)s: tối thiểu lớn hơn tối đa.") % {"c": c.code}
        for c in changes
        if c.minimum is not None and c.maximum is not None and c.minimum > c.maximum
    ]
    if problems:
        raise ActionRefused(problems, ["minimum_above_maximum"] * len(problems))
    rows = {
        t.code: t for t in CompositionTarget.objects.select_for_update().filter(campaign=campaign)
    }
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for change in changes:
        row = rows.get(change.code)
        if row is None:
            continue
        old = (row.minimum, row.maximum, row.hard)
        if old == (change.minimum, change.maximum, change.hard):
            continue
        before[row.code] = [str(v) if v is not None else None for v in old]
        row.minimum, row.maximum, row.hard = change.minimum, change.maximum, change.hard
        row.save(update_fields=["minimum", "maximum", "hard"])
        after[row.code] = [
            str(v) if v is not None else None for v in (row.minimum, row.maximum, row.hard)
        ]
    settings, _created = PersonnelSettings.objects.select_for_update().get_or_create(
        campaign=campaign
    )
    for name, value in settings_values.items():
        if getattr(settings, name) != value:
            before[name] = str(getattr(settings, name))
            setattr(settings, name, value)
            after[name] = str(value)
    settings.save()
    log.record(
        "personnel.targets_update",
        actor=acting_user,
        organisation=None,
        target=campaign.slug,
        before=before,
        after=after,
    )
