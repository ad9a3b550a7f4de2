"""The cursor for the check-in's fixed statements (daihoi.db.prepared)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from daihoi.db import prepared

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %s + 1, %s"


def test_a_row_comes_back_and_the_query_is_seen_by_captures() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert prepared.fetchone(connection, STATEMENT, [41, "Lộc Bình"]) == (42, "Lộc Bình")
        assert prepared.fetchone(connection, "SELECT 1 WHERE 1 = %s", [2]) is None
    # Tests that count a page's queries still count these.
    assert len(queries) == 2


def test_postgresql_plans_the_statement_once_and_keeps_it() -> None:
    for value in range(3):
        assert prepared.fetchone(connection, STATEMENT, [value, "x"]) == (value + 1, "x")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            assert cursor.fetchall() == [("SELECT $1 + 1, $2",)]
        else:
            # SQLite: Django's own cursor (the sqlite3 module caches compiled statements).
            assert type(prepared.cursor(connection).cursor) is type(cursor.cursor)


def test_a_database_error_is_djangos_and_the_connection_stays_usable() -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        prepared.fetchone(connection, "SELECT nosuchcolumn FROM accounts_user WHERE id = %s", [1])
    assert prepared.fetchone(connection, STATEMENT, [1, "y"]) == (2, "y")
