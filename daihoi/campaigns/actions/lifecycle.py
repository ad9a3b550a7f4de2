"""Moving a congress along its lifecycle, and taking a step back while the domain allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.campaigns import access, lifecycle, queries
from daihoi.campaigns.actions.congress import congress_snapshot, locked, save_audited
from daihoi.campaigns.models import Congress, CongressState
from daihoi.core.errors import ActionRefused

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def do_transition_congress(
    congress: Congress, target: str, *, acting_user: User, expected_state: str | None = None
) -> Congress:
    """Move a congress to its next state, refusing while blockers remain.

    `expected_state` is the state the page showed: a second click, or a step someone
    else made meanwhile, does not move the congress one step further than was asked.
    """
    with transaction.atomic(durable=True):
        current = locked(congress, None)
        if not access.may_edit_congress(acting_user, current):
            raise PermissionDenied
        if expected_state is not None and current.state != expected_state:
            raise ActionRefused(
                [
                    _("Đại hội đã ở bước «%(state)s»; hãy xem lại trước khi chuyển tiếp.")
                    % {"state": CongressState(current.state).label}
                ],
                ["stale_step"],
            )
        found = lifecycle.problems(current, target)
        if found:
            raise ActionRefused([r for _c, r in found], [c for c, _r in found])
        before = congress_snapshot(current)
        current.state = target
        setattr(current, lifecycle.STAMP[target], timezone.now())
        return save_audited(current, "congress.transition", before, acting_user)


def withdraw_problems(congress: Congress, user: User) -> list[tuple[str, str]]:
    """Return (code, reason) for each thing that keeps `user` from withdrawing the last step."""
    state = congress.state
    if state == CongressState.PLANNED:
        return [("no_step", _("Đại hội chưa chuyển bước nào."))]
    if state not in lifecycle.WITHDRAWABLE:
        return [
            (
                "step_final",
                _("Bước «%(state)s» không rút lại được.") % {"state": CongressState(state).label},
            )
        ]
    step = queries.last_step(congress)
    if step is None or step.actor_id != user.pk:
        return [("not_your_step", _("Chỉ người đã chuyển bước này mới rút lại được."))]
    if lifecycle.superior_acted_since(congress, getattr(congress, lifecycle.STAMP[state])):
        return [
            (
                "superior_acted",
                _("Cấp ủy cấp trên đã phê duyệt sau bước này; không rút lại được nữa."),
            )
        ]
    return []


def do_withdraw_step(
    congress: Congress, *, acting_user: User, expected_state: str | None = None
) -> Congress:
    """Take back the last lifecycle step: by the one who made it, until the superior acts."""
    with transaction.atomic(durable=True):
        current = locked(congress, None)
        if not access.may_edit_congress(acting_user, current):
            raise PermissionDenied
        if expected_state is not None and current.state != expected_state:
            raise ActionRefused(
                [
                    _("Đại hội đã ở bước «%(state)s»; không còn bước đó để rút lại.")
                    % {"state": CongressState(current.state).label}
                ],
                ["stale_step"],
            )
        found = withdraw_problems(current, acting_user)
        if found:
            raise ActionRefused([r for _c, r in found], [c for c, _r in found])
        before = congress_snapshot(current)
        setattr(current, lifecycle.STAMP[current.state], None)
        current.state = lifecycle.PREVIOUS[current.state]
        return save_audited(current, "congress.withdraw_step", before, acting_user)
