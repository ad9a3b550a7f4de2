"""SQLite whose writers queue on a lock file instead of in SQLite's long busy sleeps.

Django's SQLite backend with IMMEDIATE transactions is correct under many
processes: a writer that finds the database locked waits in SQLite's busy
handler. That handler sleeps 1, 2, 5, 10, 15, 20, 25 … 100 ms between tries, so
with eight check-in desks writing at once a writer that loses twice waits tens
of milliseconds for a lock that was free after one. Here every transaction first
takes an exclusive `flock` on a file beside the database; a writer that finds it
taken tries again every millisecond or two, up to the connection's timeout, and
a killed process lets go of it with its file. SQLite's own locking stays the
guarantee; the flock only shortens the queue, so a write made outside a
transaction (autocommit) is still safe and merely waits in the busy handler.
"""

from __future__ import annotations

import fcntl
import os
import time
from typing import Any

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError


class DatabaseWrapper(base.DatabaseWrapper):
    lock_fd: int | None = None
    lock_held = False

    def lock_path(self) -> str | None:
        """The lock file beside a database file; None for an in-memory database."""
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}-writer.lock"

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        conn = super().get_new_connection(conn_params)
        path = self.lock_path()
        if path is not None and self.lock_fd is None:
            self.lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        return conn

    def _start_transaction_under_autocommit(self) -> None:
        self._take_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._release_lock()
            if self.lock_fd is not None:
                os.close(self.lock_fd)
                self.lock_fd = None

    def _take_lock(self) -> None:
        if self.lock_fd is None or self.lock_held:
            return
        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._wait_for_lock(self.lock_fd)
        self.lock_held = True

    def _wait_for_lock(self, fd: int) -> None:
        """Try again every millisecond or two, up to the connection's timeout.

        A blocking flock cannot be given a deadline, and an unbounded wait would
        hang every desk behind a long import. Past the timeout the writer fails
        as SQLite itself would have, with "database is locked".
        """
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        deadline = time.monotonic() + timeout
        pause = 0.0005
        while True:
            time.sleep(pause)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError("database is locked") from None
                pause = min(pause * 2, 0.002)

    def _release_lock(self) -> None:
        if self.lock_fd is not None and self.lock_held:
            fcntl.flock(self.lock_fd, fcntl.LOCK_UN)
            self.lock_held = False
