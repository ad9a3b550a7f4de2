"""Early warning counted and ordered in the database, whatever the size of the subtree.

`lib/risk.assess` is the rule; this is the same rule written as SQL CASE expressions so
that the counts by level and by reason (one grouped statement) and the page shown (the
ids of its 50 rows, ordered as `listing.at_risk` orders) never bring every congress
under a unit into Python: a district with 100,000 cells open cost seconds that way. The
rows shown are then assessed by `lib/risk` itself (`facts.units(only=...)`), for their
reasons and links. A test holds the two forms equal on random data, on both databases.

The facts are one materialised pass over the congresses not yet held (a correlated
EXISTS or latest-state per fact, each read once per row); the peers' comparison is one
number per level (`Peers.behind_until`), computed first and passed as a parameter with
the levels' deadlines and the rule's thresholds.
"""

# The statements are assembled from this module's own column names and the rule's
# conditions; every value (ids, days, dates, thresholds) goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Max,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from daihoi.assembly.models import Sitting
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Campaign,
    LevelPlan,
    Submission,
    SubmissionState,
)
from daihoi.earlywarning import facts
from daihoi.lib.risk import (
    COMPLAINT_HIGH_DAYS,
    DOCUMENTS_DAYS,
    DOCUMENTS_HIGH_DAYS,
    ESCALATE_AT,
    PERSONNEL_DAYS,
    PERSONNEL_HIGH_DAYS,
    RANK,
    Level,
    Peers,
    Reason,
)
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import Complaint, ComplaintStatus, InspectionVisit

# A congress with no day sorts after every dated one of its level (as listing.NO_DAY).
NO_DAY = 10**6
# The column of each reason's 0/1 flag in the classified rows.
COLUMN = {reason: "r_" + reason.value.replace("-", "_") for reason in Reason}
RETURNED = SubmissionState.RETURNED.value


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
    """What the statements need besides the subtree: today, the deadlines, the peers."""

    campaign: Campaign
    root: Organisation
    today: dt.date
    deadlines: dict[int, dt.date]
    by_peer: dict[tuple[int, str], Peers]

    def until(self, kind: str) -> dict[int, int]:
        """By level: the most days left at which a congress without the step is behind."""
        found = {}
        for (level_id, of), peers in self.by_peer.items():
            until = peers.behind_until() if of == kind else None
            if until is not None:
                found[level_id] = until
        return found


def scope_for(campaign: Campaign, root: Organisation, today: dt.date) -> Scope:
    """The handful of numbers the rule needs per level: two statements, one per level."""
    plans = LevelPlan.objects.filter(campaign=campaign, deadline__isnull=False)
    deadlines = {lv: day for lv, day in plans.values_list("level_id", "deadline") if day}
    below = set(
        facts.open_congresses(campaign, root, today)
        .values_list("level_id", flat=True)
        .order_by()
        .distinct()
    )
    return Scope(campaign, root, today, deadlines, facts.peers(campaign, below, today))


def _sql(query: QuerySet[Any, Any]) -> tuple[str, list[Any]]:
    sql, params = query.query.sql_with_params()
    return sql, list(params)


def _facts(scope: Scope) -> tuple[str, list[Any]]:
    """One row per congress not yet held: its day and a column per fact the rule reads
    (0/1, the latest request's state per step), each fact table read once for the subtree
    and grouped (the statements of `facts.units`), then joined: a probe per congress and
    fact cost a second on PostgreSQL for 100,000 congresses."""
    campaign, root, today = scope.campaign, scope.root, scope.today
    deadline = Case(
        *(When(level_id=lv, then=Value(day)) for lv, day in sorted(scope.deadlines.items())),
        default=Value(None),
        output_field=DateField(),
    )
    base = _sql(
        facts.open_congresses(campaign, root, today)
        .annotate(
            cid=F("pk"), path=F("org_path"), lvl=F("level_id"), plan=F("planned_date"),
            org=F("organisation_id"),
            days=DaysUntil(Coalesce("planned_date", deadline), Value(today)),
        )
        .order_by()
        .values("cid", "path", "lvl", "plan", "org", "days")
    )  # fmt: skip
    scoped = facts.related(campaign, root) & facts.not_held(today, "congress__")

    def kind_is(kind: str) -> Max:
        return Max(Case(When(kind=kind, then=Value(1)), default=Value(0)))

    approved = _sql(
        Approval.objects.filter(scoped)
        .values("congress_id")
        .annotate(d_ok=kind_is(ApprovalKind.DOCUMENTS), p_ok=kind_is(ApprovalKind.PERSONNEL))
        .order_by()
    )
    # The latest request of each step: numbered from the latest, the first kept.
    numbered = _sql(
        Submission.objects.filter(scoped)
        .annotate(
            nth=Window(
                RowNumber(),
                partition_by=[F("congress_id"), F("kind")],
                order_by=[F("submitted_at").desc(), F("pk").desc()],
            )
        )
        .order_by()
        .values("congress_id", "kind", "state", "nth")
    )
    latest = (
        "SELECT congress_id,"
        f" MAX(CASE WHEN kind = %s THEN state END) AS d_last,"
        f" MAX(CASE WHEN kind = %s THEN state END) AS p_last"
        f" FROM ({numbered[0]}) w WHERE nth = 1 GROUP BY congress_id",
        [ApprovalKind.DOCUMENTS.value, ApprovalKind.PERSONNEL.value, *numbered[1]],
    )
    complaints = _sql(
        Complaint.objects.filter(scoped, status=ComplaintStatus.OPEN, overridden_at__isnull=True)
        .values("congress_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    visits = _sql(
        InspectionVisit.objects.filter(
            facts.in_subtree(root, "unit__path"), team__campaign=campaign, follow_up_done=False
        )
        .exclude(follow_up="")
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sittings = _sql(
        Sitting.objects.filter(scoped, opened_at__isnull=False)
        .values("congress_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sql = (
        "SELECT b.cid, b.path, b.lvl, b.plan, b.days,"
        " COALESCE(a.d_ok, 0) AS d_ok, COALESCE(a.p_ok, 0) AS p_ok, s.d_last, s.p_last,"
        " CASE WHEN k.n IS NULL THEN 0 ELSE 1 END AS compl,"
        " CASE WHEN v.n IS NULL THEN 0 ELSE 1 END AS finds,"
        " CASE WHEN t.n IS NULL THEN 0 ELSE 1 END AS opened"
        f" FROM ({base[0]}) b"
        f" LEFT JOIN ({approved[0]}) a ON a.congress_id = b.cid"
        f" LEFT JOIN ({latest[0]}) s ON s.congress_id = b.cid"
        f" LEFT JOIN ({complaints[0]}) k ON k.congress_id = b.cid"
        f" LEFT JOIN ({visits[0]}) v ON v.unit_id = b.org"
        f" LEFT JOIN ({sittings[0]}) t ON t.congress_id = b.cid"
    )
    parts = (base, approved, latest, complaints, visits, sittings)
    return sql, [p for _, params in parts for p in params]


def _behind(step: str, until: dict[int, int]) -> tuple[str, list[Any]]:
    """Not approved, the day not passed, and no more days left than the level's number."""
    if not until:
        return "1 = 0", []
    ranges = " OR ".join("(lvl = %s AND days <= %s)" for _ in until)
    params = [x for level_id, days in sorted(until.items()) for x in (level_id, days)]
    return f"{step}_ok = 0 AND days >= 0 AND ({ranges})", params


def _classified(scope: Scope, twice: bool = False) -> tuple[str, list[Any]]:
    """The WITH clause whose table `c` holds the classified rows: cid, path, days, rank
    (2 high, 1 medium, 0 not at risk) and a 0/1 column per reason, as `lib/risk.assess`
    decides them; `c` is written to a temporary table when it is read `twice`."""
    facts_sql, facts_params = _facts(scope)
    returned = f"(d_ok = 0 AND d_last = '{RETURNED}') OR (p_ok = 0 AND p_last = '{RETURNED}')"
    d_behind, d_params = _behind("d", scope.until(ApprovalKind.DOCUMENTS))
    p_behind, p_params = _behind("p", scope.until(ApprovalKind.PERSONNEL))
    # (reason or high flag, condition, its parameters), in the order of assess.
    conditions: list[tuple[str, str, list[Any]]] = [
        (COLUMN[Reason.OVERDUE], "days < 0", []),
        (COLUMN[Reason.NO_DATE], "plan IS NULL", []),
        (COLUMN[Reason.DOCUMENTS], "d_ok = 0 AND days <= %s", [DOCUMENTS_DAYS]),
        ("h_documents", "d_ok = 0 AND days <= %s", [DOCUMENTS_HIGH_DAYS]),
        (COLUMN[Reason.PERSONNEL], "p_ok = 0 AND days <= %s", [PERSONNEL_DAYS]),
        ("h_personnel", "p_ok = 0 AND days <= %s", [PERSONNEL_HIGH_DAYS]),
        (COLUMN[Reason.RETURNED], returned, []),
        (COLUMN[Reason.COMPLAINTS], "compl = 1", []),
        ("h_complaints", "compl = 1 AND days <= %s", [COMPLAINT_HIGH_DAYS]),
        (COLUMN[Reason.FINDINGS], "finds = 1", []),
        (COLUMN[Reason.NO_SITTING], "plan IS NOT NULL AND days <= 0 AND opened = 0", []),
        (COLUMN[Reason.DOCUMENTS_BEHIND], d_behind, d_params),
        (COLUMN[Reason.PERSONNEL_BEHIND], p_behind, p_params),
    ]
    flags = ",\n".join(
        f"CASE WHEN {cond} THEN 1 ELSE 0 END AS {name}" for name, cond, _ in conditions
    )
    flag_params = [p for _, _, params in conditions for p in params]
    r = COLUMN
    # The reasons of high level on their own; every other reason found is medium.
    high = "r_qua_ngay + h_documents + h_personnel + h_complaints"
    medium = (
        f"({r[Reason.DOCUMENTS]} - h_documents) + ({r[Reason.PERSONNEL]} - h_personnel)"
        f" + ({r[Reason.COMPLAINTS]} - h_complaints) + {r[Reason.NO_DATE]}"
        f" + {r[Reason.RETURNED]} + {r[Reason.FINDINGS]} + {r[Reason.NO_SITTING]}"
        f" + {r[Reason.DOCUMENTS_BEHIND]} + {r[Reason.PERSONNEL_BEHIND]}"
    )
    reasons = ", ".join(COLUMN.values())
    # Each layer is read row by row, not merged into the next (which would repeat its
    # subqueries for every reference) nor written to a temporary table: OFFSET 0 is
    # the fence both databases honour.
    fence = " LIMIT -1 OFFSET 0" if connection.vendor == "sqlite" else " OFFSET 0"
    sql = (
        f"WITH f AS ({facts_sql}{fence}),\n"
        f"r AS (SELECT cid, path, days, {flags} FROM f{fence}),\n"
        f"c AS {'MATERIALIZED ' if twice else ''}(SELECT cid, path, days, {reasons},\n"
        f"  CASE WHEN {high} > 0 OR {medium} >= %s THEN {RANK[Level.HIGH]}"
        f" WHEN {medium} > 0 THEN {RANK[Level.MEDIUM]} ELSE 0 END AS rank\n"
        f"FROM r{fence})\n"
    )
    return sql, [*facts_params, *flag_params, ESCALATE_AT]


def _where(level: Level | None, reason: Reason | None) -> tuple[str, list[Any]]:
    where, params = ["rank > 0"], []
    if level is not None:
        where.append("rank = %s")
        params.append(RANK[level])
    if reason is not None:
        where.append(f"{COLUMN[reason]} = 1")
    return " AND ".join(where), params


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@dataclass(frozen=True)
class Counts:
    """The counts of one subtree: open congresses, at risk by level and by reason, chosen."""

    open: int
    by_level: dict[Level, int]
    by_reason: dict[Reason, int]
    chosen: int


def _counting(level: Level | None, reason: Reason | None) -> tuple[str, list[Any]]:
    """The select list of the counts (14 numbers) over `c`, chosen by the filters."""
    chosen, params = _where(level, reason)
    sums = ", ".join(f"SUM({column})" for column in COLUMN.values())
    sql = (
        f"COUNT(*), SUM(CASE WHEN rank = {RANK[Level.HIGH]} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN rank = {RANK[Level.MEDIUM]} THEN 1 ELSE 0 END), {sums},"
        f" SUM(CASE WHEN {chosen} THEN 1 ELSE 0 END)"
    )
    return sql, params


def _counts(row: tuple[Any, ...]) -> Counts:
    found = [int(n or 0) for n in row]
    return Counts(
        open=found[0],
        by_level={Level.HIGH: found[1], Level.MEDIUM: found[2]},
        by_reason=dict(zip(Reason, found[3:-1], strict=True)),
        chosen=found[-1],
    )


# listing.at_risk's order: the highest level first, then the nearest to their day either
# side, then the tree's order; the id last so that pages never share or skip a row.
ORDER = f"rank DESC, COALESCE(ABS(days), {NO_DAY}), path, cid"


def counts(scope: Scope, level: Level | None = None, reason: Reason | None = None) -> Counts:
    """Every count the page and the box print, in one grouped statement."""
    rows, params = _classified(scope)
    select, select_params = _counting(level, reason)
    return _counts(_fetch(f"{rows}SELECT {select} FROM c", [*params, *select_params])[0])


def page_ids(
    scope: Scope, level: Level | None, reason: Reason | None, offset: int, limit: int
) -> list[int]:
    """The ids of one page of the units at risk chosen, in order."""
    rows, params = _classified(scope)
    where, where_params = _where(level, reason)
    sql = f"{rows}SELECT cid FROM c WHERE {where} ORDER BY {ORDER} LIMIT %s OFFSET %s"
    return [row[0] for row in _fetch(sql, [*params, *where_params, limit, offset])]


def survey(
    scope: Scope, level: Level | None, reason: Reason | None, offset: int, limit: int
) -> tuple[Counts, list[int]]:
    """`counts` and `page_ids` in one statement: the rows classified once, then counted,
    and the page's ids listed after the counts' row (what the page and the box need)."""
    rows, params = _classified(scope, twice=True)
    select, select_params = _counting(level, reason)
    where, where_params = _where(level, reason)
    blanks = ", ".join(
        ["CAST(NULL AS BIGINT)"] * (select.count("SUM(") + select.count("COUNT(") - 1)
    )
    sql = (
        f"{rows}SELECT 0, {select} FROM c\n"
        f"UNION ALL SELECT * FROM (SELECT 1, cid, {blanks} FROM c WHERE {where}"
        f" ORDER BY {ORDER} LIMIT %s OFFSET %s) p"
    )
    found = _fetch(sql, [*params, *select_params, *where_params, limit, offset])
    head = next(row for row in found if row[0] == 0)
    return _counts(head[1:]), [row[1] for row in found if row[0] == 1]


def verdicts(scope: Scope) -> Iterator[tuple[int, Level | None, frozenset[Reason]]]:
    """Every open congress's level and reasons as the database decides them (the test
    that holds this form of the rule to `lib/risk` reads them all)."""
    rows, params = _classified(scope)
    columns = ", ".join(COLUMN.values())
    levels = {rank: level for level, rank in RANK.items()}
    for cid, rank, *flags in _fetch(f"{rows}SELECT cid, rank, {columns} FROM c", params):
        found = frozenset(r for r, flag in zip(Reason, flags, strict=True) if flag)
        yield cid, levels.get(rank), found


class Chosen(Sequence[int]):
    """The units at risk chosen by the filters, for Django's paginator: counted once (by
    `counts`), and only the page asked for read, as ids in order."""

    def __init__(
        self,
        scope: Scope,
        level: Level | None,
        reason: Reason | None,
        total: int,
        read: tuple[int, list[int]] = (0, []),
    ):
        self.scope, self.level, self.reason, self.total = scope, level, reason, total
        # A page already read with the counts (`survey`): its offset and its ids.
        self.read = read

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
        offset, ids = self.read
        if start == offset and stop - start <= len(ids):
            return ids[: stop - start]
        return page_ids(self.scope, self.level, self.reason, start, stop - start)
