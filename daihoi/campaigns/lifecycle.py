"""The congress lifecycle: which state follows which, and what blocks each step.

planned → preparing → documents approved → personnel approved → held → results reported.
A transition is refused while `blockers()` returns anything; pages show the list. Apps
above campaigns add their own blockers through hooks.register_transition_check (the
results a reported congress must hold come from daihoi/results).
The preparation steps can be withdrawn by whoever made them until the superior acts
(`WITHDRAWABLE`); a congress held or reported is a fact other records rest on.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.campaigns import hooks
from daihoi.campaigns.models import ApprovalKind, Congress, CongressState

NEXT: dict[str, str] = {
    CongressState.PLANNED: CongressState.PREPARING,
    CongressState.PREPARING: CongressState.DOCUMENTS_APPROVED,
    CongressState.DOCUMENTS_APPROVED: CongressState.PERSONNEL_APPROVED,
    CongressState.PERSONNEL_APPROVED: CongressState.HELD,
    CongressState.HELD: CongressState.REPORTED,
}
PREVIOUS: dict[str, str] = {after: before for before, after in NEXT.items()}
# The timestamp field each state sets when it is entered.
STAMP: dict[str, str] = {
    CongressState.PREPARING: "preparing_at",
    CongressState.DOCUMENTS_APPROVED: "documents_approved_at",
    CongressState.PERSONNEL_APPROVED: "personnel_approved_at",
    CongressState.HELD: "held_at",
    CongressState.REPORTED: "reported_at",
}
# Steps that can be taken back: preparation only. Held closes the register and the
# votes (assembly), reported hands the results to the superior.
WITHDRAWABLE = frozenset(
    {CongressState.PREPARING, CongressState.DOCUMENTS_APPROVED, CongressState.PERSONNEL_APPROVED}
)


def _approved(congress: Congress, kind: str) -> bool:
    return congress.approvals.filter(kind=kind).exists()


def problems(
    congress: Congress, target: str, today: dt.date | None = None
) -> list[tuple[str, str]]:
    """Return (code, reason) for each thing that keeps the congress from `target` now."""
    today = today or timezone.localdate()
    if NEXT.get(congress.state) != target:
        reason = _("Không thể chuyển từ «%(src)s» sang «%(dst)s».") % {
            "src": CongressState(congress.state).label,
            "dst": CongressState(target).label,
        }
        return [("not_next_step", reason)]
    found: list[tuple[str, str]] = []
    if target == CongressState.PREPARING and congress.planned_date is None:
        found.append(("no_planned_date", _("Chưa có ngày dự kiến tổ chức đại hội.")))
    if target == CongressState.DOCUMENTS_APPROVED and not _approved(
        congress, ApprovalKind.DOCUMENTS
    ):
        found.append(("documents_not_approved", _("Cấp ủy cấp trên chưa duyệt văn kiện đại hội.")))
    if target == CongressState.PERSONNEL_APPROVED and not _approved(
        congress, ApprovalKind.PERSONNEL
    ):
        found.append(("personnel_not_approved", _("Cấp ủy cấp trên chưa duyệt phương án nhân sự.")))
    if target == CongressState.HELD:
        if congress.held_date is None:
            found.append(("no_opening_day", _("Chưa ghi ngày khai mạc đại hội.")))
        elif congress.held_date > today:
            found.append(("opening_day_ahead", _("Ngày khai mạc đại hội còn ở phía trước.")))
    # What other apps' records must hold first (results reported: daihoi/results).
    found.extend(hooks.transition_problems(congress, target))
    return found


def blockers(congress: Congress, target: str, today: dt.date | None = None) -> list[str]:
    """Return why the congress cannot move to `target` now (empty: it can)."""
    return [reason for _code, reason in problems(congress, target, today)]


def superior_acted_since(congress: Congress, since: dt.datetime | None) -> bool:
    """Return whether the superior recorded an approval of the congress after `since`."""
    approvals = congress.approvals.all()
    if since is not None:
        approvals = approvals.filter(at__gte=since)
    return approvals.exists()


def record_reported_holding(congress: Congress, now: dt.datetime, today: dt.date) -> None:
    """Mark a congress held when its unit reports a held date that has come.

    A subordinate unit's report is the fact the superior's department records
    (by import or in the bulk editor); the live approvals of the lifecycle
    belong to congresses run in the app, so a report does not wait for them.
    """
    early = (CongressState.PLANNED, CongressState.PREPARING)
    if congress.held_date and congress.held_date <= today and congress.state in early:
        congress.state = CongressState.HELD
        congress.held_at = now


def next_state(congress: Congress) -> str | None:
    return NEXT.get(congress.state)
