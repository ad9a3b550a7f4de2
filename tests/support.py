"""Helpers for tests that run the real server on a database of their own."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def own_database(folder: Path, tag: str) -> Iterator[str]:
    """Yield a database URL of the suite's engine that nothing else uses.

    The shared test database holds the session's demo tree inside rolled-back
    transactions; a server in another process cannot see it, so such tests
    build their own: a SQLite file, or a PostgreSQL database made and dropped here.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{folder}/{tag}.sqlite3"
        return
    import psycopg

    name = f"daihoi_{tag}_{os.getpid()}"
    admin = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for_port(port: int, seconds: float = 30) -> None:
    """Return once something listens on the port; fail the test if nothing does in time."""
    import time

    import pytest

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"daihoi serve did not start within {seconds:.0f} s")


@contextmanager
def serving(env: dict[str, str], *options: str) -> Iterator[str]:
    """Run `daihoi serve [options]` with this environment on a free port; yield its base URL."""
    import subprocess
    import sys

    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command
        [str(Path(sys.executable).with_name("daihoi")), "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
