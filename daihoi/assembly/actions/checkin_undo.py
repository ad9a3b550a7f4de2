"""Taking back a check-in made by mistake, with a reason, while its sitting is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.assembly.access import may_check_in
from daihoi.assembly.actions.checkin import CLOSED_STATES, hhmm
from daihoi.assembly.models import CheckIn, CheckInUndo, Sitting
from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.lib.text import clean

if TYPE_CHECKING:
    from daihoi.accounts.models import User

UNDO_REASON_MAX = 300


def _undo_problems(reason: str, name: str) -> list[tuple[str, str]]:
    if not reason:
        return [
            (_("Ghi lý do hoàn tác điểm danh của %(name)s.") % {"name": name}, "reason_required")
        ]
    if len(reason) > UNDO_REASON_MAX:
        return [
            (
                _("Lý do hoàn tác dài %(n)s ký tự; tối đa %(max)s ký tự.")
                % {"n": len(reason), "max": UNDO_REASON_MAX},
                "reason_too_long",
            )
        ]
    return []


@transaction.atomic(durable=True)
def do_undo_check_in(
    sitting: Sitting, checkin_id: int, *, reason: str, acting_user: User
) -> CheckInUndo:
    """Take back a check-in made by mistake, while its sitting is not closed, with a reason.

    Whoever may check in at the congress may undo. The CheckIn row is replaced by
    a CheckInUndo keeping what it said, so the quorum no longer counts the
    delegate, who can be checked in again; a second undo of the same row is
    refused and names who undid it first.
    """
    # The sitting's row first: closing it and undoing one of its check-ins queue.
    current = (
        Sitting.objects.select_for_update(of=("self",))
        .select_related("congress__organisation")
        .filter(pk=sitting.pk)
        .first()
    )
    if current is None:
        raise ActionRefused([_("Không tìm thấy phiên họp.")], ["sitting_not_found"])
    congress = current.congress
    if not may_check_in(acting_user, congress):
        raise PermissionDenied
    row = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("delegate")
        .filter(pk=checkin_id, sitting=current)
        .first()
    )
    if row is None:
        earlier = (
            CheckInUndo.objects.filter(checkin_id=checkin_id, sitting=current)
            .select_related("delegate", "undone_by")
            .first()
        )
        if earlier is not None:
            raise ActionRefused(
                [
                    _("Lượt điểm danh của %(name)s đã được %(user)s hoàn tác lúc %(time)s.")
                    % {
                        "name": earlier.delegate.full_name,
                        "user": earlier.undone_by.get_username(),
                        "time": hhmm(earlier.undone_at),
                    }
                ],
                ["already_undone"],
            )
        raise ActionRefused(
            [
                _("Không có lượt điểm danh số %(id)s trong %(sitting)s.")
                % {"id": checkin_id, "sitting": current}
            ],
            ["checkin_not_found"],
        )
    name = row.delegate.full_name
    problems: list[tuple[str, str]] = []
    if congress.state in CLOSED_STATES:
        problems.append(
            (
                _("Đại hội %(org)s đã kết thúc; không hoàn tác điểm danh được nữa.")
                % {"org": congress.organisation.name},
                "congress_over",
            )
        )
    elif current.closed_at is not None:
        problems.append(
            (
                _("%(sitting)s đã kết thúc; không hoàn tác điểm danh của %(name)s được nữa.")
                % {"sitting": current, "name": name},
                "sitting_closed",
            )
        )
    reason = clean(reason)
    problems.extend(_undo_problems(reason, name))
    if problems:
        raise ActionRefused([m for m, _c in problems], [c for _m, c in problems])
    undo = CheckInUndo.objects.create(
        checkin_id=row.pk,
        delegate_id=row.delegate_id,
        sitting=current,
        checked_in_at=row.at,
        desk=row.desk,
        checked_in_by_id=row.by_id,
        method=row.method,
        undone_at=timezone.now(),
        undone_by=acting_user,
        reason=reason,
    )
    row.delete()
    # Ids only: the reason may name people, and stays in the CheckInUndo row.
    log.record(
        "assembly.checkin_undo",
        actor=acting_user,
        organisation=congress.organisation,
        target=f"checkin:{undo.checkin_id}",
        after={
            "checkin": undo.checkin_id,
            "undo": undo.pk,
            "delegate": undo.delegate_id,
            "sitting": current.pk,
        },
    )
    return undo
