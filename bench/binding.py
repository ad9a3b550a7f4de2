"""Benchmark: Django's own server-side binding against a hand-made prepared cursor, on PostgreSQL.

Issue 16.8 asked to keep the hand-made cursor (daihoi/db/prepared.py until 06/12/2026)
only if Django 5.2's own options did worse. Three ways of running the check-in's fixed
statements (the session lookup and the signed-in user, as web/sessions.py and
accounts/backends.py run them) and one ORM query (the same user through `User.objects`),
on one fresh PostgreSQL database:

- `client`: Django's default: parameters bound on the client, nothing prepared;
- `django`: the project's settings, Django's own `OPTIONS = {"server_side_binding": True,
  "prepare_threshold": N}`: psycopg binds on the server and prepares a statement after N
  runs, for every query the ORM sends;
- `hand-made`: the cursor the project used before (server-bound, `prepare=True` on every
  execute), kept here only as the reference it was replaced against.

For each it prints the wall time per statement seen by the client and the database
backend's own processor time per statement (read from /proc for the backend's pid, so
it needs PostgreSQL on this machine), each as a ratio to `client` measured in the same
run. Rounds alternate the modes so that a drift of the shared machine hits all three.

Run from the project root:
`.venv/bin/python bench/binding.py --database-url postgres://postgres@127.0.0.1:5432/test`
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from _benchdb import add_database_argument, bench_database

ROUNDS = 7
RUNS = 2000


def backend_cpu_seconds(pid: int) -> float:
    """The processor time (user + system) a PostgreSQL backend has used so far."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (after the command name)
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(pid: int, run: Callable[[], Any]) -> tuple[float, float]:
    """Microseconds per statement: (client wall time, backend processor time)."""
    cpu_before = backend_cpu_seconds(pid)
    start = time.perf_counter()
    for _ in range(RUNS):
        run()
    wall = time.perf_counter() - start
    cpu = backend_cpu_seconds(pid) - cpu_before
    return wall / RUNS * 1e6, cpu / RUNS * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_database_argument(parser)
    parser.add_argument("--prepare-threshold", type=int, default=1)
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("this benchmark is about PostgreSQL: give --database-url")
    with bench_database(args.database_url, "daihoi_bench_binding") as (description, _tmp):
        import psycopg
        from django.contrib.sessions.backends.db import SessionStore
        from django.db import connections
        from django.utils import timezone

        from daihoi.accounts.models import User

        class HandMadeCursor(psycopg.Cursor[Any]):
            def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
                kwargs["prepare"] = True
                return super().execute(query, params, **kwargs)

        user = User.objects.create_user("bench", password="x")  # noqa: S106 - a throw-away database
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session.create()
        key = session.session_key

        default_options = connections.settings["default"].get("OPTIONS", {})
        connections.settings["django_binding"] = {
            **connections.settings["default"],
            "OPTIONS": {
                **default_options,
                "server_side_binding": True,
                "prepare_threshold": args.prepare_threshold,
            },
        }
        connections.settings["client_binding"] = {
            **connections.settings["default"],
            "OPTIONS": {
                k: v
                for k, v in default_options.items()
                if k not in ("server_side_binding", "prepare_threshold")
            },
        }
        plain = connections["django_binding"]
        client = connections["client_binding"]

        def hand_made() -> Any:
            client.ensure_connection()
            if client.connection.prepare_threshold is None:
                # Django's None turns preparing off even where a statement asks for it;
                # the hand-made cursor set a threshold nothing reaches, as here.
                client.connection.prepare_threshold = 2**31 - 1
            return HandMadeCursor(client.connection)

        session_sql = (
            "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"
        )
        user_sql = "SELECT id, username, is_active FROM accounts_user WHERE id = %s"

        def statements(cursor_for: Callable[[], Any], conn: Any) -> Callable[[], None]:
            def run() -> None:
                with cursor_for() as cursor:
                    now = conn.ops.adapt_datetimefield_value(timezone.now())
                    cursor.execute(session_sql, [key, now])
                    cursor.fetchone()
                    cursor.execute(user_sql, [user.pk])
                    cursor.fetchone()

            return run

        def orm(alias: str) -> Callable[[], None]:
            def run() -> None:
                User.objects.using(alias).filter(pk=user.pk, is_active=True).first()

            return run

        modes: dict[str, tuple[Any, Callable[[], None]]] = {
            "client": (client, statements(client.cursor, client)),
            "django": (plain, statements(plain.cursor, plain)),
            "hand-made": (client, statements(hand_made, client)),
            "orm, client": (client, orm("client_binding")),
            "orm, django": (plain, orm("django_binding")),
        }
        pids: dict[str, int] = {}
        for name, (conn, run) in modes.items():
            run()  # connect, warm up, let `django` reach its threshold
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pids[name] = cursor.fetchone()[0]
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in modes}
        for _ in range(ROUNDS):
            for name, (_conn, run) in modes.items():
                samples[name].append(measure(pids[name], run))

        print(description)
        print(f"{ROUNDS} rounds of {RUNS:,} runs each, alternated; medians per run")
        print("(2 statements per run for the first three modes, 1 query for the ORM ones),")
        print(f"Django's prepare_threshold = {args.prepare_threshold}\n")
        print(f"{'mode':<14}{'wall µs':>10}{'× client':>10}{'db cpu µs':>12}{'× client':>10}")
        base: dict[str, tuple[float, float]] = {}
        for name, rows in samples.items():
            wall = statistics.median(r[0] for r in rows)
            cpu = statistics.median(r[1] for r in rows)
            ref = "orm, client" if name.startswith("orm") else "client"
            base.setdefault(name, (wall, cpu))
            ref_wall, ref_cpu = base[ref]
            print(
                f"{name:<14}{wall:>10.1f}{wall / ref_wall:>10.2f}"
                f"{cpu:>12.1f}{(cpu / ref_cpu if ref_cpu else float('nan')):>10.2f}"
            )
        plain.close()
        client.close()


if __name__ == "__main__":
    main()
