"""Benchmark: the reporting-rate summary (issue 18 part 4) beside the dashboard's progress.

On a throw-away database holding the generated tree (`demo_table()`, the whole
country unless `--provinces`) and the demo campaign (`load_demo_campaign`, one
congress per organisation, each with its own dates and steps), it times, for the
national root and for one province, `completeness.queries.summary()` (the page's
figures: five obligations by level and by direct child) beside
`campaigns.progress.progress(detail=True)` (the dashboard's own figures) on the
same root and day: one warm-up, then best and median of `--runs` runs. The page
reads the roll-up (completeness/rollup.py) for the national root and the ledger for
a province; beside them, the same summary from the reference's one grouped SQL
(counting.py, what the page ran before the roll-up), the roll-up's rebuild after the
bulk load, and the cost the roll-up adds to one write of a congress's date. The
issue's target is the whole country in under 200 ms on SQLite; the figures are
printed, not asserted.

Run from the project root:
`.venv/bin/python bench/completeness.py [--database-url URL] [--runs N] [--provinces 20,94]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from _benchdb import add_database_argument, bench_database, best_and_median, load_demo, timed
from django.db import transaction

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
        from daihoi.campaigns.models import Congress
        from daihoi.campaigns.progress import campaign_root, progress
        from daihoi.completeness.ledger import rebuild
        from daihoi.completeness.models import Rollup
        from daihoi.completeness.queries import summary
        from daihoi.orgs.models import Organisation

        demo = load_demo(args.provinces)
        structure, campaign = demo.structure, demo.campaign
        congresses = Congress.objects.filter(campaign=campaign).count()
        print(f"Loaded {len(demo.table.rows):,} organisations, {congresses:,} congresses")
        print(f"  (campaign {demo.campaign_ms / 1000:.1f} s)")
        counted, ms_build = timed(lambda: rebuild(campaign))
        rows = Rollup.objects.filter(campaign=campaign).count()
        print(
            f"  (roll-up rebuilt: {counted:,} congresses, {rows:,} rows, {ms_build / 1000:.1f} s)"
        )
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
            with unbuilt(campaign):
                old = repeat(args.runs, lambda o=org: summary(campaign, o, AS_OF))  # type: ignore[misc]
            ratio = min(ours) / min(theirs) if min(theirs) else float("nan")
            print(f"  {org.name}")
            print(f"    completeness summary()      {best_and_median(ours)}")
            print(f"    dashboard progress()        {best_and_median(theirs)}")
            print(f"    old grouped SQL (reference) {best_and_median(old)}")
            print(f"    ratio (best / best)         {ratio:.1f}x dashboard, "
                  f"{min(ours) / min(old):.3f}x old SQL")  # fmt: skip
        write_cost(campaign, args.runs)


@contextmanager
def unbuilt(campaign: object) -> Iterator[None]:
    """The campaign read as before the roll-up: the reference statement (counting.py)."""
    from daihoi.completeness.models import Built

    built_at = Built.objects.get(campaign=campaign).built_at
    Built.objects.filter(campaign=campaign).delete()
    try:
        yield
    finally:
        Built.objects.create(campaign=campaign, built_at=built_at)


def write_cost(campaign: object, runs: int) -> None:
    """One congress's planned date moved a day and back, with and without the roll-up."""
    from daihoi.campaigns.models import Congress

    congress = Congress.objects.filter(campaign=campaign, planned_date__isnull=False).last()
    assert congress is not None

    def move() -> None:
        with transaction.atomic():
            congress.planned_date += dt.timedelta(days=1)
            congress.save(update_fields=["planned_date"])
            congress.planned_date -= dt.timedelta(days=1)
            congress.save(update_fields=["planned_date"])

    kept = repeat(runs, move)
    with unbuilt(campaign):
        bare = repeat(runs, move)
    print("  One congress's planned date saved twice (a day later, then back), ms")
    print(f"    with the roll-up kept        {best_and_median(kept)}")
    print(f"    campaign not built (1 query) {best_and_median(bare)}")


if __name__ == "__main__":
    main()
