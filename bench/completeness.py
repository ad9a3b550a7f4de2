"""Benchmark: the reporting-rate summary (issue 18 part 4) beside the dashboard's progress.

On a throw-away database holding the generated tree (`demo_table()`, the whole
country unless `--provinces`) and the demo campaign (`load_demo_campaign`, one
congress per organisation, each with its own dates and steps), it times, for the
national root and for one province, `completeness.queries.summary()` (the page's
figures: five obligations by level and by direct child) beside
`campaigns.progress.progress(detail=True)` (the dashboard's own figures) on the
same root and day: one warm-up, then best and median of `--runs` runs. The issue's
target is the whole country in under 200 ms on SQLite; the figures are printed,
not asserted.

Run from the project root:
`.venv/bin/python bench/completeness.py [--database-url URL] [--runs N] [--provinces 20,94]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from _benchdb import add_database_argument, bench_database, best_and_median, timed

T = TypeVar("T")
AS_OF = dt.date(2020, 8, 31)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--provinces", type=lambda s: s.split(","), default=None,
        help="only these provinces' codes, comma-separated (default: the whole country)",
    )  # fmt: skip
    return parser.parse_args()


def repeat(runs: int, fn: Callable[[], T]) -> list[float]:
    fn()
    return [timed(fn)[1] for _ in range(runs)]


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_completeness") as (description, _tmp):
        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        from daihoi.campaigns.demo import load_demo_campaign
        from daihoi.campaigns.models import Congress
        from daihoi.campaigns.progress import campaign_root, progress
        from daihoi.completeness.queries import summary
        from daihoi.orgs.actions import do_import_organisations
        from daihoi.orgs.demo import demo_table
        from daihoi.orgs.importer import plan_import
        from daihoi.orgs.models import Organisation, Structure

        table, ms = timed(lambda: demo_table(args.provinces))
        structure = Structure.objects.get(code="2020")
        do_import_organisations(plan_import(structure, table), acting_user=None)
        campaign, ms_campaign = timed(lambda: load_demo_campaign(args.provinces, table=table))
        congresses = Congress.objects.filter(campaign=campaign).count()
        print(f"Loaded {len(table.rows):,} organisations, {congresses:,} congresses")
        print(f"  (campaign {ms_campaign / 1000:.1f} s)")
        root = campaign_root(campaign)
        province = (
            Organisation.objects.filter(structure=structure, depth=2).order_by("-numchild").first()
        )
        print(f"As of {AS_OF:%d/%m/%Y}; 1 warm-up + {args.runs} runs, best / median (ms)")
        for org in (root, province):
            if org is None:
                continue
            ours = repeat(args.runs, lambda o=org: summary(campaign, o, AS_OF))  # type: ignore[misc]
            theirs = repeat(args.runs, lambda o=org: progress(campaign, o, AS_OF, detail=True))  # type: ignore[misc]
            ratio = min(ours) / min(theirs) if min(theirs) else float("nan")
            print(f"  {org.name}")
            print(f"    completeness summary()      {best_and_median(ours)}")
            print(f"    dashboard progress()        {best_and_median(theirs)}")
            print(f"    ratio (best / best)         {ratio:.1f}x")


if __name__ == "__main__":
    main()
