"""Benchmark: the early-warning page (issue 18 part 5) beside the dashboard's own time.

On a throw-away database holding the 2025 tree (`orgs.demo_live.live_table`, all 34
provinces unless `--provinces` names 2020 codes such as 20,94) and the live campaign
(`campaigns.demo_live.load_live_campaign`: today mid-campaign, congresses in every
state, approvals in bulk), plus a commune with `--children` cells (100,000 by default),
every congress not yet held and dated either side of today, it times for the national
root, the largest province and that commune:

- `classify.counts()`: the counts by level and reason the page and the box print, in the
  database (one grouped statement, then the levels' peers);
- `facts.units()` over the whole subtree, as the page read it before (for comparison;
  skipped above `--python-limit` congresses);
- the page `/canh-bao/<campaign>/<unit>/` through Django's test client, rendered;
- the dashboard `/tong-quan/<campaign>/<unit>/` with its early-warning box, and without
  it (the box's panel taken out of `campaigns.hooks.dashboard_panels`): the dashboard's
  own time, and what the box adds to it;

one warm-up, then best and median of `--runs` runs of wall time and of this process's
processor time (`time.process_time`: on a loaded machine the wall time waits for a core;
on SQLite the database's work is in this process too), with the query counts. The
figures are printed, not asserted.

Run from the project root:
`.venv/bin/python bench/risk.py [--database-url URL] [--runs N] [--provinces 20,94]
[--children N]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from _benchdb import add_database_argument, add_unit_with_cells, bench_database, timed

BATCH = 5_000
BIG_CODE = "BENCH-XA100K"


def repeat(runs: int, fn: Callable[[], object]) -> tuple[list[float], list[float]]:
    """One warm-up, then `runs` runs: (wall ms, processor ms) of each."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - used) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return wall, cpu


def figures(samples: tuple[list[float], list[float]]) -> str:
    wall, cpu = samples
    return (
        f"wall {min(wall):8,.1f} / {statistics.median(wall):8,.1f} ms;"
        f" cpu {min(cpu):8,.1f} / {statistics.median(cpu):8,.1f} ms"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--provinces", type=lambda s: s.split(","), default=None,
        help="only the 2025 provinces that took in these 2020 codes (default: all 34)",
    )  # fmt: skip
    parser.add_argument("--children", type=int, default=100_000,
                        help="cells of the big commune (0: none)")  # fmt: skip
    parser.add_argument("--python-limit", type=int, default=10_000,
                        help="time facts.units() only up to this many congresses open")  # fmt: skip
    return parser.parse_args()


def analyze() -> None:
    """Give PostgreSQL's planner the statistics autovacuum keeps on a live database: fresh
    from a bulk load it estimates one open congress and loops where it should hash."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def add_big_commune(campaign: Any, province: Any, children: int, today: dt.date) -> Any:
    """A commune under `province` with `children` cells, each with a congress not held,
    planned from 30 days ago to 60 ahead (none approved: most of them at risk)."""
    from daihoi.campaigns.models import Congress
    from daihoi.orgs.models import Level

    commune_level = Level.objects.get(structure=campaign.structure, rank=province.level.rank + 1)
    cell_level = Level.objects.get(structure=campaign.structure, rank=province.level.rank + 2)
    commune, cells = add_unit_with_cells(
        province, code=BIG_CODE, name="Đảng bộ xã Thử Tải", level=commune_level,
        cell_level=cell_level, place="xã Thử Tải", children=children, batch=BATCH,
    )  # fmt: skip
    congresses = [
        Congress(campaign=campaign, organisation=commune, org_path=commune.path,
                 level=commune_level, planned_date=today + dt.timedelta(days=40))
    ]  # fmt: skip
    for i, cell in enumerate(cells.only("pk", "path").iterator(chunk_size=BATCH)):
        congresses.append(
            Congress(campaign=campaign, organisation=cell, org_path=cell.path, level=cell_level,
                     planned_date=today + dt.timedelta(days=i % 91 - 30))
        )  # fmt: skip
    Congress.objects.bulk_create(congresses, batch_size=BATCH)
    return commune


def count_queries(fn: Callable[[], object]) -> int:
    """How many statements fn sends (a wrapper: the test helper sees none on this engine)."""
    from django.db import connection

    sent: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return len(sent)


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_risk") as (description, _tmp):
        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from daihoi.accounts.models import User
        from daihoi.campaigns import hooks
        from daihoi.campaigns.demo_live import load_live_campaign
        from daihoi.campaigns.models import Congress
        from daihoi.campaigns.progress import campaign_root
        from daihoi.earlywarning import classify, facts, panels
        from daihoi.orgs.actions import do_import_organisations
        from daihoi.orgs.demo_live import live_table
        from daihoi.orgs.importer import plan_import
        from daihoi.orgs.models import Organisation, Structure

        structure = Structure.objects.get(code="2025")
        table = live_table(args.provinces)
        do_import_organisations(plan_import(structure, table), acting_user=None)
        admin = User.objects.create_superuser("bench", password="bench-only-password")  # noqa: S106
        campaign, ms = timed(lambda: load_live_campaign({"": admin}))
        analyze()
        today = timezone.localdate()
        congresses = Congress.objects.filter(campaign=campaign).count()
        print(f"Loaded {len(table.rows):,} organisations, {congresses:,} congresses "
              f"(live campaign {ms / 1000:.1f} s), today {today:%d/%m/%Y}")  # fmt: skip
        client = Client()
        client.force_login(admin)
        root = campaign_root(campaign)
        province = (
            Organisation.objects.filter(structure=structure, depth=2).order_by("-numchild").first()
        )
        print(f"1 warm-up + {args.runs} runs, best / median")
        # The big commune is added last, so that the root and the province are the demo's.
        for org in (root, province, "big"):
            if org == "big":
                if not args.children or province is None:
                    break
                org, ms = timed(lambda: add_big_commune(campaign, province, args.children, today))
                analyze()
                print(f"Added a commune of {args.children:,} cells, each open ({ms / 1000:.1f} s)")
            if org is None:
                continue
            slug, code = campaign.slug, org.code
            risk_url = reverse("earlywarning", args=[slug, code])
            dashboard_url = reverse("dashboard", args=[slug, code])
            counted = classify.counts(classify.scope_for(campaign, org, today))
            queries = count_queries(
                lambda o=org: classify.counts(classify.scope_for(campaign, o, today))  # type: ignore[misc]
            )
            count = repeat(
                args.runs,
                lambda o=org: classify.counts(classify.scope_for(campaign, o, today)),  # type: ignore[misc]
            )
            python = None
            if counted.open <= args.python_limit:
                python = repeat(args.runs, lambda o=org: facts.units(campaign, o, today))  # type: ignore[misc]
            assert client.get(risk_url).status_code == 200
            page_queries = count_queries(lambda u=risk_url: client.get(u))  # type: ignore[misc]
            page = repeat(args.runs, lambda u=risk_url: client.get(u))  # type: ignore[misc]
            box_queries = count_queries(lambda u=dashboard_url: client.get(u))  # type: ignore[misc]
            with_box = repeat(args.runs, lambda u=dashboard_url: client.get(u))  # type: ignore[misc]
            hooks.dashboard_panels.remove(panels.dashboard_panel)
            try:
                bare_queries = count_queries(lambda u=dashboard_url: client.get(u))  # type: ignore[misc]
                without = repeat(args.runs, lambda u=dashboard_url: client.get(u))  # type: ignore[misc]
            finally:
                hooks.dashboard_panels.append(panels.dashboard_panel)
            at_risk = sum(counted.by_level.values())
            print(f"  {org.name}: {counted.open:,} congresses not yet held, {at_risk:,} at risk")
            print(f"    classify.counts() ({queries} q)       {figures(count)}")
            if python is not None:
                print(f"    facts.units() whole subtree    {figures(python)}")
            print(f"    risk page ({page_queries} q)            {figures(page)}")
            print(f"    dashboard with the box ({box_queries} q) {figures(with_box)}")
            print(f"    dashboard without ({bare_queries} q)    {figures(without)}")
            print(f"    the box adds (best wall / cpu)  {min(with_box[0]) - min(without[0]):,.1f}"
                  f" / {min(with_box[1]) - min(without[1]):,.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
