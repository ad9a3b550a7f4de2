"""Early warning counted and paged in the database, whatever the size of the subtree.

`lib/risk.assess` is the rule, and the only form of it: the database does not apply
it, it tells what the rule reads. One grouped statement reads every congress not yet
held under the unit and packs into one number what the rule reads of it (its level,
days left, whether it has a day, where its documents and personnel plan stand, an open
complaint, an inspection follow-up not done, a sitting opened), then counts the
congresses by that number: a few hundred groups, even for 100,000 congresses. Each
group is assessed once in Python (`Survey`); the counts by level and by reason are
sums over the groups, and the page's place in listing.at_risk's order (the highest
level first, then the nearest to their day) is found among them. A second statement
then reads the page's rows alone: those whose days and number fall in the groups the
page spans, ordered by path. A district with 100,000 cells open cost seconds when every
congress was brought into Python, and 220 ms of processor on SQLite when the rule was
written as SQL CASE expressions (every row classified, copied and sorted).

The rows shown are then assessed by `lib/risk` itself (`facts.units(only=...)`), for
their reasons and links. A test holds the groups' verdicts equal to `facts.units` on
random data, on both databases.

How each fact is read depends on the database (`_Facts`): SQLite runs in the process
and probes an index per congress and fact for a few microseconds, where each
materialised subquery would scan the subtree again; PostgreSQL hashes each fact table,
read once for the subtree, where a probe per row costs a subplan.
"""

# The statements are assembled from this module's own column names and constants; every
# value (ids, days, dates, states) goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection, transaction
from django.db.models import (
    Case,
    DateField,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from daihoi.assembly.models import Sitting
from daihoi.campaigns.models import Approval, ApprovalKind, Campaign, LevelPlan, Submission
from daihoi.campaigns.models import SubmissionState as State
from daihoi.earlywarning import facts
from daihoi.lib.risk import RANK, Assessment, Facts, Level, Reason, Step, assess
from daihoi.orgs.models import Level as TreeLevel
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import Complaint, ComplaintStatus, InspectionVisit

# A congress with no day sorts after every dated one of its level (as listing.NO_DAY).
NO_DAY = 10**6
DOCUMENTS, PERSONNEL = ApprovalKind.DOCUMENTS.value, ApprovalKind.PERSONNEL.value
# The packed number, from its lowest bit: a sitting opened (1), an inspection follow-up
# not done (2), an open complaint (4), the latest requests' states (8: documents, 32:
# personnel; 0 none or neither waiting nor returned, 1 waiting, 2 returned), approvals
# (128: documents, 256: personnel), a day planned (512); then the days left, times 1024;
# the whole times Scope.multiplier, plus the level's id.
STEP_CODE = {State.WAITING.value: 1, State.RETURNED.value: 2}
STEP_OF = {0: Step.NOT_SENT, 1: Step.WAITING, 2: Step.RETURNED}
DAYS = 1024


class DaysUntil(Func):
    """Whole days from the second date to the first (negative once passed), in SQL."""

    arity = 2
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self.as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(", **extra,
        )  # fmt: skip

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra
        )


@dataclass(frozen=True)
class Scope:
    """What the statements need besides the subtree: today, the levels below, deadlines."""

    campaign: Campaign
    root: Organisation
    today: dt.date
    # The ids of the structure's levels below root: a congress's level is the lowest
    # digit of its packed number, in base `multiplier`.
    levels: tuple[int, ...]
    deadlines: dict[int, dt.date]

    @property
    def multiplier(self) -> int:
        return max(self.levels, default=0) + 1


def scope_for(campaign: Campaign, root: Organisation, today: dt.date) -> Scope:
    """The levels below root and their deadlines: two statements over tiny tables."""
    plans = LevelPlan.objects.filter(campaign=campaign, deadline__isnull=False)
    deadlines = {lv: day for lv, day in plans.values_list("level_id", "deadline") if day}
    levels = TreeLevel.objects.filter(
        structure_id=campaign.structure_id, rank__gt=root.level.rank
    ).values_list("pk", flat=True)
    return Scope(campaign, root, today, tuple(sorted(levels)), deadlines)


@dataclass(frozen=True)
class Days:
    """Some congresses of the subtree: those planned on `dated`, and the undated ones of
    `undated` levels (a page's groups are of a few days: only those are read again)."""

    dated: frozenset[dt.date]
    undated: frozenset[int]

    def q(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}planned_date__in": sorted(self.dated)}) | Q(
            **{f"{prefix}planned_date__isnull": True, f"{prefix}level_id__in": sorted(self.undated)}
        )


def _sql(query: QuerySet[Any, Any]) -> tuple[str, list[Any]]:
    sql, params = query.query.sql_with_params()
    return sql, list(params)


def _base(scope: Scope, narrow: Days | None = None) -> tuple[str, list[Any]]:
    """The congresses not yet held under root (of `narrow`'s days): id, path, level, day,
    organisation and days left (to the level's deadline when there is no day)."""
    campaign, root, today = scope.campaign, scope.root, scope.today
    deadline = Case(
        *(When(level_id=lv, then=Value(day)) for lv, day in sorted(scope.deadlines.items())),
        default=Value(None),
        output_field=DateField(),
    )
    listed = facts.open_congresses(campaign, root, today)
    if narrow is not None:
        listed = listed.filter(narrow.q())
    return _sql(
        listed.annotate(
            cid=F("pk"), path=F("org_path"), lvl=F("level_id"), plan=F("planned_date"),
            org=F("organisation_id"),
            days=DaysUntil(Coalesce("planned_date", deadline), Value(today)),
        )
        .order_by()
        .values("cid", "path", "lvl", "plan", "org", "days")
    )  # fmt: skip


@dataclass(frozen=True)
class _Facts:
    """The expressions of the packed number's facts over the congresses `b` (the steps:
    approvals and the latest requests, bits 8 to 256; a sitting opened, bit 1), and the
    joins they read. The requests' bits say nothing of a step approved."""

    steps: str
    opened: str
    joins: tuple[str, list[Any]]


def _state_code(column: str) -> str:
    return "CASE " + " ".join(
        f"WHEN {column} = '{state}' THEN {code}" for state, code in STEP_CODE.items()
    ) + " ELSE 0 END"  # fmt: skip


def _probed(scope: Scope) -> _Facts:
    """Each fact probed per congress through its index (SQLite). A request is read only
    for a step not approved (its rows are read from the table: the index holds only the
    congress), and only for a congress that has one; the sittings only where the rule
    reads them, from the day on (`assess` expects none before)."""

    def last(kind: str) -> str:
        return (
            f"COALESCE((SELECT {_state_code('s.state')} FROM campaigns_submission s"
            f" WHERE s.congress_id = b.cid AND s.kind = '{kind}'"
            " ORDER BY s.submitted_at DESC, s.id DESC LIMIT 1), 0)"
        )

    both = (
        "CASE WHEN EXISTS (SELECT 1 FROM campaigns_submission s WHERE s.congress_id = b.cid)"
        f" THEN {last(DOCUMENTS)} * 8 + {last(PERSONNEL)} * 32 ELSE 0 END"
    )
    # CASE's operand is evaluated once: the approvals are probed once per congress.
    steps = (
        f"CASE COALESCE((SELECT SUM(CASE WHEN a.kind = '{DOCUMENTS}' THEN 128 ELSE 256 END)"
        " FROM campaigns_approval a WHERE a.congress_id = b.cid), 0)"
        f" WHEN 384 THEN 384 WHEN 128 THEN 128 + {last(PERSONNEL)} * 32"
        f" WHEN 256 THEN 256 + {last(DOCUMENTS)} * 8 ELSE {both} END"
    )
    opened = (
        "CASE WHEN b.plan <= %s AND EXISTS (SELECT 1 FROM assembly_sitting t"
        " WHERE t.congress_id = b.cid AND t.opened_at IS NOT NULL) THEN 1 ELSE 0 END"
    )
    return _Facts(steps, opened, ("", []))


def _joined(scope: Scope, narrow: Days | None) -> _Facts:
    """Each fact table read once for the subtree (for `narrow`'s days), grouped, and hashed
    (PostgreSQL)."""
    scoped = facts.related(scope.campaign, scope.root) & facts.not_held(scope.today, "congress__")
    if narrow is not None:
        scoped &= narrow.q("congress__")
    approved = _sql(
        Approval.objects.filter(scoped)
        .values("congress_id")
        .annotate(ok=Sum(Case(When(kind=DOCUMENTS, then=Value(128)), default=Value(256))))
        .order_by()
    )
    # The latest request of each step: the first of each in the latest-first order.
    ordered = _sql(
        Submission.objects.filter(scoped)
        .order_by("congress_id", "kind", "-submitted_at", "-pk")
        .distinct("congress_id", "kind")
        .values("congress_id", "kind", "state")
    )
    code = _state_code("state")
    latest = (
        f"SELECT congress_id, SUM(CASE WHEN kind = '{DOCUMENTS}' THEN {code} * 8"
        f" ELSE {code} * 32 END) AS code FROM ({ordered[0]}) w GROUP BY congress_id"
    )
    sittings = _sql(
        Sitting.objects.filter(scoped, opened_at__isnull=False)
        .values("congress_id")
        .order_by()  # else the default ordering's column joins the DISTINCT
        .distinct()
    )
    joins = (
        f" LEFT JOIN ({approved[0]}) a ON a.congress_id = b.cid"
        f" LEFT JOIN ({latest}) s ON s.congress_id = b.cid"
        f" LEFT JOIN ({sittings[0]}) t ON t.congress_id = b.cid",
        [*approved[1], *ordered[1], *sittings[1]],
    )
    opened = "CASE WHEN b.plan <= %s AND t.congress_id IS NOT NULL THEN 1 ELSE 0 END"
    return _Facts("COALESCE(a.ok, 0) + COALESCE(s.code, 0)", opened, joins)


def _rows(scope: Scope, narrow: Days | None = None) -> tuple[str, list[Any]]:
    """`SELECT cid, path, k FROM …`: each congress not yet held (of `narrow`'s days), its
    path, and its packed number `k` with its level as the lowest digit (base
    scope.multiplier)."""
    base = _base(scope, narrow)
    found = _probed(scope) if connection.vendor == "sqlite" else _joined(scope, narrow)
    # Open complaints and inspection follow-ups not done are few: each a set read once.
    complaints = _sql(
        Complaint.objects.filter(status=ComplaintStatus.OPEN, overridden_at__isnull=True)
        .values("congress_id")
        .order_by()
    )
    findings = _sql(
        InspectionVisit.objects.filter(team__campaign=scope.campaign, follow_up_done=False)
        .exclude(follow_up="")
        .values("unit_id")
        .order_by()
    )
    packed = (
        f"((CAST(COALESCE(b.days, 0) AS BIGINT) * {DAYS}"
        " + CASE WHEN b.plan IS NULL THEN 0 ELSE 512 END"
        f" + {found.steps}"
        f" + CASE WHEN b.cid IN ({complaints[0]}) THEN 4 ELSE 0 END"
        f" + CASE WHEN b.org IN ({findings[0]}) THEN 2 ELSE 0 END"
        f" + {found.opened}) * {scope.multiplier} + b.lvl)"
    )
    sql = f"SELECT b.cid, b.path, {packed} AS k FROM ({base[0]}) b{found.joins[0]}"
    params = [*complaints[1], *findings[1], scope.today, *base[1], *found.joins[1]]
    return sql, params


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    sent: list[Any] | None = params
    if connection.vendor == "postgresql":
        # Bound by the driver (client-side, as psycopg quotes), not on the server: a
        # statement run five times is prepared (settings.py), and PostgreSQL's generic
        # plan, blind to the subtree's size and the page's days, read every request of a
        # district for one page (292 ms instead of 13 with 200,000 requests).
        ops: Any = connection.ops  # PostgreSQL's (the stubs know the base class alone)
        sql, sent = ops.compose_sql(sql, params), None
        # No nested loops: the planner takes the open congresses of a subtree for one row
        # (its path range, "not held" and the campaign multiplied as if independent) and
        # loops over every fact table once per congress; the live demo's country read in
        # 739 ms what hash joins read in 24 (EXPLAIN ANALYZE, after ANALYZE). Set for
        # this statement alone, inside its own transaction or savepoint.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_nestloop = off")
            try:
                cursor.execute(sql)
                return list(cursor.fetchall())
            finally:
                cursor.execute("SET LOCAL enable_nestloop = on")
    with connection.cursor() as cursor:
        cursor.execute(sql, sent)
        return list(cursor.fetchall())


@dataclass(frozen=True)
class Counts:
    """The counts of one subtree: open congresses, at risk by level and by reason, chosen."""

    open: int
    by_level: dict[Level, int]
    by_reason: dict[Reason, int]
    chosen: int


@dataclass(frozen=True)
class Group:
    """The congresses that share one packed number: what the rule reads of them, its verdict."""

    key: int
    n: int
    level_id: int
    planned: bool
    days: int | None
    assessment: Assessment

    @property
    def order(self) -> tuple[int, int]:
        """listing.at_risk's order before the path: the highest level, the nearest day."""
        rank = RANK[self.assessment.level] if self.assessment.level else 0
        return -rank, abs(self.days) if self.days is not None else NO_DAY

    def chosen(self, level: Level | None, reason: Reason | None) -> bool:
        found = self.assessment
        return (
            found.level is not None
            and (level is None or found.level is level)
            and (reason is None or reason in found.reasons)
        )


class Survey:
    """The congresses not yet held under a unit, grouped by what the rule reads, each group
    assessed: the counts and any page of the units at risk, in listing.at_risk's order.

    One grouped statement, then the levels' peers (one statement per level found); each
    page asked for is one more statement that reads only that page's groups.
    """

    def __init__(self, scope: Scope):
        self.scope = scope
        rows, params = _rows(scope)
        counted = _fetch(f"SELECT k, COUNT(*) FROM ({rows}) f GROUP BY k", params)
        found = {int(key): int(n) for key, n in counted}
        levels = {key % scope.multiplier for key in found}
        self.by_peer = facts.peers(scope.campaign, levels, scope.today)
        self.groups = sorted(
            (self._group(key, n) for key, n in found.items()), key=lambda g: (g.order, g.key)
        )

    def _group(self, key: int, n: int) -> Group:
        rest, level_id = divmod(key, self.scope.multiplier)
        days, bits = divmod(rest, DAYS)
        planned = bool(bits & 512)
        facts_read = Facts(
            days_left=days if planned or level_id in self.scope.deadlines else None,
            planned=planned,
            documents=Step.APPROVED if bits & 128 else STEP_OF[bits >> 3 & 3],
            personnel=Step.APPROVED if bits & 256 else STEP_OF[bits >> 5 & 3],
            open_complaints=bits >> 2 & 1,
            open_findings=bits >> 1 & 1,
            sittings_opened=bits & 1,
        )
        verdict = assess(
            facts_read,
            documents_peers=self.by_peer.get((level_id, DOCUMENTS)),
            personnel_peers=self.by_peer.get((level_id, PERSONNEL)),
        )
        return Group(key, n, level_id, planned, facts_read.days_left, verdict)

    def counts(self, level: Level | None = None, reason: Reason | None = None) -> Counts:
        """Every count the page and the box print, from the groups."""
        by_level = dict.fromkeys(Level, 0)
        by_reason = dict.fromkeys(Reason, 0)
        chosen = 0
        for group in self.groups:
            found = group.assessment
            if found.level is None:
                continue
            by_level[found.level] += group.n
            for r in found.reasons:
                by_reason[r] += group.n
            chosen += group.n if group.chosen(level, reason) else 0
        return Counts(sum(g.n for g in self.groups), by_level, by_reason, chosen)

    def page(
        self, level: Level | None, reason: Reason | None, offset: int, limit: int
    ) -> list[int]:
        """The ids of the units at risk chosen from `offset`, `limit` of them, in order."""
        start, spanned = self._spanned(level, reason, offset, limit)
        return self._read(spanned, start, limit) if spanned and limit > 0 else []

    def _spanned(
        self, level: Level | None, reason: Reason | None, offset: int, limit: int
    ) -> tuple[int, list[list[Group]]]:
        """The groups chosen of each place in the order that the page spans, and where the
        page starts in the first place's rows. The rows of one place are ordered by path
        whatever their group, so a page takes whole places."""
        places: dict[tuple[int, int], list[Group]] = {}
        for group in self.groups:
            if group.chosen(level, reason):
                places.setdefault(group.order, []).append(group)
        spanned: list[list[Group]] = []
        start = seen = 0
        for members in places.values():
            n = sum(g.n for g in members)
            if seen + n > offset and seen < offset + limit:
                if not spanned:
                    start = offset - seen
                spanned.append(members)
            seen += n
        return start, spanned

    def _read(self, spanned: list[list[Group]], start: int, limit: int) -> list[int]:
        """Only the congresses of the places' days (of their levels when undated) are read
        again; their numbers pick the groups' rows among them and order them by place."""
        today = self.scope.today
        groups = [g for members in spanned for g in members]
        narrow = Days(
            frozenset(today + dt.timedelta(days=g.days or 0) for g in groups if g.planned),
            frozenset(g.level_id for g in groups if not g.planned),
        )
        rows, params = _rows(self.scope, narrow)
        keys = [[g.key for g in members] for members in spanned]

        def among(found: list[int]) -> str:
            return f"f.k IN ({', '.join(['%s'] * len(found))})"

        cases = " ".join(f"WHEN {among(found)} THEN {i}" for i, found in enumerate(keys[:-1]))
        place = f"CASE {cases} ELSE {len(keys) - 1} END, " if cases else ""
        picked = [k for found in keys for k in found]
        # Each row numbered once (the fence), then picked and ordered by its number.
        fence = " LIMIT -1 OFFSET 0" if connection.vendor == "sqlite" else " OFFSET 0"
        sql = (
            f"SELECT f.cid FROM ({rows}{fence}) f WHERE {among(picked)}"
            f" ORDER BY {place}f.path, f.cid LIMIT %s OFFSET %s"
        )
        ordered = [k for found in keys[:-1] for k in found]
        return [row[0] for row in _fetch(sql, [*params, *picked, *ordered, limit, start])]

    def verdicts(self) -> Iterator[tuple[int, Level | None, frozenset[Reason]]]:
        """Every open congress's level and reasons as its group's (the test that holds the
        groups to `facts.units` reads them all)."""
        rows, params = _rows(self.scope)
        by_key = {g.key: g.assessment for g in self.groups}
        for cid, _path, key in _fetch(rows, params):
            found = by_key[int(key)]
            yield cid, found.level, frozenset(found.reasons)


def survey(scope: Scope) -> Survey:
    return Survey(scope)


def counts(scope: Scope, level: Level | None = None, reason: Reason | None = None) -> Counts:
    """Every count the page and the box print (bench/risk.py times it)."""
    return Survey(scope).counts(level, reason)


class Chosen(Sequence[int]):
    """The units at risk chosen by the filters, for the paginator: counted by the survey,
    and only the page asked for read, as ids in order."""

    def __init__(self, found: Survey, level: Level | None, reason: Reason | None, total: int):
        self.found, self.level, self.reason, self.total = found, level, reason, total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.total
        if stop <= start:
            return []
        return self.found.page(self.level, self.reason, start, stop - start)
