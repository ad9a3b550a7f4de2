"""The real server and the load process shared by the load benchmarks (checkin.py, desk.py).

A load bench builds its world on a throw-away database (`_benchdb.bench_database`),
then `serve_and_load` starts `gunicorn daihoi.wsgi` on it and runs the bench file
again as a separate process (`--client`, a JSON plan) that drives the server with
aiohttp (`Load`). The client measures the endpoint, then `/ping/` (a bare view: no
database, no session, no cookie) the same number of times as the ceiling, so the
figures can be read as ratios against a bare Django view on the same server.
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
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _benchdb import add_database_argument

if TYPE_CHECKING:
    import aiohttp

    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Campaign, Congress
    from daihoi.orgs.models import Organisation

ROOT = Path(__file__).resolve().parent.parent


def load_parser(description: str, sessions: tuple[str, int, str]) -> argparse.ArgumentParser:
    """The options every load bench has; `sessions` is (flag, default, help) of its users."""
    flag, default, help_text = sessions
    parser = argparse.ArgumentParser(description=description)
    add_database_argument(parser)
    parser.set_defaults(database_url=os.environ.get("DATABASE_URL", ""))
    # As `daihoi serve --workers 4` runs it: sync workers (one thread), 2 × cores. A
    # threaded worker keeps each kept-alive connection on the worker that accepted it,
    # so some desks queue behind a busy worker while another is idle (measured: the
    # same p50 and a p99 two to three times longer).
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(flag, type=int, default=default, help=help_text)
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    parser.add_argument("--repeats", type=int, default=200, help="requests resent after the run")
    parser.add_argument(
        "--no-session-save",
        action="store_true",
        help="diagnostic: serve with SESSION_SAVE_EVERY_REQUEST off (the project's "
        "settings now have it off already)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="diagnostic: serve with this CONN_MAX_AGE instead of the settings' 60 s",
    )
    parser.add_argument("--client", help=argparse.SUPPRESS)  # the load process: a JSON plan
    return parser


# ---------------------------------------------------------------- the load process


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def figures(
    seconds: float, latencies: list[float], cpu: tuple[float, float, float] = (0.0, 0.0, 0.0)
) -> dict[str, float] | None:
    """Throughput and latency of one phase; cpu is (server, client, database) seconds."""
    if not latencies:
        return None
    n = len(latencies)
    return {
        "n": n,
        "seconds": seconds,
        "rate": n / seconds,
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 99),
        "max": max(latencies),
        "server_cpu_ms": cpu[0] * 1000 / n,
        "client_cpu_ms": cpu[1] * 1000 / n,
        "database_cpu_ms": cpu[2] * 1000 / n,
    }


def _cpu_of(pids: list[int]) -> float:
    """Processor seconds (user + system) of these processes, from /proc; 0 where it is not."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for p in pids:
        try:
            # utime and stime are fields 14 and 15; the name in brackets may hold spaces.
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def server_cpu_seconds(pid: int) -> float:
    """Processor time of a server and its worker processes."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    return _cpu_of([pid, *(int(c) for c in children)])


def database_cpu_seconds() -> float:
    """Processor time of this machine's PostgreSQL processes (backends, WAL writer …).

    On two shared cores the database's work competes with the server's; SQLite's
    runs inside the workers and is counted there already.
    """
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in {"postgres", "postmaster"}:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return _cpu_of(pids)


def tally(codes: list[str]) -> dict[str, int]:
    return {c: codes.count(c) for c in set(codes)}


class Load:
    """aiohttp sessions over one connector, `concurrency` requests in flight at most."""

    def __init__(
        self, base: str, concurrency: int, server_pid: int = 0, postgres: bool = False
    ) -> None:
        import aiohttp

        self.base = base
        self.server_pid = server_pid
        self.postgres = postgres
        self.connector = aiohttp.TCPConnector(limit=concurrency)
        self.timeout = aiohttp.ClientTimeout(total=30)
        self.semaphore = asyncio.Semaphore(concurrency)
        self.errors: list[str] = []
        self.cpu = (0.0, 0.0, 0.0)
        self.sessions: list[aiohttp.ClientSession] = []
        # No cookie: /ping/ is measured without any session.
        self.bare = self._session()

    def _session(self) -> aiohttp.ClientSession:
        import aiohttp

        session = aiohttp.ClientSession(
            connector=self.connector,
            connector_owner=False,
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=self.timeout,
        )
        self.sessions.append(session)
        return session

    async def login(self, cookie: str, page_path: str, marker: str) -> tuple[Any, str]:
        """A user's session (its cookie), and the CSRF token read from its page after `marker`."""
        session = self._session()
        session.cookie_jar.update_cookies({"sessionid": cookie})
        async with session.get(self.base + page_path) as response:
            page = await response.text()
            if response.status != 200:
                raise SystemExit(f"{page_path}: HTTP {response.status}")
        start = page.index(marker) + len(marker)
        return session, page[start : page.index('"', start)]

    async def run(
        self, send: Callable[[int], Awaitable[str]], n: int
    ) -> tuple[float, list[float], list[str]]:
        """Send requests 0 … n-1 concurrently; each request's latency and answer code.

        Also keeps the phase's processor time, the server's and this process's, in
        self.cpu (seconds), and PostgreSQL's: on two shared cores none of it is free.
        """
        latencies: list[float] = []
        codes: list[str] = []

        async def one(i: int) -> None:
            async with self.semaphore:
                start = time.perf_counter()
                code = await send(i)
                latencies.append((time.perf_counter() - start) * 1000)
            codes.append(code)

        server_before, client_before = self._server_cpu(), time.process_time()
        database_before = database_cpu_seconds() if self.postgres else 0.0
        start = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(n)))
        elapsed = time.perf_counter() - start
        self.cpu = (
            self._server_cpu() - server_before,
            time.process_time() - client_before,
            (database_cpu_seconds() - database_before) if self.postgres else 0.0,
        )
        return elapsed, latencies, codes

    def _server_cpu(self) -> float:
        return server_cpu_seconds(self.server_pid) if self.server_pid else 0.0

    async def ping(self, _i: int = 0) -> str:
        async with self.bare.get(self.base + "/ping/") as response:
            await response.read()
        if response.status != 200:
            self.errors.append(f"ping {response.status}")
        return ""

    async def warm_up(self) -> None:
        """Every worker has its imports and database connection ready."""
        for _ in range(3):
            await self.run(self.ping, 64)

    async def measure(
        self, send: Callable[[int], Awaitable[str]], n: int, repeats: int
    ) -> dict[str, Any]:
        """Requests 0 … n-1, then /ping/ n times (the ceiling), then 0 … repeats-1 again."""
        await self.warm_up()
        seconds, latencies, codes = await self.run(send, n)
        measured = figures(seconds, latencies, self.cpu)
        ping_seconds, ping_latencies, _ = await self.run(self.ping, n)
        ping = figures(ping_seconds, ping_latencies, self.cpu)
        repeat_seconds, repeat_latencies, repeat_codes = await self.run(send, repeats)
        return {
            "measured": measured,
            "ping": ping,
            "repeat": figures(repeat_seconds, repeat_latencies, self.cpu),
            "codes": tally(codes),
            "repeat_codes": tally(repeat_codes),
            **await self.close(),
        }

    async def close(self) -> dict[str, Any]:
        for session in self.sessions:
            await session.close()
        await self.connector.close()
        return {"errors": self.errors[:10], "error_count": len(self.errors)}


def client_main(
    args: argparse.Namespace, drive: Callable[[dict[str, Any]], Awaitable[Any]]
) -> bool:
    """In the load process (`--client PLAN`): drive the server, print the figures as JSON."""
    if not args.client:
        return False
    plan = json.loads(Path(args.client).read_text())
    print(json.dumps(asyncio.run(drive(plan))))
    return True


# ---------------------------------------------------------------- the setup and the server


def congress_at_loc_binh(slug: str, title: str) -> tuple[Campaign, Congress, Organisation]:
    """One province's tree (the demo table's code 20) and a congress at Lộc Bình (188)."""
    from daihoi.campaigns.actions.campaign import do_create_campaign
    from daihoi.campaigns.models import Congress
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Organisation, Structure

    structure = Structure.objects.get(code="2020")
    do_import_organisations(plan_import(structure, demo_table(["20"])), acting_user=None)
    org = Organisation.objects.get(structure=structure, code="188")
    campaign = do_create_campaign(
        slug, title, structure=structure, term_start=2020, term_end=2025, acting_user=None
    )
    congress = Congress.objects.create(
        campaign=campaign, organisation=org, org_path=org.path, level=org.level
    )
    return campaign, congress, org


def logged_in(user: User) -> str:
    """A session key for `user`, as a login through the sign-in page would leave it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


@contextmanager
def gunicorn(args: argparse.Namespace, tmp_dir: Path) -> Iterator[tuple[str, int]]:
    """`gunicorn daihoi.wsgi` on the bench database; yields its base URL and process id."""
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
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve_and_load(
    args: argparse.Namespace, tmp_dir: Path, script: str, plan: dict[str, Any]
) -> dict[str, Any]:
    """Serve the database, run `script --client` on `plan` (plus base, concurrency)."""
    from django.db import connections

    connections.close_all()  # the server's workers open their own
    with gunicorn(args, tmp_dir) as (base, pid):
        plan = {
            "base": base,
            "concurrency": args.concurrency,
            "server_pid": pid,
            "postgres": bool(args.database_url),
            **plan,
        }
        with tempfile.NamedTemporaryFile("w", suffix=".json", dir=tmp_dir, delete=False) as f:
            json.dump(plan, f)
        load = subprocess.run(  # noqa: S603
            [sys.executable, script, "--client", f.name],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if load.returncode != 0:
            raise SystemExit(f"load process failed:\n{load.stderr}")
        return dict(json.loads(load.stdout))


# ---------------------------------------------------------------- the report


def print_server(args: argparse.Namespace, users: str) -> None:
    print(
        f"gunicorn: {args.workers} workers × {args.threads} threads; client: aiohttp in another "
        f"process, {args.concurrency} requests in flight, {users}"
        + ("; SESSION_SAVE_EVERY_REQUEST off" if args.no_session_save else "")
        + (f"; CONN_MAX_AGE {args.conn_max_age}" if args.conn_max_age is not None else "")
    )


def print_table(rows: list[tuple[str, dict[str, float] | None]]) -> None:
    print(
        f"{'':28}{'requests':>9}{'per second':>12}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'server CPU':>12}{'client CPU':>12}{'database CPU':>14}"
    )
    for label, f in rows:
        if f:
            print(
                f"{label:28}{f['n']:>9,}{f['rate']:>12,.0f}{f['p50']:>9.1f}{f['p99']:>9.1f}"
                f"{f['max']:>9.1f}{f['server_cpu_ms']:>9.2f} ms{f['client_cpu_ms']:>9.2f} ms"
                + (f"{f['database_cpu_ms']:>11.2f} ms" if f["database_cpu_ms"] else "")
            )
    print(
        "(processor time per request: the server's workers, the load process and, on "
        "PostgreSQL, the database's processes; SQLite works inside the workers)"
    )


def print_ratio(name: str, measured: dict[str, float], ping: dict[str, float]) -> None:
    print(
        f"{name} / ping: throughput {measured['rate'] / ping['rate']:.2f}, "
        f"p50 latency {measured['p50'] / ping['p50']:.1f}×"
    )
