"""Reporting the results of congresses that ran no election in the app: all or nothing.

One call takes the reports of one form (one congress) or one file (every unit it
names): each congress must be held, not yet reported, with no announced election in
the app (those results come from the elections themselves), and its report must hold
together (lib/results). Then its elected committee, secretary, deputies and delegates
replace whatever was recorded, and the congress moves to "results reported" through
the lifecycle's own check, in the same transaction. Any refusal writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns import access, hooks, lifecycle
from daihoi.campaigns.actions.congress import congress_snapshot
from daihoi.campaigns.models import Congress, CongressState
from daihoi.campaigns.signals import congresses_written
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.lib.results import Post, report_problems
from daihoi.orgs.maintenance import after_bulk_write
from daihoi.personnel.models import ElectedMember
from daihoi.results import requirements
from daihoi.results.report import ReportedMember, UnitReport, describe
from daihoi.results.requirements import electing_delegates
from daihoi.results.rows import Row, db_date, insert_rows

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


def elections_in_app(ids: Iterable[int]) -> set[int]:
    """The ids of those congresses that announced an election in the app (one query)."""
    return set(
        Election.objects.filter(congress_id__in=list(ids), state__in=ANNOUNCED).values_list(
            "congress_id", flat=True
        )
    )


def state_problems(congress: Congress, in_app: bool | None = None) -> list[tuple[str, str]]:
    """(code, reason) when the congress cannot take a report now.

    `in_app`: whether it announced an election in the app, when the caller read it for
    many congresses at once (elections_in_app); None reads it here.
    """
    if congress.state == CongressState.REPORTED:
        return [("already_reported", _("Đại hội đã báo cáo kết quả."))]
    if congress.state != CongressState.HELD:
        return [("not_held", _("Đại hội chưa chuyển sang «Đã tổ chức đại hội»."))]
    if in_app is None:
        in_app = bool(elections_in_app([congress.pk]))
    if in_app:
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


def _rows(current: Congress, report: UnitReport) -> list[Row]:
    """The congress's elected people as plain rows (rows.COLUMNS)."""
    day = db_date(current.held_date or timezone.localdate())

    def row(kind: str, name: str, reported: ReportedMember | None = None) -> Row:
        m = reported.member if reported else None
        return (
            current.pk,
            current.campaign_id,
            current.org_path,
            day,
            kind,
            name,
            bool(m and m.female),
            db_date(reported.birth_date) if reported else None,
            m.age if m else None,
            bool(m and m.first_time),
            bool(m and m.ethnic_minority),
            False,
            bool(m and m.standing),
        )

    rows: list[Row] = []
    for reported in report.committee:
        m = reported.member
        rows.append(row(K.COMMITTEE, m.name, reported))
        if m.post == Post.SECRETARY:
            rows.append(row(K.SECRETARY, m.name, reported))
        elif m.post == Post.DEPUTY:
            rows.append(row(K.DEPUTY, m.name, reported))
    rows.extend(row(K.DELEGATES, name) for _r, name in report.delegates)
    rows.extend(row(K.ALTERNATES, name) for _r, name in report.alternates)
    return rows


def _locked(reports: Sequence[UnitReport], user: User) -> dict[int, Congress]:
    """Every congress of the reports under a row lock, in one query; refuse one not the user's."""
    current = {
        c.pk: c
        for c in Congress.objects.select_for_update()
        .select_related("campaign", "organisation")
        .filter(pk__in=[r.congress.pk for r in reports])
        .order_by("pk")
    }
    for congress in current.values():
        if not access.may_edit_congress(user, congress):
            raise PermissionDenied(_("Bạn không có quyền báo cáo kết quả đại hội của tổ chức này."))
    return current


def _problems(
    reports: Sequence[UnitReport], current: dict[int, Congress]
) -> dict[int, list[tuple[str, str]]]:
    """Each report's refusals, by congress, read in two queries for any number of reports."""
    in_app = elections_in_app(current)
    electing = electing_delegates(current.values())
    refused: dict[int, list[tuple[str, str]]] = {}
    for report in reports:
        congress = current.get(report.congress.pk)
        if congress is None:  # deleted since the form or the file was read
            refused[report.congress.pk] = [("gone", _("Đại hội không còn trong hệ thống."))]
            continue
        found = state_problems(congress, congress.pk in in_app)
        if not found:
            problems = report_problems(
                report.figures,
                [m.member for m in report.committee],
                len(report.delegates),
                needs_delegates=congress.pk in electing,
            )
            found = [(p.code, describe(p)) for p in problems]
        if found:
            refused[congress.pk] = found
    return refused


def _after_writing(congresses: list[Congress]) -> dict[int, list[tuple[str, str]]]:
    """The lifecycle's own check on the results now written: its last word, by congress.

    lifecycle.problems() asks each registered check congress by congress; ours
    (requirements.transition_check) is asked here for all of them at once, so a file of
    2,000 units costs two queries, and any other app's check is still asked.
    """
    found = requirements.problems_of(congresses)
    others = [c for c in hooks.transition_checks if c is not requirements.transition_check]
    for congress in congresses:
        if lifecycle.next_state(congress) != CongressState.REPORTED:
            found[congress.pk] = lifecycle.problems(congress, CongressState.REPORTED)
        for check in others:
            found[congress.pk] += check(congress, CongressState.REPORTED)
    return {pk: problems for pk, problems in found.items() if problems}


@transaction.atomic(durable=True)
def do_report_results(reports: Sequence[UnitReport], *, acting_user: User, source: str) -> int:
    """Record each congress's results and move it to "results reported"; all or nothing.

    A fixed number of queries whatever the number of units: the congresses locked,
    checked and moved together, their people written in one statement, and their audit
    entries in bulk (two per congress: the transition and the report, chained as ever).
    """
    current = _locked(reports, acting_user)
    refused = _problems(reports, current)
    if refused:
        raise ResultsRefused(refused)
    ids = sorted(current)
    congresses = [current[pk] for pk in ids]
    before = {c.pk: congress_snapshot(c) for c in congresses}
    # Whatever was recorded before (a list typed on the personnel page) gives way to the
    # report, without a signal per row: the roll-up is refreshed once, below.
    ElectedMember.objects.filter(congress_id__in=ids)._raw_delete(ElectedMember.objects.db)
    rows = [row for report in reports for row in _rows(current[report.congress.pk], report)]
    insert_rows(rows)
    after_bulk_write(len(rows))
    refused = _after_writing(congresses)
    if refused:
        raise ResultsRefused(refused)
    elected: dict[int, list[int]] = defaultdict(list)
    for congress_id, pk in (
        ElectedMember.objects.filter(congress_id__in=ids)
        .order_by("pk")
        .values_list("congress_id", "pk")
    ):
        elected[congress_id].append(pk)
    Congress.objects.filter(pk__in=ids).update(
        state=CongressState.REPORTED, reported_at=timezone.now(), version=F("version") + 1
    )
    moved = list(
        Congress.objects.filter(pk__in=ids)
        .select_related("campaign", "organisation")
        .order_by("pk")
    )
    log.record_many(
        "congress.transition",
        actor=acting_user,
        entries=[(c.organisation, str(c), before[c.pk], congress_snapshot(c)) for c in moved],
    )
    log.record_many(
        "results.report",
        actor=acting_user,
        entries=[
            (c.organisation, str(c), None, {"source": source[:200], "elected": elected[c.pk]})
            for c in moved
        ],
    )
    # update() and plain rows send no signal: the completeness roll-up hears it here.
    by_campaign: dict[int, list[Congress]] = defaultdict(list)
    for congress in moved:
        by_campaign[congress.campaign_id].append(congress)
    for group in by_campaign.values():
        congresses_written.send(Congress, campaign=group[0].campaign, ids=[c.pk for c in group])
    return len(reports)
