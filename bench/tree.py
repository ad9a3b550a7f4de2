"""Benchmark: count every province's subtree by level, the app's indexed query vs a naive walk.

On a throw-away database holding the generated national tree (`demo_table()`,
about 330,000 organisations, loaded through `plan_import` +
`do_import_organisations`), it measures:

1. how long that load takes;
2. the reference: the app's own `counts_by_level(province, levels)` for each of
   the 63 provinces (depth-2 organisations of structure 2020 with a two-digit
   code), the levels loaded once with `levels_below()` as a view of the
   provinces would. One warm-up, then best and median of `--runs` runs, against
   the target of under 50 ms for all 63;
3. for comparison, one grouped query over all provinces at once, and the naive
   walk with treebeard's `get_children` (one query per organisation that has
   children). Both must give the same counts as the reference;
4. the query plan of the reference query for one province.

Run from the project root: `.venv/bin/python bench/tree.py [--database-url URL] [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from _benchdb import add_database_argument, bench_database, best_and_median, timed

if TYPE_CHECKING:
    from daihoi.orgs.models import Level, Organisation

TARGET_MS = 50.0
LevelCounts = dict[int, int]  # level id → number of organisations (non-zero only)
ByPath = dict[str, LevelCounts]  # province path → its counts


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each indexed way")
    return parser.parse_args()


def load_tree() -> None:
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Organisation, Structure

    structure = Structure.objects.get(code="2020")
    table, ms_table = timed(demo_table)
    plan, ms_plan = timed(lambda: plan_import(structure, table))
    result, ms_write = timed(lambda: do_import_organisations(plan, acting_user=None))
    stored = Organisation.objects.filter(structure=structure).count()
    total = ms_table + ms_plan + ms_write
    print("Load of the generated national tree")
    print(f"  demo_table()               {ms_table / 1000:8.1f} s  ({len(table.rows):,} rows)")
    print(f"  plan_import()              {ms_plan / 1000:8.1f} s")
    print(f"  do_import_organisations()  {ms_write / 1000:8.1f} s  (created {result.created:,})")
    print(f"  total                      {total / 1000:8.1f} s  ({stored:,} organisations stored)")
    print()


# --- the ways of counting ----------------------------------------------------


def app_counts(provinces: list[Organisation], levels: list[Level]) -> ByPath:
    """The reference: the app's counts_by_level(), one indexed query per province."""
    from daihoi.orgs.tree import counts_by_level

    return {
        p.path: {c.level.pk: c.count for c in counts_by_level(p, levels) if c.count}
        for p in provinces
    }


def grouped_query(root: Organisation, provinces: list[Organisation]) -> ByPath:
    """One query under the root, grouped by depth-2 path prefix and level.

    Depth-2 organisations that are not provinces, and the provinces' own rows,
    are dropped in Python.
    """
    from django.db.models import Count
    from django.db.models.functions import Substr

    from daihoi.orgs.models import Organisation
    from daihoi.orgs.tree import subtree_q

    rows = (
        Organisation.objects.filter(subtree_q(root.path, include_self=False))
        .annotate(prefix=Substr("path", 1, 2 * Organisation.steplen))
        .values("prefix", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: ByPath = {p.path: {} for p in provinces}
    own_level = {p.path: p.level_id for p in provinces}
    for row in rows:
        counts = result.get(row["prefix"])
        if counts is not None and row["level"] != own_level[row["prefix"]]:
            counts[row["level"]] = row["n"]
    return result


def naive_walk(province: Organisation) -> tuple[LevelCounts, int]:
    """Walk the subtree level by level with get_children; return counts and queries used."""
    from daihoi.orgs.models import Organisation

    counts: Counter[int] = Counter()
    queries = 0
    queue: deque[Organisation] = deque([province])
    while queue:
        node = queue.popleft()
        if node.is_leaf():  # treebeard answers a leaf's get_children without a query
            continue
        queries += 1
        children = list(Organisation.objects.get_children(node))
        counts.update(child.level_id for child in children)
        queue.extend(children)
    return dict(counts), queries


# --- running -----------------------------------------------------------------


def repeat(runs: int, fn: Callable[[], ByPath]) -> tuple[list[float], ByPath]:
    """Run fn once to warm up, then `runs` timed times; return the timings and last result."""
    fn()
    samples: list[float] = []
    result: ByPath = {}
    for _ in range(runs):
        result, ms = timed(fn)
        samples.append(ms)
    return samples, result


def check(label: str, result: ByPath, reference: ByPath) -> None:
    same = result == reference
    print(f"  {label}: {'same counts as the reference' if same else 'COUNTS DIFFER'}")
    if not same:
        raise SystemExit(f"counts differ: {label}")


def print_reference_plan(province: Organisation, levels: list[Level]) -> None:
    """Capture the SQL counts_by_level() runs for one province and EXPLAIN it."""
    from django.db import connection

    from daihoi.orgs.tree import counts_by_level

    captured: list[tuple[str, Any]] = []

    def capture(execute: Callable[..., Any], sql: str, params: Any, *args: Any) -> Any:
        captured.append((sql, params))
        return execute(sql, params, *args)

    with connection.execute_wrapper(capture):
        counts_by_level(province, levels)
    (sql, params), *rest = captured
    assert not rest, "counts_by_level() is expected to run exactly one query"
    print(f"Query plan of the reference query ({connection.vendor}, province {province.code})")
    print(f"  {sql}")
    with connection.cursor() as cursor:
        cursor.execute(connection.ops.explain_query_prefix() + " " + sql, params)
        for row in cursor.fetchall():
            print(f"    {row[-1]}")


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_tree") as (description, _tmp):
        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        print()
        run(args.runs)


def run(runs: int) -> None:
    from daihoi.orgs.models import Organisation, Structure
    from daihoi.orgs.tree import levels_below

    load_tree()
    structure = Structure.objects.get(code="2020")
    root = Organisation.objects.get(structure=structure, depth=1)
    provinces = [
        o
        for o in Organisation.objects.filter(structure=structure, depth=2)
        .select_related("level")
        .order_by("path")
        if o.code.isdigit() and len(o.code) == 2
    ]
    levels = levels_below(provinces[0])  # every province is at the same level
    rank = {level.pk: level.rank for level in levels}

    print(f"Indexed counting over {len(provinces)} provinces, 1 warm-up + {runs} timed runs (ms)")
    samples, reference = repeat(runs, lambda: app_counts(provinces, levels))
    indexed = statistics.median(samples)
    shown = ", ".join(f"{s:.1f}" for s in samples)
    print(f"  counts_by_level(province, levels)  {best_and_median(samples)}  [{shown}]")
    grouped_samples, grouped = repeat(runs, lambda: grouped_query(root, provinces))
    shown = ", ".join(f"{s:.1f}" for s in grouped_samples)
    print(f"  one grouped query (prefix, level)  {best_and_median(grouped_samples)}  [{shown}]")
    check("one grouped query", grouped, reference)
    totals: Counter[int] = Counter()
    for counts in reference.values():
        totals.update(counts)
    described = ", ".join(f"rank {rank[pk]}: {n:,}" for pk, n in sorted(totals.items()))
    print(f"  organisations under the provinces: {sum(totals.values()):,} ({described})")
    print()

    print(f"Naive walk with get_children over all {len(provinces)} provinces")
    naive: ByPath = {}
    queries = 0
    start = time.perf_counter()
    for province in provinces:
        naive[province.path], used = naive_walk(province)
        queries += used
    naive_ms = (time.perf_counter() - start) * 1000
    print(f"  {naive_ms:,.0f} ms, {queries:,} queries ({naive_ms * 1000 / queries:.0f} µs/query)")
    check("naive walk", naive, reference)
    print()

    verdict = "meets" if indexed < TARGET_MS else "MISSES"
    print(f"Summary ({len(provinces)} provinces, medians)")
    print(f"  counts_by_level() : {indexed:10,.1f} ms  {verdict} the < {TARGET_MS:.0f} ms target")
    print(f"  one grouped query : {statistics.median(grouped_samples):10,.1f} ms")
    print(f"  naive walk        : {naive_ms:10,.1f} ms  naive/indexed {naive_ms / indexed:,.0f}x")
    print()

    print_reference_plan(provinces[0], levels)


if __name__ == "__main__":
    main()
