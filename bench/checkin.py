"""Benchmark: 1,600 delegates checked in through the real server, against a bare view.

Starts gunicorn (`daihoi.wsgi`, `--workers`, `--threads`) on a throw-away database
(SQLite in WAL mode as the project configures it, or PostgreSQL with
`--database-url` or DATABASE_URL), with one congress of 1,600 official delegates
and an open sitting. A separate process (this file with `--client`) logs in the
desks' sessions by opening the desk page (session cookie, CSRF token from the
page), then posts the 1,600 cards' signed tokens to the check-in endpoint with
aiohttp, `--concurrency` requests in flight over loopback. It prints throughput
and p50/p99 latency, then the same for `/ping/` (a bare view: no database, no
session) on the same server as the ceiling, and their ratio. Then it resends
`--repeats` cards, as a desk that lost the answer would: each must come back
"already checked in" without a new row. It asserts that no request failed and that
exactly 1,600 delegates are checked in.

Target (issue 7): at least 200 check-ins per second with p99 under 100 ms.

`--during-import ROWS` (issue 15.3): instead, runs `daihoi import-orgs` of a list of
ROWS new organisations under Lộc Bình (one transaction, as the import is all or
nothing) while the desks scan cards at `--pace` per second, each desk doing what its
script does (a 503 is resent after Retry-After, three times at most). It prints the
import's time, the scans' p50/p99/max while the import ran, the number of 5xx
answers, and how many scans still failed after the desk's retries.

Run from the project root: `.venv/bin/python bench/checkin.py [--database-url URL]`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import _loadserver as ls
from _benchdb import bench_database

DELEGATES = 1600
TARGET_RATE = 200.0
TARGET_P99_MS = 100.0


def parse_args() -> argparse.Namespace:
    parser = ls.load_parser(
        __doc__.split("\n")[0], ("--desks", 8, "desk sessions (logged-in users)")
    )
    parser.add_argument(
        "--during-import",
        type=int,
        default=0,
        metavar="ROWS",
        help="scan cards while `daihoi import-orgs` writes ROWS organisations",
    )
    parser.add_argument(
        "--pace", type=float, default=40.0, help="with --during-import: scans per second"
    )
    return parser.parse_args()


# ---------------------------------------------------------------- the load process


async def _drive(plan: dict[str, Any]) -> dict[str, Any]:
    load = ls.Load(plan["base"], plan["concurrency"], plan["server_pid"], plan["postgres"])
    base, desk_page = plan["base"], plan["base"] + plan["desk_path"]
    # Each desk: its session cookie, then the desk page gives the CSRF token.
    desks = [await load.login(c, plan["desk_path"], 'data-csrf="') for c in plan["sessions"]]
    tokens = plan["tokens"]

    async def check_in(i: int) -> str:
        session, csrf = desks[i % len(desks)]
        async with session.post(
            base + plan["checkin_path"],
            data={"token": tokens[i], "desk": f"Bàn {i % len(desks) + 1}"},
            headers={"X-CSRFToken": csrf, "Referer": desk_page},
        ) as response:
            body = await response.json(content_type=None)
        if response.status != 200 or not body.get("ok"):
            load.errors.append(f"{response.status} {body}")
        return str(body.get("code", ""))

    if plan.get("import_command"):
        return await _during_import(load, plan, desks)
    return await load.measure(check_in, len(tokens), plan["repeats"])


async def _during_import(load: ls.Load, plan: dict[str, Any], desks: list[Any]) -> dict[str, Any]:
    """Scan at a steady pace while the import runs; the desk's retry on 503 included."""
    import asyncio

    base, desk_page = plan["base"], plan["base"] + plan["desk_path"]
    tokens = plan["tokens"]
    statuses: list[int] = []
    latencies: list[float] = []  # one per scan, from first send to final answer
    failed: list[str] = []

    async def scan(i: int) -> None:
        session, csrf = desks[i % len(desks)]
        start = time.perf_counter()
        for attempt in range(4):
            try:
                async with session.post(
                    base + plan["checkin_path"],
                    data={"token": tokens[i], "desk": f"Bàn {i % len(desks) + 1}"},
                    headers={"X-CSRFToken": csrf, "Referer": desk_page},
                ) as response:
                    body = await response.json(content_type=None)
                    statuses.append(response.status)
                    wait = float(response.headers.get("Retry-After") or 1)
            except TimeoutError:
                # No answer in the client's 30 s: the desk's script would still be waiting.
                statuses.append(0)
                latencies.append((time.perf_counter() - start) * 1000)
                failed.append("no answer in 30 s")
                return
            if response.status == 503 and attempt < 3:
                await asyncio.sleep(min(wait, 5.0))
                continue
            break
        latencies.append((time.perf_counter() - start) * 1000)
        if response.status != 200 or not body.get("ok"):
            failed.append(f"{response.status} {str(body)[:120]}")

    await load.warm_up()
    started = time.perf_counter()
    # The import's progress bar goes to a file: a full pipe would stall the import.
    log = open(plan["import_log"], "wb")  # noqa: SIM115 - closed below, after the import
    importer = await asyncio.create_subprocess_exec(*plan["import_command"], stdout=log, stderr=log)
    tasks: list[asyncio.Task[None]] = []
    i = 0
    while importer.returncode is None and i < len(tokens):
        tasks.append(asyncio.create_task(scan(i)))
        i += 1
        await asyncio.sleep(1 / plan["pace"])
    await importer.wait()
    import_seconds = time.perf_counter() - started
    log.close()
    await asyncio.gather(*tasks)
    result = {
        "import_seconds": import_seconds,
        "import_returncode": importer.returncode,
        "import_log": Path(plan["import_log"]).read_bytes()[-500:].decode(errors="replace"),
        "scans": len(latencies),
        "ran_out_of_cards": i >= len(tokens),
        "during": ls.figures(import_seconds, latencies),
        "status_counts": ls.tally([str(s) for s in statuses]),
        "server_errors": sum(1 for s in statuses if s >= 500),
        "no_answer": statuses.count(0),
        "failed_after_retries": len(failed),
        "failed": failed[:5],
    }
    await load.close()
    return result


# ---------------------------------------------------------------- the setup


def build_world(desks: int, delegates: int = DELEGATES, today: bool = False) -> dict[str, Any]:
    """One province's tree, a congress at Lộc Bình with 1,600 delegates, an open sitting."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from daihoi.accounts.models import Role, User
    from daihoi.assembly.actions.sittings import do_open_sitting
    from daihoi.assembly.models import Delegate
    from daihoi.assembly.tokens import card_token
    from daihoi.lib.text import fold

    campaign, congress, org = ls.congress_at_loc_binh("bench-checkin", "Đo điểm danh")
    Delegate.objects.bulk_create(
        Delegate(congress=congress, full_name=f"Đại Biểu {i:04d}", folded_name=f"dai bieu {i:04d}")
        for i in range(delegates)
    )
    staff = User.objects.create_user(
        "bench-staff", organisation=org, roles=[Role.ORG_STAFF], full_name="Ban tổ chức"
    )
    # --during-import: a sitting of today, the one a big import on SQLite waits for.
    day = timezone.localdate() if today else dt.date(2020, 7, 20)
    sitting = do_open_sitting(
        congress, kind="official", date=day, part="morning", acting_user=staff
    )
    sessions = [
        ls.logged_in(
            User.objects.create_user(
                f"ban-{i + 1}", organisation=org, roles=[Role.ORG_STAFF], full_name=f"Bàn {i + 1}"
            )
        )
        for i in range(desks)
    ]
    tokens = [card_token(d) for d in Delegate.objects.filter(congress=congress).order_by("pk")]
    assert fold("Đại") == "dai"
    return {
        "sitting": sitting.pk,
        "sessions": sessions,
        "tokens": tokens,
        "desk_path": reverse("assembly_desk", args=[campaign.slug, org.code]),
        "checkin_path": reverse("assembly_checkin", args=[sitting.pk]),
    }


def main() -> None:
    args = parse_args()
    if ls.client_main(args, _drive):
        return
    with bench_database(args.database_url, "daihoi_bench_checkin") as (description, tmp_dir):
        from daihoi.assembly.models import CheckIn

        started = time.perf_counter()
        if args.during_import:
            during_import(args, description, tmp_dir)
            return
        world = build_world(args.desks)
        print(f"Database: {description}")
        print(
            f"Set-up: {DELEGATES:,} delegates, {args.desks} desk sessions "
            f"({time.perf_counter() - started:.1f} s)"
        )
        plan = {
            "repeats": min(args.repeats, DELEGATES),
            **{k: world[k] for k in ("sessions", "tokens", "desk_path", "checkin_path")},
        }
        result = ls.serve_and_load(args, tmp_dir, __file__, plan)
        checked = CheckIn.objects.filter(sitting_id=world["sitting"]).count()
        report(args, result, checked)


def during_import(args: argparse.Namespace, description: str, tmp_dir: Any) -> None:
    """Cards scanned while a large organisation list is imported into the same database."""
    import sys

    started = time.perf_counter()
    # Enough cards to keep scanning for two minutes at the pace.
    world = build_world(args.desks, delegates=int(args.pace * 120), today=True)
    rows = args.during_import
    source = Path(tmp_dir) / "to-chuc.csv"
    with source.open("w", encoding="utf-8") as out:
        out.write("code,parent_code,name,level\n")
        for n in range(1, rows + 1):
            out.write(f"BN-{n:06d},188,Chi bộ đo {n},3\n")
    print(f"Database: {description}")
    print(
        f"Set-up: {len(world['tokens']):,} delegates, {args.desks} desk sessions, "
        f"a list of {rows:,} organisations ({time.perf_counter() - started:.1f} s)"
    )
    daihoi = str(Path(sys.executable).parent / "daihoi")
    plan = {
        "repeats": 0,
        "pace": args.pace,
        "import_command": [daihoi, "import-orgs", str(source), "--structure", "2020"],
        "import_log": str(Path(tmp_dir) / "import.log"),
        **{k: world[k] for k in ("sessions", "tokens", "desk_path", "checkin_path")},
    }
    result = ls.serve_and_load(args, tmp_dir, __file__, plan)
    from daihoi.orgs.models import Organisation

    imported = Organisation.objects.filter(code__startswith="BN-").count()
    ls.print_server(args, f"{args.desks} desks at {args.pace:.0f} scans/s")
    d = result["during"]
    print(
        f"import of {rows:,} rows: {result['import_seconds']:.1f} s, "
        f"exit {result['import_returncode']}, {imported:,} organisations written"
    )
    if d:
        print(
            f"scans during the import: {result['scans']:,}; "
            f"p50 {d['p50']:.0f} ms, p99 {d['p99']:.0f} ms, max {d['max']:.0f} ms "
            "(a scan's time includes the desk's retries)"
        )
    print(f"answers (0: none within 30 s): {result['status_counts']}")
    print(
        f"5xx answers: {result['server_errors']}; scans failed after the desk's retries: "
        f"{result['failed_after_retries']} {result['failed']}"
    )
    if result["ran_out_of_cards"]:
        print("note: the cards ran out before the import ended")
    if result["import_returncode"] != 0:
        print(result["import_log"])


def report(args: argparse.Namespace, result: dict[str, Any], checked: int) -> None:
    c, p, r = result["measured"], result["ping"], result["repeat"]
    ls.print_server(args, f"{args.desks} desks")
    ls.print_table([("check-in (POST, JSON)", c), ("/ping/ (bare view)", p), ("resent cards", r)])
    ls.print_ratio("check-in", c, p)
    rate_ok, p99_ok = c["rate"] >= TARGET_RATE, c["p99"] < TARGET_P99_MS
    print(
        f"target ≥ {TARGET_RATE:.0f}/s: {'met' if rate_ok else 'MISSED'} "
        f"({c['rate'] / TARGET_RATE:.2f}); p99 < {TARGET_P99_MS:.0f} ms: "
        f"{'met' if p99_ok else 'MISSED'} ({c['p99'] / TARGET_P99_MS:.2f})"
    )
    print(f"answers: {result['codes']}; resent: {result['repeat_codes']}")
    print(f"check-ins in the database: {checked:,}")
    assert result["error_count"] == 0, f"{result['error_count']} errors: {result['errors']}"
    assert result["codes"] == {"checked_in": DELEGATES}, result["codes"]
    assert set(result["repeat_codes"]) <= {"already"}, result["repeat_codes"]
    assert checked == DELEGATES, f"{checked} checked in, expected exactly {DELEGATES}"
    print(f"OK: no error, exactly {DELEGATES:,} delegates checked in")


if __name__ == "__main__":
    main()
