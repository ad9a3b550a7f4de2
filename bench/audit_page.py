"""Benchmark: the audit trail page (`/to-chuc/<structure>/<code>/nhat-ky/`) over a large trail.

Issue 19 part 5: the trail only grows (a million entries is a few months of a campaign),
and its page must not cost more as it does. On a throw-away database with the demo tree
of `--provinces` and its accounts, `--entries` audit entries are written in bulk (spread
over every unit, one in ten a personnel entry, which the national administrator may not
read), then the page is timed for the national administrator at the root, a province's
department, Lộc Bình's and a commune's trail (as Lộc Bình's department): the first page,
page 2, a deep page (`--deep`), a page number that is not one and one past the end.

Prints, per page, the median of `--runs` runs after a warm-up: wall time, processor time
(`time.process_time`: SQLite runs in this process, so that is the server's own cost; on
PostgreSQL the database's share is elsewhere, see the wall time), and the statements run.

Run from the project root:
`.venv/bin/python bench/audit_page.py [--database-url URL] [--entries N] [--provinces 20,94]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from typing import Any

from _benchdb import add_database_argument, bench_database

BATCH = 10_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--provinces", default="20,94", type=lambda s: s.split(","))
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deep", type=int, default=200, help="the deep page's number")
    parser.add_argument("--param", default="trang", help="the page's parameter (page before 19.5)")
    return parser.parse_args()


def fill(entries: int) -> None:
    """`entries` rows in the trail, in time order, spread over every unit.

    Written in bulk past the chain (their hashes are not a chain): the page reads
    neither seq nor hash, and `verify-audit` is not what is timed here.
    """
    from daihoi.audit.models import AuditEntry
    from daihoi.orgs.models import Organisation

    orgs = list(Organisation.objects.order_by("path").values_list("pk", flat=True))
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    first = (AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    rows: list[AuditEntry] = []
    for i in range(entries):
        where = orgs[(i * 7919) % len(orgs)]
        action = "personnel.view" if i % 10 == 0 else "org.update"
        rows.append(
            AuditEntry(
                at=start + dt.timedelta(seconds=i * 10),
                actor_name="bench",
                organisation_id=where,
                organisation_ref=where,
                action=action,
                target=f"muc-{i}",
                before={"members": i},
                after={"members": i + 1},
                seq=first + i,
                hash="0" * 64,
            )
        )
        if len(rows) == BATCH:
            AuditEntry.objects.bulk_create(rows)
            rows = []
    AuditEntry.objects.bulk_create(rows)


def timed(client: Any, url: str, runs: int) -> tuple[int, float, float, int, str]:
    """(status, wall ms, processor ms, statements, the pager's text) of `url`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        return response.status_code, 0.0, 0.0, 0, ""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    text = response.content.decode()
    shown = ""
    if 'aria-current="page">' in text:
        shown = text.split('aria-current="page">', 1)[1].split("</span>", 1)[0]
    elif "<span>" in text:  # the page's own pager before issue 19.5
        shown = text.split('class="pager">', 1)[-1].split("<span>", 1)[-1].split("</span>", 1)[0]
    return (
        response.status_code,
        statistics.median(walls),
        statistics.median(cpus),
        len(queries),
        " ".join(shown.split()),
    )


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_audit") as (description, _tmp):
        from django.test import Client

        from daihoi.accounts.demo import ensure_demo_users
        from daihoi.accounts.models import User
        from daihoi.orgs.actions import do_import_organisations
        from daihoi.orgs.demo import demo_table
        from daihoi.orgs.importer import plan_import
        from daihoi.orgs.models import Structure

        print(f"Python {sys.version.split()[0]}; {description}")
        structure = Structure.objects.get(code="2020")
        do_import_organisations(
            plan_import(structure, demo_table(args.provinces)), acting_user=None
        )
        ensure_demo_users()
        start, cpu = time.perf_counter(), time.process_time()
        fill(args.entries)
        print(
            f"{args.entries:,} entries written in {time.perf_counter() - start:.1f} s "
            f"({time.process_time() - cpu:.1f} s of processor)"
        )
        deep, runs = args.deep, args.runs
        print(f"median of {runs} runs after a warm-up: wall ms, processor ms, statements, pager")
        for username, code in (
            ("quantri", "TW"),
            ("langson", "20"),
            ("locbinh", "188"),
            ("locbinh", "06553"),
        ):
            client = Client()
            client.force_login(User.objects.get(username=username))
            base = f"/to-chuc/2020/{code}/nhat-ky/"
            for label, value in (
                ("page 1", ""),
                ("page 2", "2"),
                (f"page {deep}", str(deep)),
                ("page 'x'", "x"),
                ("page 10^9", "1000000000"),
            ):
                query = f"?{args.param}={value}" if value else ""
                status, wall, cpu_ms, statements, shown = timed(client, base + query, runs)
                print(
                    f"  {username:>8} {code:>6} {label:<10} {status} {wall:8.1f} {cpu_ms:8.1f}"
                    f" {statements:3d}  {shown}"
                )


if __name__ == "__main__":
    main()
