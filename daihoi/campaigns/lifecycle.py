"""The congress lifecycle: which state follows which, and what blocks each step.

planned → preparing → documents approved → personnel approved → held → results reported.
A transition is refused while `blockers()` returns anything; pages show the list.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.campaigns.models import ApprovalKind, Congress, CongressState

NEXT: dict[str, str] = {
    CongressState.PLANNED: CongressState.PREPARING,
    CongressState.PREPARING: CongressState.DOCUMENTS_APPROVED,
    CongressState.DOCUMENTS_APPROVED: CongressState.PERSONNEL_APPROVED,
    CongressState.PERSONNEL_APPROVED: CongressState.HELD,
    CongressState.HELD: CongressState.REPORTED,
}
# The timestamp field each state sets when it is entered.
STAMP: dict[str, str] = {
    CongressState.PREPARING: "preparing_at",
    CongressState.DOCUMENTS_APPROVED: "documents_approved_at",
    CongressState.PERSONNEL_APPROVED: "personnel_approved_at",
    CongressState.HELD: "held_at",
    CongressState.REPORTED: "reported_at",
}


def _approved(congress: Congress, kind: str) -> bool:
    return congress.approvals.filter(kind=kind).exists()


def blockers(congress: Congress, target: str, today: dt.date | None = None) -> list[str]:
    """Return why the congress cannot move to `target` now (empty: it can)."""
    today = today or timezone.localdate()
    if NEXT.get(congress.state) != target:
        return [
            _("Không thể chuyển từ «%(src)s» sang «%(dst)s».")
            % {
                "src": CongressState(congress.state).label,
                "dst": CongressState(target).label,
            }
        ]
    problems: list[str] = []
    if target == CongressState.PREPARING and congress.planned_date is None:
        problems.append(_("Chưa có ngày dự kiến tổ chức đại hội."))
    if target == CongressState.DOCUMENTS_APPROVED and not _approved(
        congress, ApprovalKind.DOCUMENTS
    ):
        problems.append(_("Cấp ủy cấp trên chưa duyệt văn kiện đại hội."))
    if target == CongressState.PERSONNEL_APPROVED and not _approved(
        congress, ApprovalKind.PERSONNEL
    ):
        problems.append(_("Cấp ủy cấp trên chưa duyệt phương án nhân sự."))
    if target == CongressState.HELD:
        if congress.held_date is None:
            problems.append(_("Chưa ghi ngày khai mạc đại hội."))
        elif congress.held_date > today:
            problems.append(_("Ngày khai mạc đại hội còn ở phía trước."))
    return problems


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
