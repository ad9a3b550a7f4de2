"""The facts early warning reads, for every congress not yet held under a unit, today.

A fixed number of grouped statements whatever the size of the subtree (seven, and one
per level below for the peers), each scoped by the congress's copy of its path
(`orgs/tree.subtree_bounds`): the congresses, their approvals, their latest requests,
open complaints, inspection follow-ups not done, sittings opened, the levels'
deadlines, and how long before their congress the units of the same level that held
it most recently had each step approved. No query per congress: the rule
(`lib/risk.py`) runs over plain values in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Func, IntegerField, Min, Q, QuerySet
from django.utils import timezone

from daihoi.assembly.models import Sitting
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Campaign,
    Congress,
    CongressState,
    LevelPlan,
    Submission,
    SubmissionState,
)
from daihoi.lib.risk import Assessment, Facts, Peers, Step, assess
from daihoi.orgs.models import Level, Organisation
from daihoi.orgs.tree import subtree_bounds
from daihoi.personnel.models import Complaint, ComplaintStatus, InspectionVisit

HELD_STATES = (CongressState.HELD, CongressState.REPORTED)
# How many of a level's congresses held most recently make its peers: enough for a
# distribution, few enough that the cost does not grow with the campaign.
PEER_SAMPLE = 500
# The latest request decides where a step stands when it is not approved.
STEP_OF = {SubmissionState.WAITING: Step.WAITING, SubmissionState.RETURNED: Step.RETURNED}


@dataclass(frozen=True)
class Unit:
    """One congress not yet held, its facts and the rule's verdict on them."""

    congress_id: int
    organisation_id: int
    org_path: str
    level_id: int
    planned_date: dt.date | None
    state: str
    facts: Facts
    assessment: Assessment
    # The unit whose inspection team asked for a follow-up not done (its code), if any.
    inspected_by: str = ""


def in_subtree(root: Organisation, prefix: str) -> Q:
    """Strictly under root, through a path column copied onto the row or reached by a join."""
    low, high = subtree_bounds(root.path, include_self=False)
    return Q(**{f"{prefix}__gte": low, f"{prefix}__lte": high})


def not_held(today: dt.date, prefix: str = "") -> Q:
    held = Q(**{f"{prefix}held_date__isnull": True}) | Q(**{f"{prefix}held_date__gt": today})
    return held & ~Q(**{f"{prefix}state__in": HELD_STATES})


def open_congresses(campaign: Campaign, root: Organisation, today: dt.date) -> QuerySet[Congress]:
    """The congresses strictly under root not held by today (an opening day ahead is not)."""
    below = Level.objects.filter(structure_id=campaign.structure_id, rank__gt=root.level.rank)
    return Congress.objects.filter(
        in_subtree(root, "org_path"),
        not_held(today),
        campaign=campaign,
        # The level leads the covering index (campaign, level, org_path, …).
        level_id__in=below.values("pk"),
    )


def related(campaign: Campaign, root: Organisation) -> Q:
    """The same congresses, seen from a table that points at them (joined, not listed)."""
    return Q(congress__campaign=campaign) & in_subtree(root, "congress__org_path")


class LeadDays(Func):
    """Whole days from an approval (local date of a timestamp) to a congress's date, in SQL.

    Django's date arithmetic on SQLite runs Python functions per row (and a time zone
    conversion each): 40 ms for 1,700 approvals. Here the database's own: SQLite's
    julianday over the UTC text moved by the zone's offset (Asia/Ho_Chi_Minh keeps
    +07:00 all year, so the offset of today is every day's), PostgreSQL's date
    subtraction after AT TIME ZONE.
    """

    arity = 2
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        at_sql, at_params = compiler.compile(self.source_expressions[1])
        offset = timezone.localtime().utcoffset() or dt.timedelta(0)
        shift = f"'{int(offset.total_seconds()):+d} seconds'"
        sql = f"CAST(julianday({day_sql}) - julianday(date({at_sql}, {shift})) AS INTEGER)"
        return sql, [*day_params, *at_params]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        at_sql, at_params = compiler.compile(self.source_expressions[1])
        zone = timezone.get_current_timezone_name()
        return f"({day_sql} - ({at_sql} AT TIME ZONE %s)::date)", [*day_params, *at_params, zone]


def peers(campaign: Campaign, level_ids: set[int], today: dt.date) -> dict[tuple[int, str], Peers]:
    """By (level id, approval kind): how many days before their congress the units of that
    level that held it most recently (PEER_SAMPLE of them) had the approval.

    One grouped statement per level (a structure has three or four): a fixed sample keeps
    the cost the same for a province as for the whole country, where reading every
    approval of a level took 95 ms on SQLite (36,000 of them in the live demo).
    """
    leads: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for level_id in sorted(level_ids):
        recent = (
            Congress.objects.filter(campaign=campaign, level_id=level_id, held_date__lte=today)
            .order_by("-held_date", "-pk")
            .values("pk")[:PEER_SAMPLE]
        )
        rows = (
            Approval.objects.filter(congress_id__in=recent)
            .annotate(lead=LeadDays(F("congress__held_date"), F("at")))
            .values_list("kind", "lead")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for kind, days, n in rows:
            bucket = leads[(level_id, kind)]
            bucket[int(days)] = bucket.get(int(days), 0) + n
    return {key: Peers(value) for key, value in leads.items()}


def units(
    campaign: Campaign,
    root: Organisation,
    today: dt.date,
    only: Collection[int] | None = None,
    by_peer: dict[tuple[int, str], Peers] | None = None,
) -> list[Unit]:
    """Every congress not yet held strictly under root (or those of them in `only`, a
    page's, in that order), with its facts and its assessment."""
    listed = open_congresses(campaign, root, today)
    if only is not None:
        listed = listed.filter(pk__in=only)
    congresses = list(
        listed.values_list("pk", "organisation_id", "org_path", "level_id", "planned_date", "state")
    )
    if not congresses:
        return []
    scoped = related(campaign, root) & not_held(today, "congress__")
    visited = in_subtree(root, "unit__path")
    if only is not None:
        scoped &= Q(congress_id__in=only)
        visited &= Q(unit_id__in=[row[1] for row in congresses])
        order = {pk: i for i, pk in enumerate(only)}
        congresses.sort(key=lambda row: order[row[0]])
    approved: set[tuple[int, str]] = set(
        Approval.objects.filter(scoped).values_list("congress_id", "kind")
    )
    latest: dict[tuple[int, str], str] = {}
    for congress_id, kind, state in (
        Submission.objects.filter(scoped)
        .order_by("submitted_at", "pk")
        .values_list("congress_id", "kind", "state")
    ):
        latest[(congress_id, kind)] = state  # the last one read is the latest
    complaints = dict(
        Complaint.objects.filter(scoped, status=ComplaintStatus.OPEN, overridden_at__isnull=True)
        .values_list("congress_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # A visit's follow-up asked of the unit and not done; the team is the campaign's.
    findings = {
        unit_id: (n, by)
        for unit_id, n, by in InspectionVisit.objects.filter(
            visited, team__campaign=campaign, follow_up_done=False
        )
        .exclude(follow_up="")
        .values_list("unit_id")
        .annotate(n=Count("pk"), by=Min("team__organisation__code"))
        .order_by()
    }
    opened = dict(
        Sitting.objects.filter(scoped, opened_at__isnull=False)
        .values_list("congress_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    deadlines = dict(
        LevelPlan.objects.filter(campaign=campaign, deadline__isnull=False).values_list(
            "level_id", "deadline"
        )
    )
    level_ids = {row[3] for row in congresses}
    if by_peer is None:
        by_peer = peers(campaign, level_ids, today)
    found = []
    for pk, org_id, path, level_id, planned, state in congresses:
        target = planned or deadlines.get(level_id)
        facts = Facts(
            days_left=(target - today).days if target else None,
            planned=planned is not None,
            documents=_step(pk, ApprovalKind.DOCUMENTS, approved, latest),
            personnel=_step(pk, ApprovalKind.PERSONNEL, approved, latest),
            open_complaints=complaints.get(pk, 0),
            open_findings=findings.get(org_id, (0, ""))[0],
            sittings_opened=opened.get(pk, 0),
        )
        verdict = assess(
            facts,
            documents_peers=by_peer.get((level_id, ApprovalKind.DOCUMENTS)),
            personnel_peers=by_peer.get((level_id, ApprovalKind.PERSONNEL)),
        )
        inspected_by = findings.get(org_id, (0, ""))[1]
        found.append(Unit(pk, org_id, path, level_id, planned, state, facts, verdict, inspected_by))
    return found


def _step(
    congress_id: int,
    kind: str,
    approved: set[tuple[int, str]],
    latest: dict[tuple[int, str], str],
) -> Step:
    if (congress_id, kind) in approved:
        return Step.APPROVED
    state = latest.get((congress_id, kind))
    # A withdrawn approval leaves the step to be sent again.
    return STEP_OF.get(SubmissionState(state), Step.NOT_SENT) if state else Step.NOT_SENT
