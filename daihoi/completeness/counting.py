"""The reporting-rate counts as one grouped SQL statement per summary.

Each congress has its own due days (so many days before its planned date, after the
day it was held), so the comparison cannot move to the parameters' side; the date
arithmetic runs in the database with its own built-in functions (SQLite's `date()`,
PostgreSQL's date + integer), never a Python function per row, and the rows are
grouped by level and by the direct child's path before they leave the database.
The first submission of documents and of the personnel plan, and the first
announced election of delegates, join as grouped subqueries (a few rows each).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import connection

from daihoi.campaigns.models import Congress, Submission
from daihoi.elections.models import Election, ElectionKind
from daihoi.lib.completeness import Anchor, Obligation, Rule
from daihoi.personnel.models import ElectedMember

OBLIGATIONS = list(Obligation)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _col(model: type, field: str) -> str:
    return _q(model._meta.get_field(field).column)  # type: ignore[attr-defined]


def shift(expr: str, days: int) -> str:
    """The day `days` after `expr`, in the database's own date arithmetic."""
    if connection.vendor == "sqlite":
        return f"date({expr}, '{days:+d} days')"
    return f"({expr} + {days:d})"


def _local_day(expr: str) -> str:
    """The day, in the app's time zone, of a stored timestamp."""
    if connection.vendor == "sqlite":
        # Django stores aware datetimes in UTC on SQLite; the zone's offset is fixed
        # for the day looked at (Việt Nam has kept UTC+7 since 1975).
        return f"date({expr}, %(tz_offset)s)"
    return f"CAST(({expr} AT TIME ZONE %(tz_name)s) AS date)"


def _due(rule: Rule | None, planned: str, held: str) -> str:
    if rule is None:
        return "NULL"
    if rule.anchor is Anchor.BEFORE_PLANNED:
        return shift(planned, -rule.days)
    return shift(f"COALESCE({held}, {planned})", rule.days)


def _due_by_level(
    obligation: Obligation,
    rules: Mapping[int | None, Sequence[Rule]],
    level: str,
    planned: str,
    held: str,
) -> str:
    def rule_in(found: Sequence[Rule]) -> Rule | None:
        return next((r for r in found if r.obligation is obligation), None)

    default = _due(rule_in(rules[None]), planned, held)
    own = [
        (lv, _due(rule_in(found), planned, held)) for lv, found in rules.items() if lv is not None
    ]
    if not own:
        return default
    whens = " ".join(f"WHEN {int(lv)} THEN {expr}" for lv, expr in own)
    return f"CASE {level} {whens} ELSE {default} END"


def _first(model: type, at: str, kind: str, alias: str) -> str:
    table = _q(model._meta.db_table)  # type: ignore[attr-defined]
    congress, kind_col, at_col = (_col(model, f) for f in ("congress", "kind", at))
    return (
        f"LEFT JOIN (SELECT {congress} AS congress_id, MIN({at_col}) AS at FROM {table} "  # noqa: S608
        f"WHERE {kind_col} = %({alias}_kind)s AND {at_col} IS NOT NULL GROUP BY {congress}) "
        f"{alias} ON {alias}.congress_id = c.{_q('id')}"
    )


def _first_per_row(model: type, at: str, kind: str, alias: str) -> str:
    """The same as _first, as a subquery per congress: a few index probes for one congress,
    where the join would group the whole table first."""
    table = _q(model._meta.db_table)  # type: ignore[attr-defined]
    congress, kind_col, at_col = (_col(model, f) for f in ("congress", "kind", at))
    return (
        f"(SELECT MIN(f.{at_col}) FROM {table} f WHERE f.{congress} = c.{_q('id')} "  # noqa: S608
        f"AND f.{kind_col} = %({alias}_kind)s AND f.{at_col} IS NOT NULL)"
    )


def _earliest(a: str, b: str) -> str:
    """The earlier of two timestamps either of which may be missing."""
    return f"(CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL OR {a} <= {b} THEN {a} ELSE {b} END)"


def _delegates_recorded(per_row: bool) -> tuple[str, str]:
    """(join, condition): the congress recorded its delegates to the higher congress (a
    unit that ran no election in the app reports them with its results, issue 18.3)."""
    table = _q(ElectedMember._meta.db_table)
    congress, kind = _col(ElectedMember, "congress"), _col(ElectedMember, "kind")
    if per_row:
        return "", (
            f"EXISTS (SELECT 1 FROM {table} m WHERE m.{congress} = c.{_q('id')} "  # noqa: S608
            f"AND m.{kind} = %(dm_kind)s)"
        )
    return (
        f"LEFT JOIN (SELECT {congress} AS congress_id FROM {table} "  # noqa: S608
        f"WHERE {kind} = %(dm_kind)s GROUP BY {congress}) dm ON dm.congress_id = c.{_q('id')}",
        "dm.congress_id IS NOT NULL",
    )


def congress_values(rules: Mapping[int | None, Sequence[Rule]], *, per_row: bool = False) -> str:
    """SELECT each congress's id, campaign, path and level, then per obligation its due
    day (due_<o>) and the day it came in (got_<o>), then its planned and held days (the
    dashboard's progress roll-up); the caller adds the WHERE (alias c).

    Shared with the roll-up's ledger (ledger.py), which stores these values per congress
    and asks `per_row` (a few congresses: subqueries by the congress's index); the
    summary over a subtree joins grouped tables (one pass each).
    """
    c = {f: "c." + _col(Congress, f) for f in (
        "id", "campaign", "level", "org_path", "planned_date", "held_date", "preparing_at",
        "documents_approved_at", "personnel_approved_at", "reported_at",
    )}  # fmt: skip
    if per_row:
        sd, sp, de = (
            _first_per_row(Submission, "submitted_at", "documents", "sd"),
            _first_per_row(Submission, "submitted_at", "personnel", "sp"),
            _first_per_row(Election, "announced_at", ElectionKind.DELEGATES, "de"),
        )
        joins = ""
    else:
        sd, sp, de = "sd.at", "sp.at", "de.at"
        joins = " ".join(
            (
                _first(Submission, "submitted_at", "documents", "sd"),
                _first(Submission, "submitted_at", "personnel", "sp"),
                _first(Election, "announced_at", ElectionKind.DELEGATES, "de"),
            )
        )
    join, recorded = _delegates_recorded(per_row)
    received = {
        Obligation.PLAN: c["preparing_at"],
        Obligation.DOCUMENTS: f"COALESCE({sd}, {c['documents_approved_at']})",
        Obligation.PERSONNEL: f"COALESCE({sp}, {c['personnel_approved_at']})",
        Obligation.RESULTS: c["reported_at"],
        # The list comes with the announced election of delegates, or with the results
        # report of a unit that recorded its delegates without one.
        Obligation.DELEGATES: _earliest(de, f"CASE WHEN {recorded} THEN {c['reported_at']} END"),
    }
    inner = ", ".join(
        f"{_due_by_level(o, rules, c['level'], c['planned_date'], c['held_date'])} "
        f"AS due_{o.value}, {_local_day(received[o])} AS got_{o.value}"
        for o in OBLIGATIONS
    )
    return (
        f"SELECT {c['id']} AS congress_id, {c['campaign']} AS campaign_id, "  # noqa: S608
        f"{c['org_path']} AS org_path, {c['level']} AS level_id, {inner}, "
        f"{c['planned_date']} AS planned, {c['held_date']} AS held "
        f"FROM {_q(Congress._meta.db_table)} c {joins} {join}"
    )


def statement(rules: Mapping[int | None, Sequence[Rule]]) -> str:
    counts = ", ".join(
        f"COUNT(CASE WHEN due_{o} <= %(day)s THEN 1 END), "
        f"COUNT(CASE WHEN due_{o} <= %(day)s AND got_{o} <= %(day)s THEN 1 END), "
        f"COUNT(CASE WHEN due_{o} <= %(day)s AND got_{o} <= %(day)s AND got_{o} <= due_{o} "
        "THEN 1 END)"
        for o in (ob.value for ob in OBLIGATIONS)
    )
    campaign, path = _col(Congress, "campaign"), _col(Congress, "org_path")
    return (
        # Materialised, so each row's due days are computed once, not once per count.
        f"WITH dues AS MATERIALIZED ({congress_values(rules)} "  # noqa: S608 - names from _meta
        f"WHERE c.{campaign} = %(campaign)s AND c.{path} >= %(low)s "
        f"AND c.{path} <= %(high)s) "
        f"SELECT level_id, SUBSTR(org_path, 1, %(child_len)s) AS child, {counts} "
        "FROM dues GROUP BY level_id, SUBSTR(org_path, 1, %(child_len)s)"
    )


def parameters(sql: str, as_of: dt.date, **given: Any) -> dict[str, Any]:
    """The statement's parameters: the day, the zone, the kinds joined, and `given`.

    Only those the statement names: PostgreSQL's server-side binding would otherwise
    send the others too.
    """
    import zoneinfo

    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    offset = zone.utcoffset(dt.datetime.combine(as_of, dt.time(12))) or dt.timedelta(0)
    params: dict[str, Any] = {
        "day": connection.ops.adapt_datefield_value(as_of),
        "tz_offset": f"{int(offset.total_seconds()):+d} seconds",
        "tz_name": settings.TIME_ZONE,
        "sd_kind": "documents",
        "sp_kind": "personnel",
        "de_kind": ElectionKind.DELEGATES.value,
        "dm_kind": ElectionKind.DELEGATES.value,
        **given,
    }
    return {k: v for k, v in params.items() if f"%({k})s" in sql}


def count(
    rules: Mapping[int | None, Sequence[Rule]],
    *,
    campaign_id: int,
    low: str,
    high: str,
    child_len: int,
    as_of: dt.date,
) -> Iterator[tuple[int, str, list[tuple[int, int, int]]]]:
    """Yield (level id, child path, [(expected, received, on time) per obligation])."""
    sql = statement(rules)
    params = parameters(sql, as_of, campaign=campaign_id, low=low, high=high, child_len=child_len)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for level_id, child, *figures in cursor.fetchall():
            yield level_id, child, triples(figures)


def triples(figures: Sequence[int]) -> list[tuple[int, int, int]]:
    """[e1, r1, t1, e2, ...] as [(e1, r1, t1), ...], one per obligation."""
    return [(figures[i], figures[i + 1], figures[i + 2]) for i in range(0, len(figures), 3)]
