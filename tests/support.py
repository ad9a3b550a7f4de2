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
