"""The bulk date editor's save: many congress records at once, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.campaigns.actions.congress import create_congress, update_congress
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.errors import ActionRefused

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation


@dataclass(frozen=True)
class BulkRow:
    organisation: Organisation
    congress_id: int | None  # None: the record is opened by this edit
    version: int | None
    changes: dict[str, Any]


class BulkRefused(ActionRefused):
    """Some rows were refused; nothing was saved. `by_row` keeps each row's refusal."""

    def __init__(self, by_row: dict[int, ActionRefused]) -> None:
        self.by_row = by_row
        reasons: list[str] = []
        codes: list[str] = []
        for refusal in by_row.values():
            reasons.extend(refusal.reasons)
            codes.extend(refusal.codes)
        super().__init__(reasons, codes)


def do_bulk_update_congresses(
    campaign: Campaign, rows: Iterable[BulkRow], *, acting_user: User
) -> int:
    """Apply many edits at once, all or nothing; returns how many records changed.

    Every row is tried, so each refused row is known (`BulkRefused.by_row`, keyed by
    organisation id) and the page marks them all, not only the first.
    """
    with transaction.atomic(durable=True):
        changed = 0
        refused: dict[int, ActionRefused] = {}
        for row in rows:
            try:
                changed += _apply(campaign, row, acting_user)
            except ActionRefused as exc:
                refused[row.organisation.pk] = exc
        if refused:
            raise BulkRefused(refused)
        return changed


def _apply(campaign: Campaign, row: BulkRow, acting_user: User) -> int:
    if row.congress_id is None:
        if Congress.objects.filter(campaign=campaign, organisation=row.organisation).exists():
            raise ActionRefused(
                [
                    _(
                        "Đại hội của %(org)s vừa được người khác mở hồ sơ; hãy tải lại trang "
                        "và nhập lại thay đổi."
                    )
                    % {"org": row.organisation.name}
                ],
                ["stale_copy"],
            )
        if any(v not in (None, "", False) for v in row.changes.values()):
            create_congress(campaign, row.organisation, row.changes, acting_user=acting_user)
            return 1
        return 0
    congress = Congress.objects.get(pk=row.congress_id, campaign=campaign)
    updated = update_congress(
        congress, row.changes, expected_version=row.version, acting_user=acting_user, reported=True
    )
    return int(updated.version != row.version)
