"""Keep the roll-up exact: rebuild a campaign's, or apply the congresses that changed.

Each congress's due and received days are stored (Ledger) as they were last added
to the roll-up. `refresh(ids)` reads them again from the congress, its submissions,
elections and recorded delegates (the reference's per-congress statement, counting.py), and
adds the difference to the roll-up: it needs to know only *which* congresses a
write touched, not what changed, and calling it twice changes nothing.

It runs inside the writer's transaction (receivers.py, signals sent synchronously),
so the roll-up commits or rolls back with the write. The congress rows are locked
first: on PostgreSQL a second writer of the same congress waits, then reads the
first one's ledger and values, so no difference is applied twice.

A campaign is kept only once it has been built (`Built`): bulk writers that bypass
the signals (the demo, test fixtures) build it after their writes, or it is read
with the reference statement until someone does (`daihoi completeness_rollup`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from daihoi.campaigns.models import Campaign, Congress
from daihoi.completeness import counting
from daihoi.completeness.models import Built, Ledger, ProgressRollup, Rollup, rules_for
from daihoi.orgs.models import Organisation

# The roll-up holds the ancestors down to this depth (1: the campaign's root). Deeper
# units read the ledger directly (rollup.py; Hà Nội's subtree in about 30 ms); one more
# level would add 631,079 rows nationally to the root's 87,222 (see bench/README.md).
ROLLUP_DEPTH = 1
OBLIGATIONS = counting.OBLIGATIONS
STEP = Organisation.steplen
# The congress's planned and held days come last: the progress roll-up's
# (progress_contributions); the obligations' days before them.
PROGRESS_DAYS = ["planned", "held"]
LEDGER_COLUMNS = (
    ["congress_id", "campaign_id", "org_path", "level_id"]
    + [f"{kind}_{o.value}" for o in OBLIGATIONS for kind in ("due", "got")]
    + PROGRESS_DAYS
)
KEY = ["campaign_id", "ancestor", "child", "level_id", "obligation", "day"]
FIGURES = ["expected", "received", "on_time"]
# The dashboard's progress (ProgressRollup): the same ancestors, no obligation.
PROGRESS_KEY = ["campaign_id", "ancestor", "child", "level_id", "day"]
PROGRESS_FIGURES = ["total", "planned", "held", "late", "ahead"]
# The day of a congress's "total" row: before any day a dashboard looks at.
EPOCH = dt.date(1, 1, 1)

Key = tuple[Any, ...]  # KEY's or PROGRESS_KEY's values
Figures = list[int]
Row = tuple[Any, ...]  # a ledger row, in LEDGER_COLUMNS' order


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type) -> str:
    return _q(model._meta.db_table)  # type: ignore[attr-defined]


def _day(value: Any) -> dt.date | None:
    # SQLite's date() answers text; PostgreSQL answers dates.
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def _values(campaign_id: int, ids: Sequence[int]) -> list[Row]:
    """The ledger rows the congresses should have now (ids of one campaign)."""
    found: list[Row] = []
    base = counting.congress_values(rules_for(campaign_id), per_row=True)
    # In chunks: SQLite takes at most 32,766 parameters in one statement.
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        marks = ", ".join(f"%(id{i})s" for i in range(len(chunk)))
        sql = f"{base} WHERE c.{_q('id')} IN ({marks})"  # noqa: S608 - names from _meta
        params = counting.parameters(
            sql, timezone.localdate(), **{f"id{i}": pk for i, pk in enumerate(chunk)}
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found.extend(
                (row[0], row[1], row[2], row[3], *(_day(v) for v in row[4:]))
                for row in cursor.fetchall()
            )
    return found


def contributions(row: Row) -> Iterator[tuple[Key, Figures]]:
    """What one ledger row adds to the roll-up, for each ancestor it counts under."""
    _pk, campaign_id, path, level_id, *days = row[: -len(PROGRESS_DAYS)]
    for depth in range(1, ROLLUP_DEPTH + 1):
        if len(path) <= depth * STEP:
            break  # a congress is counted strictly under its ancestors
        ancestor, child = path[: depth * STEP], path[: (depth + 1) * STEP]
        for index, obligation in enumerate(OBLIGATIONS):
            due, got = days[2 * index], days[2 * index + 1]
            if due is None:
                continue  # no due day: owed on no day
            base = (campaign_id, ancestor, child, level_id, obligation.value)
            yield (*base, due), [1, 0, int(got is not None and got <= due)]
            if got is not None:
                yield (*base, max(due, got)), [0, 1, 0]


def progress_contributions(row: Row) -> Iterator[tuple[Key, Figures]]:
    """What one ledger row adds to the progress roll-up (ProgressRollup's days)."""
    _pk, campaign_id, path, level_id = row[:4]
    planned, held = row[-len(PROGRESS_DAYS) :]
    for depth in range(1, ROLLUP_DEPTH + 1):
        if len(path) <= depth * STEP:
            break
        base = (campaign_id, path[: depth * STEP], path[: (depth + 1) * STEP], level_id)
        yield (*base, EPOCH), [1, 0, 0, 0, 0]
        if planned is not None:
            after = planned + dt.timedelta(days=1)
            yield (*base, planned), [0, 1, 0, 0, 0]
            yield (*base, after), [0, 0, 0, 1, 0]
            if held is not None:
                yield (*base, max(after, held)), [0, 0, 0, -1, 0]
        if held is not None:
            yield (*base, held), [0, 0, 1, 0, int(planned is not None and held < planned)]


def _add(into: dict[Key, Figures], row: Row, sign: int, of: Any = contributions) -> None:
    for key, figures in of(row):
        total = into.setdefault(key, [0] * len(figures))
        for i, n in enumerate(figures):
            total[i] += sign * n


# savepoint=False: inside the writer's transaction it adds no statement; a save made
# outside one (a shell, a script, Model.objects.create in autocommit) gets its own, which
# the row locks below need on PostgreSQL.
@transaction.atomic(savepoint=False)
def refresh(ids: Iterable[int], *, deleted: bool = False) -> int:
    """Apply to the roll-up what changed in these congresses (added, edited, or `deleted`);
    returns how many ledger rows changed. Congresses of campaigns not built are skipped."""
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    # Locked first (PostgreSQL): a second writer of the same congresses waits here.
    live = list(
        Congress.objects.select_for_update(of=("self",))
        .filter(pk__in=wanted, campaign__in=Built.objects.values("campaign"))
        .order_by("pk")
        .values_list("pk", "campaign_id")
    )
    if not live and not deleted:
        return 0  # a campaign not built: one statement, the cost to every other write
    old = {
        row[0]: row
        for row in Ledger.objects.filter(congress_id__in=wanted).values_list(*LEDGER_COLUMNS)
    }
    by_campaign: dict[int, list[int]] = defaultdict(list)
    for pk, campaign_id in live:
        by_campaign[campaign_id].append(pk)
    new = {row[0]: row for cid, pks in by_campaign.items() for row in _values(cid, pks)}
    changed = [pk for pk in sorted(set(old) | set(new)) if old.get(pk) != new.get(pk)]
    if not changed:
        return 0
    delta: dict[Key, Figures] = {}
    progress: dict[Key, Figures] = {}
    for pk in changed:
        for sign, rows in ((-1, old), (+1, new)):
            if pk in rows:
                _add(delta, rows[pk], sign)
                _add(progress, rows[pk], sign, progress_contributions)
    _apply(delta)
    _apply(progress, ProgressRollup, PROGRESS_KEY, PROGRESS_FIGURES)
    Ledger.objects.filter(congress_id__in=changed).delete()
    Ledger.objects.bulk_create(
        [Ledger(**dict(zip(LEDGER_COLUMNS, new[pk], strict=True))) for pk in changed if pk in new]
    )
    return len(changed)


def _apply(
    delta: dict[Key, Figures],
    model: type = Rollup,
    key: list[str] = KEY,
    figures: list[str] = FIGURES,
) -> None:
    """Add the differences to the roll-up rows, creating those not there yet."""
    rows = [(*k, *f) for k, f in sorted(delta.items()) if any(f)]
    if not rows:
        return
    table = _table(model)
    columns = ", ".join(_q(c) for c in key + figures)
    marks = ", ".join(["%s"] * (len(key) + len(figures)))
    sums = ", ".join(f"{_q(f)} = {table}.{_q(f)} + excluded.{_q(f)}" for f in figures)
    # Sorted by key: two writers meet the same rows in the same order (no deadlock).
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) "  # noqa: S608 - names from _meta
        f"ON CONFLICT ({', '.join(_q(c) for c in key)}) DO UPDATE SET {sums}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_adapt(row) for row in rows])


def _adapt(row: Row) -> list[Any]:
    return [connection.ops.adapt_datefield_value(v) if isinstance(v, dt.date) else v for v in row]


def rebuild(campaign: Campaign) -> int:
    """Count the campaign's roll-up again from its congresses; returns the congresses counted.

    For bulk writers (the demo, imports) and the command; a few set statements.
    """
    with transaction.atomic():
        Rollup.objects.filter(campaign=campaign).delete()
        ProgressRollup.objects.filter(campaign=campaign).delete()
        Ledger.objects.filter(campaign=campaign).delete()
        with connection.cursor() as cursor:
            select, params = _ledger_select(campaign.pk)
            columns = ", ".join(_q(c) for c in LEDGER_COLUMNS)
            cursor.execute(f"INSERT INTO {_table(Ledger)} ({columns}) {select}", params)  # noqa: S608
            counted = cursor.rowcount
            select, params = _rollup_select(campaign.pk)
            columns = ", ".join(_q(c) for c in KEY + FIGURES)
            cursor.execute(f"INSERT INTO {_table(Rollup)} ({columns}) {select}", params)  # noqa: S608
            select, params = _progress_select(campaign.pk)
            columns = ", ".join(_q(c) for c in PROGRESS_KEY + PROGRESS_FIGURES)
            cursor.execute(f"INSERT INTO {_table(ProgressRollup)} ({columns}) {select}", params)  # noqa: S608
        Built.objects.update_or_create(campaign=campaign, defaults={"built_at": timezone.now()})
        transaction.on_commit(_analyze)
    return counted


def check(campaign: Campaign) -> tuple[int, int]:
    """Compare what is kept with a count made now: (congresses whose ledger row is not
    their values now, roll-up rows not the ledger's sums). (0, 0): the roll-up is exact.

    For an operator after a bulk write that may have bypassed the signals; reads only.
    """
    select, params = _ledger_select(campaign.pk)
    with connection.cursor() as cursor:
        cursor.execute(select, params)
        now = {tuple(_day(v) if i >= 4 else v for i, v in enumerate(r)) for r in cursor.fetchall()}
        select, params = _rollup_select(campaign.pk)
        cursor.execute(select, params)
        summed = {tuple(_day(v) if i == 5 else v for i, v in enumerate(r)) for r in cursor}
        select, params = _progress_select(campaign.pk)
        cursor.execute(select, params)
        progress = {tuple(_day(v) if i == 4 else v for i, v in enumerate(r)) for r in cursor}
    kept = set(Ledger.objects.filter(campaign=campaign).values_list(*LEDGER_COLUMNS))
    rows = set(
        Rollup.objects.filter(campaign=campaign)
        .exclude(expected=0, received=0, on_time=0)
        .values_list(*KEY, *FIGURES)
    )
    progress_rows = set(
        ProgressRollup.objects.filter(campaign=campaign)
        .exclude(total=0, planned=0, held=0, late=0, ahead=0)
        .values_list(*PROGRESS_KEY, *PROGRESS_FIGURES)
    )
    progress = {r for r in progress if any(r[len(PROGRESS_KEY) :])}
    stale = {r[0] for r in now ^ kept}
    # Counted by key: a row kept with a wrong figure is one row astray, not two.
    astray = {r[: len(KEY)] for r in summed ^ rows}
    astray_progress = {r[: len(PROGRESS_KEY)] for r in progress ^ progress_rows}
    return len(stale), len(astray) + len(astray_progress)


def _ledger_select(campaign_id: int) -> tuple[str, dict[str, Any]]:
    """SELECT the ledger rows of a campaign's congresses as they are now."""
    values = counting.congress_values(rules_for(campaign_id))
    campaign = _q(Congress._meta.get_field("campaign").column)
    sql = f"{values} WHERE c.{campaign} = %(campaign)s"
    return sql, counting.parameters(sql, timezone.localdate(), campaign=campaign_id)


def _analyze() -> None:
    """Tell the planner the tables' new sizes: without statistics PostgreSQL read the
    national roll-up in 150 ms, with them in 72 ms (bench/README.md)."""
    with connection.cursor() as cursor:
        for model in (Ledger, Rollup, ProgressRollup):
            cursor.execute(f"ANALYZE {_table(model)}")


def _ancestors() -> Iterator[tuple[str, str, str]]:
    """Per depth of the roll-up, the SELECT head (campaign, ancestor, child, level), the
    FROM and WHERE over the ledger, and the GROUP BY of one part of a rebuild.

    Each part is grouped on its own before the parts are summed: ten sorts of a few
    hundred thousand rows cost less than one of millions (6.3 s → 4.0 s nationally,
    see bench/README.md)."""
    for depth in range(1, ROLLUP_DEPTH + 1):
        own, below = depth * STEP, (depth + 1) * STEP
        yield (
            f"SELECT campaign_id, SUBSTR(org_path, 1, {own}) AS ancestor, "
            f"SUBSTR(org_path, 1, {below}) AS child, level_id",
            f"FROM {_table(Ledger)} WHERE campaign_id = %(campaign)s AND LENGTH(org_path) > {own}",
            "GROUP BY campaign_id, ancestor, child, level_id, day",
        )


def _rollup_select(campaign_id: int) -> tuple[str, dict[str, Any]]:
    """SELECT the roll-up's rows from the ledger: contributions() in SQL."""
    later = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    parts: list[str] = []
    for head, where, group in _ancestors():
        for o in (ob.value for ob in OBLIGATIONS):
            parts.append(
                f"{head}, '{o}' AS obligation, due_{o} AS day, COUNT(*) AS e, 0 AS r, "
                f"SUM(CASE WHEN got_{o} <= due_{o} THEN 1 ELSE 0 END) AS t "
                f"{where} AND due_{o} IS NOT NULL {group}"
            )
            parts.append(
                f"{head}, '{o}' AS obligation, {later}(due_{o}, got_{o}) AS day, 0, COUNT(*), 0 "
                f"{where} AND due_{o} IS NOT NULL AND got_{o} IS NOT NULL {group}"
            )
    sql = (
        "SELECT campaign_id, ancestor, child, level_id, obligation, day, "  # noqa: S608
        "SUM(e), SUM(r), SUM(t) "
        f"FROM ({' UNION ALL '.join(parts)}) AS parts "
        "GROUP BY campaign_id, ancestor, child, level_id, obligation, day"
    )
    return sql, {"campaign": campaign_id}


def _progress_select(campaign_id: int) -> tuple[str, dict[str, Any]]:
    """SELECT the progress roll-up's rows from the ledger: progress_contributions() in SQL."""
    sqlite = connection.vendor == "sqlite"
    later = "MAX" if sqlite else "GREATEST"
    after = counting.shift("planned", 1)
    epoch = f"'{EPOCH.isoformat()}'" if sqlite else f"DATE '{EPOCH.isoformat()}'"
    parts: list[str] = []
    for head, where, group in _ancestors():
        # (day, [total, planned, held, late, ahead], condition).
        counted = "COUNT(*)"
        for day, figures, condition in (
            (epoch, [counted, "0", "0", "0", "0"], ""),
            ("planned", ["0", counted, "0", "0", "0"], "AND planned IS NOT NULL"),
            (after, ["0", "0", "0", counted, "0"], "AND planned IS NOT NULL"),
            (
                f"{later}({after}, held)",
                ["0", "0", "0", f"-{counted}", "0"],
                "AND planned IS NOT NULL AND held IS NOT NULL",
            ),
            (
                "held",
                ["0", "0", counted, "0", "SUM(CASE WHEN held < planned THEN 1 ELSE 0 END)"],
                "AND held IS NOT NULL",
            ),
        ):
            named = ", ".join(f"{expr} AS f{i}" for i, expr in enumerate(figures))
            parts.append(f"{head}, {day} AS day, {named} {where} {condition} {group}")
    sums = ", ".join(f"SUM(f{i})" for i in range(len(PROGRESS_FIGURES)))
    sql = (
        f"SELECT campaign_id, ancestor, child, level_id, day, {sums} "  # noqa: S608
        f"FROM ({' UNION ALL '.join(parts)}) AS parts "
        "GROUP BY campaign_id, ancestor, child, level_id, day"
    )
    return sql, {"campaign": campaign_id}


def is_built(campaign_id: int) -> bool:
    return Built.objects.filter(campaign_id=campaign_id).exists()
