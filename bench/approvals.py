"""Benchmark: the superior's approvals page (issue 18 part 2) beside the dashboard's progress.

On a throw-away database holding the generated tree (the whole country unless
`--provinces`) and the demo campaign, it times, for the national root and for the
largest province, `campaigns.queries.approval_rows()` (every read of the approvals
page: the units directly below, their congresses, approvals, latest submissions, the
levels' rules and the units below them) beside `campaigns.progress.progress(detail=True)`
(the dashboard's own figures) on the same root, and `approvals_waiting()` of each;
one warm-up, then best and median of `--runs` runs, with the query counts.

Run from the project root:
`.venv/bin/python bench/approvals.py [--database-url URL] [--runs N] [--provinces 20,94]`.
"""

from __future__ import annotations

import sys
import time

from _benchdb import bench_database, best_and_median, load_demo
from completeness import AS_OF, parse_args, repeat


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_approvals") as (description, _tmp):
        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from daihoi.campaigns.models import LevelPlan
        from daihoi.campaigns.progress import campaign_root, progress
        from daihoi.campaigns.queries import approval_rows, approvals_waiting
        from daihoi.orgs.models import Organisation

        demo = load_demo(args.provinces)
        structure, campaign = demo.structure, demo.campaign
        # Every level waits for its units below: the page reads the level under too.
        LevelPlan.objects.filter(campaign=campaign).update(lower_first="approved")
        root = campaign_root(campaign)
        province = (
            Organisation.objects.filter(structure=structure, depth=2).order_by("-numchild").first()
        )
        print(f"1 warm-up + {args.runs} runs, best / median (ms)")
        for org in (root, province):
            if org is None:
                continue
            with CaptureQueriesContext(connection) as queries:
                rows = approval_rows(campaign, org)
            ours = repeat(args.runs, lambda o=org: approval_rows(campaign, o))  # type: ignore[misc]
            waiting = repeat(args.runs, lambda o=org: list(approvals_waiting(o)[:50]))  # type: ignore[misc]
            theirs = repeat(args.runs, lambda o=org: progress(campaign, o, AS_OF, detail=True))  # type: ignore[misc]
            ratio = min(ours) / min(theirs) if min(theirs) else float("nan")
            print(f"  {org.name}: {len(rows)} units below, {len(queries)} queries")
            print(f"    approvals page approval_rows()  {best_and_median(ours)}")
            print(f"    work queue approvals_waiting()  {best_and_median(waiting)}")
            print(f"    dashboard progress()            {best_and_median(theirs)}")
            print(f"    ratio (best / best)             {ratio:.1f}x")


if __name__ == "__main__":
    main()
