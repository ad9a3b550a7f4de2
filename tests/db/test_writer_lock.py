"""The SQLite backend's writer lock: taken with a transaction, let go at its end.

These tests open their own database file with the backend, whatever engine the
suite runs on, since the lock is a property of the SQLite files a server writes.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import OperationalError

from daihoi.db.sqlite3.base import DatabaseWrapper


@pytest.fixture(autouse=True)
def own_database(django_db_blocker: Any) -> Any:
    """Not the suite's test database: files of their own, so the blocker is lifted."""
    with django_db_blocker.unblock():
        yield


def wrapper(path: Path | str) -> DatabaseWrapper:
    settings: dict[str, Any] = {
        "ENGINE": "daihoi.db.sqlite3",
        "NAME": str(path),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 5},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return DatabaseWrapper(settings, alias="writer-lock-test")


def begin(db: DatabaseWrapper) -> None:
    """What transaction.atomic does on entering its outermost block."""
    db.ensure_connection()
    db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def end(db: DatabaseWrapper, *, commit: bool) -> None:
    db.commit() if commit else db.rollback()
    db.set_autocommit(True)


def lock_is_free(path: str) -> bool:
    """Whether another open file (another process, as far as flock goes) can take it now."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


@pytest.mark.parametrize("commit", [True, False])
def test_a_transaction_holds_the_writer_lock_until_it_ends(tmp_path: Path, commit: bool) -> None:
    db = wrapper(tmp_path / "db.sqlite3")
    begin(db)
    lock = db.lock_path()
    assert lock == f"{tmp_path / 'db.sqlite3'}-writer.lock"
    with db.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x integer)")
        cursor.execute("INSERT INTO t VALUES (1)")
    assert not lock_is_free(lock)
    end(db, commit=commit)
    assert lock_is_free(lock)
    with db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 't'")
        assert cursor.fetchone()[0] == (1 if commit else 0)
    db.close()
    assert db.lock_fd is None


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    first, order = wrapper(path), []
    begin(first)
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x integer)")
    started = threading.Event()

    def second_writer() -> None:
        second = wrapper(path)
        started.set()
        begin(second)  # blocks on the flock while the first holds it
        with second.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (2)")
        order.append("second")
        end(second, commit=True)
        second.close()

    thread = threading.Thread(target=second_writer)
    thread.start()
    started.wait(5)
    thread.join(0.3)
    assert thread.is_alive() and order == []  # queued, not refused and not through
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")
    order.append("first")
    end(first, commit=True)
    thread.join(10)
    assert order == ["first", "second"]
    with first.cursor() as cursor:
        cursor.execute("SELECT x FROM t ORDER BY rowid")
        assert [r[0] for r in cursor.fetchall()] == [1, 2]
    first.close()


def test_a_failed_begin_lets_the_lock_go(tmp_path: Path) -> None:
    db = wrapper(tmp_path / "db.sqlite3")
    db.ensure_connection()
    db.connection.execute("BEGIN")  # a transaction already open: BEGIN IMMEDIATE fails
    with pytest.raises(Exception, match="within a transaction"):
        db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    assert lock_is_free(db.lock_path() or "")
    db.connection.execute("ROLLBACK")
    db.close()


def test_an_in_memory_database_has_no_lock_file() -> None:
    db = wrapper(":memory:")
    begin(db)
    assert db.lock_path() is None and db.lock_fd is None
    end(db, commit=True)
    db.close()


def test_a_writer_that_waits_past_the_timeout_fails_as_sqlite_would(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    first = wrapper(path)
    begin(first)
    second = wrapper(path)
    second.settings_dict["OPTIONS"]["timeout"] = 0.2
    with pytest.raises(OperationalError, match="database is locked"):
        begin(second)
    assert not second.lock_held
    end(first, commit=True)
    begin(second)  # free again: the next try goes through
    end(second, commit=True)
    first.close()
    second.close()
