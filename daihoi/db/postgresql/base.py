"""PostgreSQL whose health check asks the server only when the server has spoken.

With CONN_HEALTH_CHECKS Django sends `SELECT 1` before the first query of every
request, so that a connection the server dropped (a restart, a terminated
backend) is replaced instead of failing the request. That is one round trip
more in each check-in, and on a small machine a round trip costs both ends a
fraction of a millisecond of processor time (two system calls and a wake-up
each way). Between requests the connection is idle: the server sends nothing
unless it is closing it (it writes the reason, then closes the socket) or has a
notice to give. So a poll of the socket with no wait tells the quiet case apart
at the cost of one system call; only when something has arrived does Django's
own check run, and it reads that message and closes the connection if needed.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base


def readable(fd: int) -> bool:
    """Whether the socket has data, an end of file or an error waiting, without waiting."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    # Windows has no poll; its select takes any socket number.
    ready, _, _ = select.select([fd], [], [], 0)
    return bool(ready)


class DatabaseWrapper(base.DatabaseWrapper):
    # Django's own attributes, which its type stubs do not declare.
    health_check_enabled: bool
    health_check_done: bool

    def close_if_health_check_failed(self) -> None:
        conn = self.connection
        if (
            conn is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not (conn.closed or conn.broken)
            and not readable(conn.fileno())
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
