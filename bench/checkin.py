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

Run from the project root: `.venv/bin/python bench/checkin.py [--database-url URL]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _benchdb import add_database_argument, bench_database

DELEGATES = 1600
TARGET_RATE = 200.0
TARGET_P99_MS = 100.0
ROOT = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_database_argument(parser)
    parser.set_defaults(database_url=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--desks", type=int, default=8, help="desk sessions (logged-in users)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    parser.add_argument("--repeats", type=int, default=200, help="cards resent after the run")
    parser.add_argument(
        "--no-session-save",
        action="store_true",
        help="diagnostic: serve with SESSION_SAVE_EVERY_REQUEST off, to show what saving "
        "the session on every request costs",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="diagnostic: serve with this CONN_MAX_AGE (the settings give SQLite 0: a new "
        "connection, and its schema read, per request)",
    )
    parser.add_argument("--client", help=argparse.SUPPRESS)  # the load process: a JSON plan
    return parser.parse_args()


# ---------------------------------------------------------------- the load process


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def _drive(plan: dict[str, Any]) -> dict[str, Any]:
    import aiohttp

    base = plan["base"]
    connector = aiohttp.TCPConnector(limit=plan["concurrency"])
    timeout = aiohttp.ClientTimeout(total=30)
    desks = []
    # Each desk: its session cookie, then the desk page gives the CSRF token.
    for cookie in plan["sessions"]:
        jar = aiohttp.CookieJar(unsafe=True)
        session = aiohttp.ClientSession(
            connector=connector, connector_owner=False, cookie_jar=jar, timeout=timeout
        )
        session.cookie_jar.update_cookies({"sessionid": cookie})
        async with session.get(base + plan["desk_path"]) as response:
            page = await response.text()
            if response.status != 200:
                raise SystemExit(f"desk page: HTTP {response.status}")
        marker = 'data-csrf="'
        start = page.index(marker) + len(marker)
        desks.append((session, page[start : page.index('"', start)]))

    semaphore = asyncio.Semaphore(plan["concurrency"])
    errors: list[str] = []

    async def check_in(i: int, token: str, latencies: list[float], codes: list[str]) -> None:
        session, csrf = desks[i % len(desks)]
        async with semaphore:
            start = time.perf_counter()
            async with session.post(
                base + plan["checkin_path"],
                data={"token": token, "desk": f"Bàn {i % len(desks) + 1}"},
                headers={"X-CSRFToken": csrf, "Referer": base + plan["desk_path"]},
            ) as response:
                body = await response.json(content_type=None)
            latencies.append((time.perf_counter() - start) * 1000)
        if response.status != 200 or not body.get("ok"):
            errors.append(f"{response.status} {body}")
        codes.append(body.get("code", ""))

    # No cookie: with a session cookie, SESSION_SAVE_EVERY_REQUEST would write the session.
    bare = aiohttp.ClientSession(connector=connector, connector_owner=False, timeout=timeout)

    async def ping(latencies: list[float]) -> None:
        session = bare
        async with semaphore:
            start = time.perf_counter()
            async with session.get(base + "/ping/") as response:
                await response.read()
            latencies.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            errors.append(f"ping {response.status}")

    async def run(make: Any, n: int) -> tuple[float, list[float], list[str]]:
        latencies: list[float] = []
        codes: list[str] = []
        start = time.perf_counter()
        await asyncio.gather(*(make(i, latencies, codes) for i in range(n)))
        return time.perf_counter() - start, latencies, codes

    tokens = plan["tokens"]
    # Warm-up: every worker has its imports and database connection ready.
    for _ in range(3):
        await run(lambda i, lat, codes: ping(lat), 64)
    seconds, latencies, codes = await run(
        lambda i, lat, codes: check_in(i, tokens[i], lat, codes), len(tokens)
    )
    ping_seconds, ping_latencies, _ = await run(lambda i, lat, codes: ping(lat), len(tokens))
    repeat_seconds, repeat_latencies, repeat_codes = await run(
        lambda i, lat, codes: check_in(i, tokens[i], lat, codes), plan["repeats"]
    )
    for session, _csrf in desks:
        await session.close()
    await bare.close()
    await connector.close()

    def figures(secs: float, lat: list[float]) -> dict[str, float]:
        return {
            "n": len(lat),
            "seconds": secs,
            "rate": len(lat) / secs,
            "p50": statistics.median(lat),
            "p99": percentile(lat, 99),
            "max": max(lat),
        }

    return {
        "checkin": figures(seconds, latencies),
        "ping": figures(ping_seconds, ping_latencies),
        "repeat": figures(repeat_seconds, repeat_latencies) if repeat_latencies else None,
        "codes": {c: codes.count(c) for c in set(codes)},
        "repeat_codes": {c: repeat_codes.count(c) for c in set(repeat_codes)},
        "errors": errors[:10],
        "error_count": len(errors),
    }


def client_main(plan_file: str) -> None:
    plan = json.loads(Path(plan_file).read_text())
    print(json.dumps(asyncio.run(_drive(plan))))


# ---------------------------------------------------------------- the setup and the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_world(desks: int) -> dict[str, Any]:
    """One province's tree, a congress at Lộc Bình with 1,600 delegates, an open sitting."""
    import datetime as dt

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse

    from daihoi.accounts.models import Role, User
    from daihoi.assembly.actions import card_token, do_open_sitting
    from daihoi.assembly.models import Delegate
    from daihoi.campaigns.actions import do_create_campaign
    from daihoi.campaigns.models import Congress
    from daihoi.lib.text import fold
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Organisation, Structure

    structure = Structure.objects.get(code="2020")
    do_import_organisations(plan_import(structure, demo_table(["20"])), acting_user=None)
    org = Organisation.objects.get(structure=structure, code="188")
    campaign = do_create_campaign(
        "bench-checkin", "Đo điểm danh", structure=structure, term_start=2020, term_end=2025,
        acting_user=None,
    )  # fmt: skip
    congress = Congress.objects.create(
        campaign=campaign, organisation=org, org_path=org.path, level=org.level
    )
    Delegate.objects.bulk_create(
        Delegate(congress=congress, full_name=f"Đại Biểu {i:04d}", folded_name=f"dai bieu {i:04d}")
        for i in range(DELEGATES)
    )
    staff = User.objects.create_user(
        "bench-staff", organisation=org, roles=[Role.ORG_STAFF], full_name="Ban tổ chức"
    )
    sitting = do_open_sitting(
        congress, kind="official", date=dt.date(2020, 7, 20), part="morning", acting_user=staff
    )
    sessions = []
    for i in range(desks):
        user = User.objects.create_user(
            f"ban-{i + 1}", organisation=org, roles=[Role.ORG_STAFF], full_name=f"Bàn {i + 1}"
        )
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    tokens = [card_token(d) for d in Delegate.objects.filter(congress=congress).order_by("pk")]
    assert fold("Đại") == "dai"
    return {
        "sitting": sitting.pk,
        "sessions": sessions,
        "tokens": tokens,
        "desk_path": reverse("assembly_desk", args=[campaign.slug, org.code]),
        "checkin_path": reverse("assembly_checkin", args=[sitting.pk]),
    }


def wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    import urllib.request

    for _ in range(200):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before it answered")
        try:
            with urllib.request.urlopen(base + "/ping/", timeout=1) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer /ping/")


def main() -> None:
    args = parse_args()
    if args.client:
        client_main(args.client)
        return
    with bench_database(args.database_url, "daihoi_bench_checkin") as (description, tmp_dir):
        from daihoi.assembly.models import CheckIn

        started = time.perf_counter()
        world = build_world(args.desks)
        from django.db import connections

        connections.close_all()
        print(f"Database: {description}")
        print(
            f"Set-up: {DELEGATES:,} delegates, {args.desks} desk sessions "
            f"({time.perf_counter() - started:.1f} s)"
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "DAIHOI_DEBUG": "", "PYTHONPATH": str(ROOT)}
        overrides = []
        if args.no_session_save:
            overrides.append("SESSION_SAVE_EVERY_REQUEST = False")
        if args.conn_max_age is not None:
            overrides.append(f'DATABASES["default"]["CONN_MAX_AGE"] = {args.conn_max_age}')
        if overrides:
            (tmp_dir / "bench_settings.py").write_text(
                "\n".join(["from daihoi.settings import *  # noqa: F403", *overrides, ""])
            )
            env["PYTHONPATH"] = f"{tmp_dir}{os.pathsep}{ROOT}"
            env["DJANGO_SETTINGS_MODULE"] = "bench_settings"
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "daihoi.wsgi",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],  # fmt: skip
            cwd=ROOT,
            env=env,
        )
        try:
            wait_for(base, server)
            plan = {
                "base": base,
                "concurrency": args.concurrency,
                "repeats": min(args.repeats, DELEGATES),
                **{k: world[k] for k in ("sessions", "tokens", "desk_path", "checkin_path")},
            }
            with tempfile.NamedTemporaryFile("w", suffix=".json", dir=tmp_dir, delete=False) as f:
                json.dump(plan, f)
            load = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--client", f.name],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            if load.returncode != 0:
                raise SystemExit(f"load process failed:\n{load.stderr}")
            result = json.loads(load.stdout)
        finally:
            server.terminate()
            server.wait(timeout=30)
        checked = CheckIn.objects.filter(sitting_id=world["sitting"]).count()
        report(args, result, checked)
        connections.close_all()


def report(args: argparse.Namespace, result: dict[str, Any], checked: int) -> None:
    c, p, r = result["checkin"], result["ping"], result["repeat"]
    print(
        f"gunicorn: {args.workers} workers × {args.threads} threads; client: aiohttp in another "
        f"process, {args.concurrency} requests in flight, {args.desks} desks"
        + ("; SESSION_SAVE_EVERY_REQUEST off" if args.no_session_save else "")
        + (f"; CONN_MAX_AGE {args.conn_max_age}" if args.conn_max_age is not None else "")
    )
    print(f"{'':28}{'requests':>9}{'per second':>12}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for label, f in (("check-in (POST, JSON)", c), ("/ping/ (bare view)", p), ("resent cards", r)):
        if f:
            print(
                f"{label:28}{f['n']:>9,}{f['rate']:>12,.0f}{f['p50']:>9.1f}{f['p99']:>9.1f}"
                f"{f['max']:>9.1f}"
            )
    print(
        f"check-in / ping: throughput {c['rate'] / p['rate']:.2f}, "
        f"p50 latency {c['p50'] / p['p50']:.1f}×"
    )
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
