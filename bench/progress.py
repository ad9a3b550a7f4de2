"""Benchmark: the whole country's campaign progress for one day, the app's way vs DuckDB vs a walk.

On a throw-away database holding the generated national tree (`demo_table()`,
about 330,000 organisations, loaded through `plan_import` +
`do_import_organisations`) and the demo campaign (`load_demo_campaign`, one
congress per organisation), it measures:

1. how long those loads take;
2. the reference: the app's own `progress(campaign, root, 25/05/2020)` with the
   campaign's root (TW): totals per level strictly below the root and one
   `ChildProgress` per direct child (the 63 provinces and the central blocs).
   One warm-up, then best and median of `--runs` runs, against the target of
   under 100 ms; then the same after `ANALYZE` (`VACUUM ANALYZE` on PostgreSQL);
3. for comparison, the same figures computed by DuckDB (pandas is used too when
   it is installed) over the same congress rows, exported once (the export is
   timed on its own and not part of the comparison);
4. a naive walk: each child's subtree level by level with treebeard's
   `get_children`, one congress query per list of children, counted in Python.
   A fixed, evenly spaced sample of children is walked first; the rest only if
   the whole walk is estimated to take less than `--naive-budget` seconds,
   otherwise the whole-country time is extrapolated (and said to be);
5. what `progress()` spends its time on, query by query, and the query plans.

Every way must give the same figures as the reference.

Run from the project root:
`.venv/bin/python bench/progress.py [--database-url URL] [--runs N] [--naive-budget S]`.
Without `--database-url`, a postgres:// URL in the DATABASE_URL environment
variable is used; otherwise the run is on a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import sys
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from _benchdb import add_database_argument, bench_database, best_and_median, timed

if TYPE_CHECKING:
    from daihoi.campaigns.models import Campaign
    from daihoi.campaigns.progress import Counts, Progress
    from daihoi.orgs.models import Organisation

T = TypeVar("T")
TARGET_MS = 100.0
AS_OF = dt.date(2020, 5, 25)
NAIVE_SAMPLE = 8  # children walked first, evenly spaced


def make_counts(total: int, planned: int, held: int, late: int, ahead: int) -> Counts:
    """Counts from the five figures, passing only those the app's Counts has."""
    from daihoi.campaigns.progress import Counts

    given = {"total": total, "planned": planned, "held": held, "late": late, "ahead": ahead}
    names = [f.name for f in fields(Counts)]
    unknown = set(names) - set(given)
    if unknown:
        raise SystemExit(f"Counts has figures this benchmark does not compute: {unknown}")
    return Counts(**{name: int(given[name]) for name in names})


def count_one(planned: dt.date | None, held: dt.date | None) -> Counts:
    """One congress's counts as of AS_OF, by the definitions of progress()."""
    held_by = held is not None and held <= AS_OF
    return make_counts(
        1,
        int(planned is not None and planned <= AS_OF),
        int(held_by),
        int(planned is not None and planned < AS_OF and not held_by),
        int(held_by and planned is not None and held < planned),  # type: ignore[operator]
    )


@dataclass
class Figures:
    """What progress() answers, in plain dicts: comparable between the ways."""

    by_level: dict[int, Counts]  # level id → counts strictly under the root
    children: dict[str, tuple[Counts, dict[int, Counts]]]  # child path → (own, by level)

    def normalised(self, paths: Iterable[str] | None = None) -> Figures:
        """Drop zero counts (and children left with nothing); keep only `paths` if given."""
        from daihoi.campaigns.progress import Counts

        zero = Counts()
        keep = set(paths) if paths is not None else None
        children = {}
        for path, (own, below) in self.children.items():
            if keep is not None and path not in keep:
                continue
            below = {k: v for k, v in below.items() if v != zero}
            if own != zero or below:
                children[path] = (own, below)
        by_level = {k: v for k, v in self.by_level.items() if v != zero}
        return Figures(by_level if keep is None else {}, children)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each fast way")
    parser.add_argument(
        "--naive-budget",
        type=float,
        default=180.0,
        help="walk every child naively only if that is estimated to take less (seconds)",
    )
    parser.add_argument(
        "--provinces",
        type=lambda s: s.split(","),
        default=None,
        help="only these provinces' codes, comma-separated (a quick trial; default: all)",
    )
    args = parser.parse_args()
    if not args.database_url:
        env = os.environ.get("DATABASE_URL", "")
        if env.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}:
            args.database_url = env
        elif env:
            print(f"(DATABASE_URL={env!r} is not PostgreSQL: using a temporary SQLite file)")
    return args


# --- loading -----------------------------------------------------------------


def load(provinces: list[str] | None) -> Campaign:
    from daihoi.campaigns.demo import load_demo_campaign
    from daihoi.campaigns.models import Congress
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Organisation, Structure

    structure = Structure.objects.get(code="2020")
    table, ms_table = timed(lambda: demo_table(provinces))
    plan, ms_plan = timed(lambda: plan_import(structure, table))
    result, ms_write = timed(lambda: do_import_organisations(plan, acting_user=None))
    stored = Organisation.objects.filter(structure=structure).count()
    campaign, ms_campaign = timed(lambda: load_demo_campaign(provinces, table=table))
    congresses = Congress.objects.filter(campaign=campaign).count()
    print("Load of the generated national tree and the demo campaign")
    print(f"  demo_table()               {ms_table / 1000:8.1f} s  ({len(table.rows):,} rows)")
    print(f"  plan_import()              {ms_plan / 1000:8.1f} s")
    print(f"  do_import_organisations()  {ms_write / 1000:8.1f} s  (created {result.created:,})")
    print(f"  load_demo_campaign()       {ms_campaign / 1000:8.1f} s  ({congresses:,} congresses)")
    print(f"  organisations stored       {stored:>10,}")
    print()
    return campaign


# --- the app's way -------------------------------------------------------------


def app_figures(result: Progress) -> Figures:
    return Figures(
        dict(result.by_level), {c.org.path: (c.own, dict(c.by_level)) for c in result.children}
    )


def repeat(runs: int, fn: Callable[[], T]) -> tuple[list[float], T]:
    """Run fn once to warm up, then `runs` timed times; return the timings and last result."""
    result = fn()
    samples: list[float] = []
    for _ in range(runs):
        result, ms = timed(fn)
        samples.append(ms)
    return samples, result


def shown(samples: list[float]) -> str:
    return ", ".join(f"{s:.1f}" for s in samples)


def analyze() -> float:
    """ANALYZE the database (VACUUM ANALYZE the congress table on PostgreSQL); return ms."""
    from django.db import connection

    from daihoi.campaigns.models import Congress
    from daihoi.orgs.models import Level, Organisation

    def run() -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for model in (Congress, Organisation, Level):
                    cursor.execute(
                        f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}"
                    )
            else:
                cursor.execute("ANALYZE")

    return timed(run)[1]


# --- DuckDB (and pandas) over exported rows ----------------------------------


def export_rows(campaign: Campaign, root: Organisation, csv_path: Path) -> int:
    """Write the congress rows progress() reads to a CSV file; return how many."""
    from daihoi.campaigns.models import Congress
    from daihoi.orgs.tree import subtree_q

    rows = (
        Congress.objects.filter(subtree_q(root.path, prefix="org_", include_self=False))
        .filter(campaign=campaign)
        .values_list("org_path", "level_id", "level__rank", "planned_date", "held_date")
        .order_by()
    )
    n = 0
    with csv_path.open("w", newline="") as f:
        writer = csv.writer(f)
        for path, level_id, rank, planned, held in rows.iterator(chunk_size=10_000):
            writer.writerow((path, level_id, rank, planned or "", held or ""))
            n += 1
    return n


DUCK_QUERY = """
    SELECT substr(org_path, 1, $prefix) AS prefix,
           level_id,
           length(org_path) = $prefix AS own,
           count(*) AS total,
           count(*) FILTER (WHERE planned_date <= $as_of) AS planned,
           count(*) FILTER (WHERE held_date <= $as_of) AS held,
           count(*) FILTER (WHERE planned_date < $as_of
                            AND (held_date IS NULL OR held_date > $as_of)) AS late,
           count(*) FILTER (WHERE held_date <= $as_of AND held_date < planned_date) AS ahead
    FROM congress
    WHERE (length(org_path) = $prefix AND rank = $child_rank)
       OR (length(org_path) > $prefix AND rank > $child_rank)
    GROUP BY ALL
"""


def figures_from_groups(rows: Iterable[tuple[Any, ...]]) -> Figures:
    from daihoi.campaigns.progress import Counts

    by_level: dict[int, Counts] = defaultdict(Counts)
    children: dict[str, tuple[Counts, dict[int, Counts]]] = {}
    for prefix, level_id, own, total, planned, held, late, ahead in rows:
        counts = make_counts(total, planned, held, late, ahead)
        mine, below = children.setdefault(prefix, (Counts(), {}))
        if own:
            children[prefix] = (counts, below)
        else:
            below[level_id] = counts
        by_level[level_id] += counts
    return Figures(dict(by_level), children)


def duckdb_way(csv_path: Path, root: Organisation) -> tuple[Callable[[], Figures], float]:
    """Load the CSV into an in-memory DuckDB table; return the computation and the load ms."""
    import duckdb

    con = duckdb.connect()

    def load_csv() -> None:
        con.execute(
            "CREATE TABLE congress AS SELECT * FROM read_csv(?, header = false, nullstr = '', "
            "columns = {'org_path': 'VARCHAR', 'level_id': 'INTEGER', 'rank': 'INTEGER', "
            "'planned_date': 'DATE', 'held_date': 'DATE'})",
            [str(csv_path)],
        )

    ms_load = timed(load_csv)[1]
    params = {
        "prefix": len(root.path) + root.steplen,
        "as_of": AS_OF,
        "child_rank": root.level.rank + 1,
    }

    def compute() -> Figures:
        return figures_from_groups(con.execute(DUCK_QUERY, params).fetchall())

    return compute, ms_load


def pandas_way(csv_path: Path, root: Organisation) -> tuple[Callable[[], Figures], float] | None:
    try:
        import pandas as pd
    except ImportError:
        return None

    def load_csv() -> Any:
        frame = pd.read_csv(
            csv_path,
            header=None,
            names=["org_path", "level_id", "rank", "planned_date", "held_date"],
            dtype={"org_path": str},
            parse_dates=["planned_date", "held_date"],
        )
        return frame

    frame, ms_load = timed(load_csv)
    width = len(root.path) + root.steplen
    child_rank = root.level.rank + 1
    as_of = pd.Timestamp(AS_OF)

    def compute() -> Figures:
        length = frame["org_path"].str.len()
        own = length == width
        keep = (own & (frame["rank"] == child_rank)) | (~own & (frame["rank"] > child_rank))
        f = frame[keep]
        grouped = (
            f.assign(
                prefix=f["org_path"].str.slice(0, width),
                own=own[keep],
                planned=f["planned_date"] <= as_of,
                held=f["held_date"] <= as_of,
                late=(f["planned_date"] < as_of) & ~(f["held_date"] <= as_of),
                ahead=(f["held_date"] <= as_of) & (f["held_date"] < f["planned_date"]),
            )
            .groupby(["prefix", "level_id", "own"])
            .agg(
                total=("org_path", "size"),
                planned=("planned", "sum"),
                held=("held", "sum"),
                late=("late", "sum"),
                ahead=("ahead", "sum"),
            )
            .reset_index()
        )
        return figures_from_groups(grouped.itertuples(index=False, name=None))

    return compute, ms_load


# --- the naive walk ------------------------------------------------------------


def naive_child(
    campaign: Campaign, child: Organisation, own: Counts, deeper: set[int]
) -> tuple[tuple[Counts, dict[int, Counts]], int, int]:
    """Walk one child's subtree with get_children; return (own, by level), queries, orgs seen."""
    from daihoi.campaigns.models import Congress
    from daihoi.campaigns.progress import Counts
    from daihoi.orgs.models import Organisation

    below: dict[int, Counts] = defaultdict(Counts)
    queries = seen = 0
    queue: deque[Organisation] = deque([child])
    while queue:
        node = queue.popleft()
        if node.is_leaf():  # treebeard answers a leaf's get_children without a query
            continue
        kids = list(Organisation.objects.get_children(node))
        congresses = Congress.objects.filter(
            campaign=campaign, organisation__in=[k.pk for k in kids]
        ).values_list("level_id", "planned_date", "held_date")
        for level_id, planned, held in congresses:
            if level_id in deeper:
                below[level_id] += count_one(planned, held)
        queries += 2
        seen += len(kids)
        queue.extend(kids)
    return (own, dict(below)), queries, seen


def naive_walk(
    campaign: Campaign, root: Organisation, reference: Figures, budget_s: float
) -> tuple[Figures, float, bool]:
    """Walk a sample of children, then the rest if affordable; return figures, ms, complete."""
    from daihoi.campaigns.models import Congress
    from daihoi.campaigns.progress import Counts, levels_below
    from daihoi.orgs.models import Organisation

    levels = levels_below(campaign, root)
    child_level, deeper = levels[0].pk, {lv.pk for lv in levels[1:]}
    start = time.perf_counter()
    children = list(Organisation.objects.get_children(root))
    own: dict[int, Counts] = defaultdict(Counts)
    for org_id, level_id, planned, held in Congress.objects.filter(
        campaign=campaign, organisation__in=[c.pk for c in children]
    ).values_list("organisation_id", "level_id", "planned_date", "held_date"):
        if level_id == child_level:
            own[org_id] = count_one(planned, held)
    queries, seen = 2, len(children)
    n = len(children)
    k = min(NAIVE_SAMPLE, n)
    sample = sorted({round(i * (n - 1) / (k - 1)) for i in range(k)} if k > 1 else {0})
    order = sample + [i for i in range(n) if i not in set(sample)]
    walked: dict[str, tuple[Counts, dict[int, Counts]]] = {}
    # organisations under each child, from the reference, to extrapolate by
    size = {
        path: own_c.total + sum(c.total for c in below.values())
        for path, (own_c, below) in reference.children.items()
    }
    total_size = sum(size.values())
    complete = True
    for position, i in enumerate(order):
        child = children[i]
        walked[child.path], q, s = naive_child(campaign, child, own[child.pk], deeper)
        queries += q
        seen += s
        if position == len(sample) - 1 and len(sample) < n:
            elapsed = time.perf_counter() - start
            done = sum(size.get(p, 0) for p in walked)
            estimate = elapsed * total_size / max(done, 1)
            print(
                f"  sample of {len(sample)} evenly spaced children: {elapsed:,.1f} s, "
                f"{done:,} of {total_size:,} congresses; whole walk estimated at "
                f"{estimate:,.0f} s"
            )
            if estimate > budget_s:
                complete = False
                break
    ms = (time.perf_counter() - start) * 1000
    print(
        f"  walked {len(walked)} of {n} children: {ms:,.0f} ms, {queries:,} queries "
        f"({ms * 1000 / queries:.0f} µs/query), {seen:,} organisations seen"
    )
    by_level: dict[int, Counts] = defaultdict(Counts)
    for own_c, below in walked.values():
        by_level[child_level] += own_c
        for level_id, counts in below.items():
            by_level[level_id] += counts
    if not complete:
        done = sum(size.get(p, 0) for p in walked)
        ms = ms * total_size / done
        print(
            f"  EXTRAPOLATED to the whole country by congresses counted ({done:,} of "
            f"{total_size:,}): {ms:,.0f} ms"
        )
    return Figures(dict(by_level), walked), ms, complete


# --- checking and explaining ---------------------------------------------------


def check(label: str, result: Figures, reference: Figures, *, sample: bool = False) -> None:
    if sample:
        same = result.normalised().children == reference.normalised(result.children).children
    else:
        same = result.normalised() == reference.normalised()
    what = "the walked children's" if sample else "the same"
    print(f"  {label}: {what + ' figures as the reference' if same else 'FIGURES DIFFER'}")
    if not same:
        mine, theirs = (
            result.normalised(),
            reference.normalised(result.children if sample else None),
        )
        for key in sorted(set(mine.by_level) | set(theirs.by_level)):
            if mine.by_level.get(key) != theirs.by_level.get(key):
                print(f"    level {key}: {mine.by_level.get(key)} != {theirs.by_level.get(key)}")
        for path in sorted(set(mine.children) | set(theirs.children)):
            if mine.children.get(path) != theirs.children.get(path):
                print(f"    child {path}: {mine.children.get(path)}")
                print(f"      reference: {theirs.children.get(path)}")
        raise SystemExit(f"figures differ: {label}")


def progress_phases(campaign: Campaign, root: Organisation, runs: int) -> None:
    """Time, one by one, the steps progress() takes, with the app's own calls (medians)."""
    from daihoi.campaigns import progress as module
    from daihoi.campaigns.models import Congress
    from daihoi.campaigns.progress import counts_under, levels_below
    from daihoi.orgs import tree
    from daihoi.orgs.tree import subtree_q

    many = getattr(module, "counts_under_many", None)  # the app's batched form, if it has one

    levels = levels_below(campaign, root)
    child_level, deeper = levels[0], [lv.pk for lv in levels[1:]]
    children = list(tree.children(root))
    steps: list[tuple[str, Callable[[], object]]] = [
        ("levels_below(): 1 Level query", lambda: levels_below(campaign, root)),
        ("the children, (level, path) index, 1 query", lambda: list(tree.children(root))),
        (
            "the children's own congresses, 1 query",
            lambda: list(
                Congress.objects.filter(
                    subtree_q(root.path, prefix="org_", include_self=False),
                    campaign=campaign,
                    level=child_level,
                ).only("organisation_id", "planned_date", "held_date")
            ),
        ),
    ]
    if many is not None:
        steps.append(
            (
                f"counts_under_many(), {len(children)} queries",
                lambda: many(campaign, children, AS_OF, deeper, detail=False),
            )
        )
        steps.append(
            (
                f"counts_under_many(detail=True), {len(children)} queries",
                lambda: many(campaign, children, AS_OF, deeper, detail=True),
            )
        )
    else:
        steps.append(
            (
                f"counts_under(child) x {len(children)}",
                lambda: [counts_under(campaign, c, AS_OF, deeper) for c in children],
            )
        )
    print(f"Where progress() spends its time (each step on its own, median of {runs} runs)")
    for label, fn in steps:
        samples, _ = repeat(runs, fn)
        print(f"  {label:42s} {statistics.median(samples):8.1f} ms")
    per_child = []
    for child in children:
        samples, _ = repeat(3, lambda child=child: counts_under(campaign, child, AS_OF, deeper))
        per_child.append((statistics.median(samples), child))
    per_child.sort(key=lambda x: x[0], reverse=True)
    top = ", ".join(f"{c.code} {ms:.1f} ms" for ms, c in per_child[:5])
    print(f"  slowest counts_under(): {top}")
    print()


def print_plans(campaign: Campaign, root: Organisation) -> None:
    """EXPLAIN the queries progress() runs (the first of each kind)."""
    from django.db import connection

    from daihoi.campaigns.progress import progress

    captured: list[tuple[str, Any]] = []

    def capture(execute: Callable[..., Any], sql: str, params: Any, *args: Any) -> Any:
        captured.append((sql, params))
        return execute(sql, params, *args)

    with connection.execute_wrapper(capture):
        progress(campaign, root, AS_OF)
    kinds: dict[str, tuple[str, Any]] = {}
    count: dict[str, int] = defaultdict(int)
    for sql, params in captured:
        if 'FROM "orgs_level"' in sql:
            kind = "levels_below()"
        elif 'FROM "orgs_organisation"' in sql:
            kind = "get_children(root)"
        elif "COUNT(" in sql.upper():
            kind = "counts_under(child)"
        else:
            kind = "the children's own congresses"
        kinds.setdefault(kind, (sql, params))
        count[kind] += 1
    print(f"Query plans of progress()'s {len(captured)} queries ({connection.vendor})")
    for kind, (sql, params) in kinds.items():
        print(f"  {kind} ({count[kind]} queries):")
        print(f"    {sql}")
        with connection.cursor() as cursor:
            cursor.execute(connection.ops.explain_query_prefix() + " " + sql, params)
            for row in cursor.fetchall():
                print(f"      {row[-1]}")
    print()


# --- running -----------------------------------------------------------------


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_progress") as (description, tmp):
        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        print()
        run(args.runs, args.naive_budget, tmp, args.provinces)


def run(runs: int, naive_budget: float, tmp: Path, provinces: list[str] | None) -> None:
    from django.db import connection

    from daihoi.campaigns.progress import campaign_root, progress

    campaign = load(provinces)
    root = campaign_root(campaign)
    day = AS_OF.strftime("%d/%m/%Y")

    print(f"progress(campaign, {root.code}, {day}), 1 warm-up + {runs} timed runs (ms)")
    # What `daihoi progress` computes (due, planned, held): the figure the target is about.
    app_samples, plain = repeat(runs, lambda: progress(campaign, root, AS_OF))
    print(f"  progress()                   {best_and_median(app_samples)}  [{shown(app_samples)}]")
    # The dashboard also counts late and ahead: compared with the other ways below.
    detail_samples, result = repeat(runs, lambda: progress(campaign, root, AS_OF, detail=True))
    print(
        f"  progress(detail=True)        {best_and_median(detail_samples)}  "
        f"[{shown(detail_samples)}]"
    )
    for level, counts in plain.rows():
        full = result.at(level)
        if (counts.total, counts.planned, counts.held) != (full.total, full.planned, full.held):
            raise SystemExit(f"detail=False and detail=True disagree at rank {level.rank}")
    analyze_ms = analyze()
    analysed_samples, analysed = repeat(runs, lambda: progress(campaign, root, AS_OF, detail=True))
    label = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    print(
        f"  {f'after {label} ({analyze_ms / 1000:.1f} s)':28s} "
        f"{best_and_median(analysed_samples)}  "
        f"[{shown(analysed_samples)}]"
    )
    reference = app_figures(result)
    check(f"after {label}", app_figures(analysed), reference)
    provinces = [c for c in result.children if c.org.code.isdigit() and len(c.org.code) == 2]
    print(
        f"  {len(result.children)} children ({len(provinces)} provinces, "
        f"{len(result.children) - len(provinces)} other), {len(result.levels)} levels:"
    )
    for level, counts in result.rows():
        print(
            f"    rank {level.rank} {level.short_name:24s} total {counts.total:8,}  "
            f"planned {counts.planned:8,}  held {counts.held:8,}  ({counts.percent}%)"
            + "".join(
                f"  {name} {getattr(counts, name):7,}"
                for name in ("late", "ahead")
                if hasattr(counts, name)
            )
        )
    grassroots = next(lv for lv in result.levels if lv.rank == 3)
    g = result.at(grassroots)
    print(f"  grassroots held by {day}: {g.held:,} / {g.total:,} = {g.percent}%")
    print()

    print("Same figures from the exported congress rows")
    csv_path = tmp / "congress.csv"
    exported, ms_export = timed(lambda: export_rows(campaign, root, csv_path))
    print(f"  export {exported:,} rows to CSV (not compared) {ms_export:10,.1f} ms")
    duck, ms_duck_load = duckdb_way(csv_path, root)
    print(f"  load the CSV into DuckDB (not compared) {ms_duck_load:10,.1f} ms")
    duck_samples, duck_result = repeat(runs, duck)
    print(
        f"  DuckDB GROUP BY prefix, level  {best_and_median(duck_samples)}  [{shown(duck_samples)}]"
    )
    check("DuckDB", duck_result, reference)
    pandas_samples: list[float] = []
    panda = pandas_way(csv_path, root)
    if panda is None:
        print("  pandas: not installed, skipped")
    else:
        compute, ms_pd_load = panda
        print(f"  load the CSV into pandas (not compared) {ms_pd_load:10,.1f} ms")
        pandas_samples, pd_result = repeat(runs, compute)
        print(f"  pandas groupby             {best_and_median(pandas_samples)}")
        check("pandas", pd_result, reference)
    print()

    print(f"Naive walk with get_children (budget {naive_budget:.0f} s)")
    naive, naive_ms, complete = naive_walk(campaign, root, reference, naive_budget)
    check("naive walk", naive, reference, sample=not complete)
    print()

    app = statistics.median(app_samples)
    verdict = "meets" if app < TARGET_MS else "MISSES"
    print(f"Summary (whole country as of {day}, medians)")
    print(
        f"  progress()                : {app:10,.1f} ms  {verdict} the < {TARGET_MS:.0f} ms target"
    )
    # The other ways count late and ahead too, so they are set against detail=True.
    full = statistics.median(detail_samples)
    print(f"  progress(detail=True)     : {full:10,.1f} ms  (the dashboard's figures)")
    analysed_ms = statistics.median(analysed_samples)
    print(f"  the same after statistics : {analysed_ms:10,.1f} ms")
    duck_ms = statistics.median(duck_samples)
    print(f"  DuckDB                    : {duck_ms:10,.1f} ms  app/DuckDB {full / duck_ms:,.1f}x")
    if pandas_samples:
        pd_ms = statistics.median(pandas_samples)
        print(f"  pandas                    : {pd_ms:10,.1f} ms  app/pandas {full / pd_ms:,.1f}x")
    note = "" if complete else "  (EXTRAPOLATED from a sample)"
    print(
        f"  naive walk                : {naive_ms:10,.0f} ms  "
        f"naive/app {naive_ms / full:,.0f}x{note}"
    )
    print()

    progress_phases(campaign, root, runs)
    print_plans(campaign, root)


if __name__ == "__main__":
    main()
