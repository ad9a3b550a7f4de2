"""Reporting the results of congresses that ran no election in the app: all or nothing.

One call takes the reports of one form (one congress) or one file (every unit it
names): each congress must be held, not yet reported, with no announced election in
the app (those results come from the elections themselves), and its report must hold
together (lib/results). Then its elected committee, secretary, deputies and delegates
replace whatever was recorded, and the congress moves to "results reported" through
the lifecycle's own check, in the same transaction. Any refusal writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns import access, lifecycle
from daihoi.campaigns.actions.congress import congress_snapshot, locked, save_audited
from daihoi.campaigns.models import Congress, CongressState
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.lib.results import Post, report_problems
from daihoi.personnel.models import ElectedMember
from daihoi.results.report import UnitReport, describe
from daihoi.results.requirements import needs_delegates

if TYPE_CHECKING:
    from daihoi.accounts.models import User

K = ElectionKind
ANNOUNCED = (ElectionState.ANNOUNCED, ElectionState.SEALED)


class ResultsRefused(ActionRefused):
    """Refusals by congress (pk), so a file can show each on its unit's row."""

    def __init__(self, by_congress: dict[int, list[tuple[str, str]]]) -> None:
        pairs = [pair for found in by_congress.values() for pair in found]
        super().__init__([r for _c, r in pairs], [c for c, _r in pairs])
        self.by_congress = by_congress


def state_problems(congress: Congress) -> list[tuple[str, str]]:
    """(code, reason) when the congress cannot take a report now."""
    if congress.state == CongressState.REPORTED:
        return [("already_reported", _("Đại hội đã báo cáo kết quả."))]
    if congress.state != CongressState.HELD:
        return [("not_held", _("Đại hội chưa chuyển sang «Đã tổ chức đại hội»."))]
    if Election.objects.filter(congress=congress, state__in=ANNOUNCED).exists():
        return [
            (
                "elections_in_app",
                _(
                    "Đại hội đã bầu cử trong hệ thống: kết quả lấy từ các cuộc bầu cử đã công "
                    "bố (trang Nhân sự của đại hội), không nhập lại."
                ),
            )
        ]
    return []


def _rows(current: Congress, report: UnitReport) -> list[ElectedMember]:
    day = current.held_date or timezone.localdate()

    def row(kind: str, name: str, **facts: object) -> ElectedMember:
        return ElectedMember(
            congress=current,
            campaign_id=current.campaign_id,
            org_path=current.org_path,
            elected_on=day,
            kind=kind,
            full_name=name,
            **facts,  # type: ignore[arg-type]
        )

    rows: list[ElectedMember] = []
    for reported in report.committee:
        m = reported.member
        facts = {
            "female": m.female,
            "birth_date": reported.birth_date,
            "age": m.age,
            "first_time": m.first_time,
            "ethnic_minority": m.ethnic_minority,
            "standing": m.standing,
        }
        rows.append(row(K.COMMITTEE, m.name, **facts))
        if m.post == Post.SECRETARY:
            rows.append(row(K.SECRETARY, m.name, **facts))
        elif m.post == Post.DEPUTY:
            rows.append(row(K.DEPUTY, m.name, **facts))
    rows.extend(row(K.DELEGATES, name) for _r, name in report.delegates)
    rows.extend(row(K.ALTERNATES, name) for _r, name in report.alternates)
    return rows


def _check(current: Congress, report: UnitReport, user: User) -> list[tuple[str, str]]:
    if not access.may_edit_congress(user, current):
        raise PermissionDenied(_("Bạn không có quyền báo cáo kết quả đại hội của tổ chức này."))
    found = state_problems(current)
    if found:
        return found
    problems = report_problems(
        report.figures,
        [m.member for m in report.committee],
        len(report.delegates),
        needs_delegates=needs_delegates(current),
    )
    return [(p.code, describe(p)) for p in problems]


@transaction.atomic(durable=True)
def do_report_results(reports: Sequence[UnitReport], *, acting_user: User, source: str) -> int:
    """Record each congress's results and move it to "results reported"; all or nothing."""
    refused: dict[int, list[tuple[str, str]]] = {}
    for report in reports:
        current = locked(report.congress, None)
        found = _check(current, report, acting_user)
        if found:
            refused[current.pk] = found
            continue
        ElectedMember.objects.filter(congress=current).delete()
        made = ElectedMember.objects.bulk_create(_rows(current, report))
        # The lifecycle's own check, the results now written, has the last word.
        found = lifecycle.problems(current, CongressState.REPORTED)
        if found:
            refused[current.pk] = found
            continue
        before = congress_snapshot(current)
        current.state = CongressState.REPORTED
        current.reported_at = timezone.now()
        save_audited(current, "congress.transition", before, acting_user)
        log.record(
            "results.report",
            actor=acting_user,
            organisation=current.organisation,
            target=str(current),
            after={"source": source[:200], "elected": [m.pk for m in made]},
        )
    if refused:
        raise ResultsRefused(refused)
    return len(reports)
