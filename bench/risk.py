"""Benchmark: the early-warning page (issue 18 part 5) beside the dashboard's own time.

On a throw-away database holding the 2025 tree (`orgs.demo_live.live_table`, all 34
provinces unless `--provinces` names 2020 codes such as 20,94) and the live campaign
(`campaigns.demo_live.load_live_campaign`: today mid-campaign, congresses in every
state, approvals in bulk), it times for the national root and the largest province:

- `earlywarning.facts.units()`: every read of the page (seven grouped statements and
  one per level) and the rule over every congress not yet held below;
- the page `/canh-bao/<campaign>/<unit>/` through Django's test client, rendered;
- the dashboard `/tong-quan/<campaign>/<unit>/` with its early-warning box, and without
  it (the box's panel taken out of `campaigns.hooks.dashboard_panels`): the dashboard's
  own time, and what the box adds to it;

one warm-up, then best and median of `--runs` runs, with the query counts. The figures
are printed, not asserted.

Run from the project root:
`.venv/bin/python bench/risk.py [--database-url URL] [--runs N] [--provinces 20,94]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from _benchdb import add_database_argument, bench_database, best_and_median, timed
from completeness import repeat


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--provinces", type=lambda s: s.split(","), default=None,
        help="only the 2025 provinces that took in these 2020 codes (default: all 34)",
    )  # fmt: skip
    return parser.parse_args()


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
        from daihoi.earlywarning import facts, listing, panels
        from daihoi.orgs.actions import do_import_organisations
        from daihoi.orgs.demo_live import live_table
        from daihoi.orgs.importer import plan_import
        from daihoi.orgs.models import Organisation, Structure

        structure = Structure.objects.get(code="2025")
        table = live_table(args.provinces)
        do_import_organisations(plan_import(structure, table), acting_user=None)
        admin = User.objects.create_superuser("bench", password="bench-only-password")  # noqa: S106
        campaign, ms = timed(lambda: load_live_campaign({"": admin}))
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
        print(f"1 warm-up + {args.runs} runs, best / median (ms)")
        for org in (root, province):
            if org is None:
                continue
            slug, code = campaign.slug, org.code
            risk_url = reverse("earlywarning", args=[slug, code])
            dashboard_url = reverse("dashboard", args=[slug, code])
            units = facts.units(campaign, org, today)
            queries = count_queries(lambda o=org: facts.units(campaign, o, today))  # type: ignore[misc]
            at_risk = listing.at_risk(units)
            gather = repeat(args.runs, lambda o=org: facts.units(campaign, o, today))  # type: ignore[misc]
            assert client.get(risk_url).status_code == 200
            page_queries = count_queries(lambda u=risk_url: client.get(u))  # type: ignore[misc]
            page = repeat(args.runs, lambda u=risk_url: client.get(u))  # type: ignore[misc]
            with_box = repeat(args.runs, lambda u=dashboard_url: client.get(u))  # type: ignore[misc]
            hooks.dashboard_panels.remove(panels.dashboard_panel)
            try:
                without = repeat(args.runs, lambda u=dashboard_url: client.get(u))  # type: ignore[misc]
            finally:
                hooks.dashboard_panels.append(panels.dashboard_panel)
            print(f"  {org.name}: {len(units):,} congresses not yet held, {len(at_risk):,} at risk")
            print(f"    facts.units() ({queries} queries)    {best_and_median(gather)}")
            print(f"    risk page ({page_queries} queries)       {best_and_median(page)}")
            print(f"    dashboard with the box        {best_and_median(with_box)}")
            print(f"    dashboard without the box     {best_and_median(without)}")
            print(f"    page / dashboard (best)       {min(page) / min(without):.2f}x; "
                  f"the box adds {min(with_box) - min(without):,.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
