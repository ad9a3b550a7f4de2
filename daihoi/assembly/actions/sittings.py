"""Opening and closing the congress's sittings, at which delegates are checked in."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.assembly.access import require_manager
from daihoi.assembly.models import Sitting, SittingKind, SittingPart
from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@transaction.atomic(durable=True)
def do_open_sitting(
    congress: Congress, *, kind: str, date: dt.date, part: str, acting_user: User
) -> Sitting:
    """Open a sitting (creating it the first time); any other open sitting is closed."""
    require_manager(acting_user, congress)
    problems, codes = [], []
    if kind not in SittingKind.values:
        problems.append(_("Loại phiên “%(value)s” không hợp lệ.") % {"value": kind})
        codes.append("sitting_kind_invalid")
    if part not in SittingPart.values:
        problems.append(_("Buổi “%(value)s” không hợp lệ.") % {"value": part})
        codes.append("sitting_part_invalid")
    if problems:
        raise ActionRefused(problems, codes)
    # Lock the congress row: two presidium members opening at once get one sitting.
    Congress.objects.select_for_update().get(pk=congress.pk)
    now = timezone.now()
    sitting = Sitting.objects.filter(congress=congress, kind=kind, date=date, part=part).first()
    for other in Sitting.objects.filter(
        congress=congress, opened_at__isnull=False, closed_at__isnull=True
    ):
        if sitting is None or other.pk != sitting.pk:
            other.closed_at = now
            other.save(update_fields=["closed_at"])
    if sitting is None:
        top = Sitting.objects.filter(congress=congress).aggregate(m=Max("ordinal"))["m"]
        sitting = Sitting.objects.create(
            congress=congress, kind=kind, date=date, part=part, ordinal=(top or 0) + 1
        )
    sitting.opened_at = sitting.opened_at or now
    sitting.closed_at = None
    sitting.save(update_fields=["opened_at", "closed_at"])
    log.record(
        "assembly.open_sitting",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(sitting),
        after={"sitting": sitting.pk, "kind": kind, "date": date.isoformat(), "part": part},
    )
    return sitting


@transaction.atomic(durable=True)
def do_close_sitting(sitting: Sitting, *, acting_user: User) -> Sitting:
    """Close a sitting: its desks check no one in any more; closing twice changes nothing."""
    current = (
        Sitting.objects.select_for_update()
        .select_related("congress__organisation")
        .get(pk=sitting.pk)
    )
    require_manager(acting_user, current.congress)
    if current.closed_at is None:
        current.closed_at = timezone.now()
        current.opened_at = current.opened_at or current.closed_at
        current.save(update_fields=["opened_at", "closed_at"])
        log.record(
            "assembly.close_sitting",
            actor=acting_user,
            organisation=current.congress.organisation,
            target=str(current),
            after={"sitting": current.pk},
        )
    return current
