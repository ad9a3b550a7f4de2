"""The PostgreSQL backend's health check: no round trip while the server is quiet.

A connection of its own (not the test's, which holds the test transaction), so
that the server can be made to drop it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from daihoi.db.postgresql.base import readable

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend's own behaviour"
)


@pytest.fixture
def own(django_db_blocker: Any) -> Iterator[Any]:
    from daihoi.db.postgresql.base import DatabaseWrapper

    with django_db_blocker.unblock():
        wrapper = DatabaseWrapper({**connection.settings_dict, "CONN_HEALTH_CHECKS": True})
        wrapper.ensure_connection()
        yield wrapper
        wrapper.close()


def start_request(wrapper: Any) -> None:
    # What Django does at a request's start and its first query.
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()


def server_pid(wrapper: Any) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def test_a_quiet_connection_is_kept_without_asking_the_server(own: Any, monkeypatch: Any) -> None:
    pid = server_pid(own)
    asked: list[bool] = []
    monkeypatch.setattr(own, "is_usable", lambda: asked.append(True) or True)
    for _ in range(3):
        start_request(own)
    assert asked == []
    assert server_pid(own) == pid  # the same connection, still working


def test_a_connection_the_server_dropped_is_replaced_before_the_request_uses_it(
    own: Any, django_db_blocker: Any
) -> None:
    pid = server_pid(own)
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    fd = own.connection.fileno()
    deadline = time.monotonic() + 5
    while not readable(fd) and time.monotonic() < deadline:
        time.sleep(0.01)
    start_request(own)
    # The request's query runs on a new connection instead of failing.
    assert server_pid(own) != pid
