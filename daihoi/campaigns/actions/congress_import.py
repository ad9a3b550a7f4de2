"""Writing a checked congress import (congress_import.plan_congress_import): all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.congress_import import (
    CongressImportRejected,
    CongressImportResult,
    CongressRow,
)
from daihoi.campaigns.lifecycle import record_reported_holding
from daihoi.campaigns.models import Campaign, Congress, LevelPlan
from daihoi.campaigns.signals import congresses_written
from daihoi.core.tables import CellError
from daihoi.orgs import scope
from daihoi.orgs.maintenance import after_bulk_write
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def _duty_errors(
    rows: list[CongressRow], existing: dict[int, Congress], acting_user: User
) -> list[CellError]:
    """The rows a user may not write: outside their subtree, or a pilot chosen for themselves."""
    errors: list[CellError] = []
    for row in rows:
        if not scope.can_write(acting_user, row.org):
            errors.append(
                CellError(
                    row.number,
                    row.headers.get("org_code", "org_code"),
                    row.org.code,
                    _("Bạn không có quyền cập nhật đại hội của tổ chức này."),
                )
            )
            continue
        current = existing.get(row.org.pk)
        pilot = row.values.get("pilot")
        changes_pilot = pilot is not None and pilot != (current.pilot if current else False)
        if changes_pilot and not scope.is_superior_of(acting_user, row.org):
            errors.append(
                CellError(
                    row.number,
                    row.headers.get("pilot", "pilot"),
                    "1" if pilot else "0",
                    _("Chỉ cấp ủy cấp trên mới chọn đại hội điểm."),
                )
            )
    return errors


# Not durable: the import command opens the campaign in the same transaction.
@transaction.atomic
def do_import_congresses(
    campaign: Campaign,
    rows: list[CongressRow],
    *,
    acting_user: User | None,
    source: str = "",
    progress: Callable[[str, int, int], None] | None = None,
) -> CongressImportResult:
    """Create or update the congress records of a checked import.

    A user's import (the web) is held to their duties row by row, and refused whole
    (CongressImportRejected) if any row breaks them; the command runs as the system.
    `progress(label, done, total)` is called as rows are written; whatever it raises
    (a cancel, Ctrl-C) rolls the whole import back.
    """
    # In chunks: SQLite takes at most 32,766 parameters in one query.
    org_ids = sorted({r.org.pk for r in rows})
    existing = {
        c.organisation_id: c
        for start in range(0, len(org_ids), 5000)
        for c in Congress.objects.select_for_update().filter(
            campaign=campaign, organisation_id__in=org_ids[start : start + 5000]
        )
    }
    if acting_user is not None:
        refused = _duty_errors(rows, existing, acting_user)
        if refused:
            raise CongressImportRejected(refused)
    terms = dict(LevelPlan.objects.filter(campaign=campaign).values_list("level_id", "term"))
    created: list[Congress] = []
    entries: list[tuple[Organisation, str, dict[str, Any] | None, dict[str, Any] | None]] = []
    updated = unchanged = 0
    now = timezone.now()
    for index, row in enumerate(rows, 1):
        if progress is not None and (index % 500 == 0 or index == len(rows)):
            progress(_("Đang cập nhật đại hội"), index, len(rows))
        congress = existing.get(row.org.pk)
        if congress is None:
            congress = Congress(
                campaign=campaign,
                organisation=row.org,
                org_path=row.org.path,
                level=row.org.level,
                term=terms.get(row.org.level_id, ""),
            )
            _apply(congress, row.values, now)
            created.append(congress)
            entries.append((row.org, row.org.code, None, _snapshot(congress)))
            continue
        before = _snapshot(congress)
        _apply(congress, row.values, now)
        after = _snapshot(congress)
        if after == before:
            unchanged += 1
            continue
        congress.version += 1
        congress.save()
        updated += 1
        entries.append((row.org, row.org.code, before, after))
    for start in range(0, len(created), 2000):
        Congress.objects.bulk_create(created[start : start + 2000])
        if progress is not None:
            progress(_("Đang ghi đại hội mới"), min(start + 2000, len(created)), len(created))
    congresses_written.send(Congress, campaign=campaign, ids=[c.pk for c in created])
    after_bulk_write(len(created) + updated)
    log.record_many("congress.import", actor=acting_user, entries=entries)
    return CongressImportResult(len(created), updated, unchanged)


def _apply(congress: Congress, values: dict[str, Any], now: dt.datetime) -> None:
    for name, value in values.items():
        setattr(congress, name, value)
    record_reported_holding(congress, now, timezone.localdate())


def _snapshot(congress: Congress) -> dict[str, Any]:
    fields = ("planned_date", "held_date", "pilot", "ordinal", "term", "state")
    return {
        f: (v.isoformat() if isinstance(v, dt.date) else v)
        for f in fields
        for v in [getattr(congress, f)]
    }
