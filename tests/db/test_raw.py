"""The check-in's fixed statements (daihoi.db.raw), and PostgreSQL preparing them."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from daihoi.db import raw

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %s + 1, %s"


def test_a_row_comes_back_and_the_query_is_seen_by_captures() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert raw.fetchone(connection, STATEMENT, [41, "Lộc Bình"]) == (42, "Lộc Bình")
        assert raw.fetchone(connection, "SELECT 1 WHERE 1 = %s", [2]) is None
    # Tests that count a page's queries still count these.
    assert len(queries) == 2


def test_postgresql_binds_on_the_server_and_prepares_a_repeated_statement() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's module caches compiled statements itself")
    for value in range(6):  # psycopg prepares on the fifth run (settings.py)
        assert raw.fetchone(connection, STATEMENT, [value, "x"]) == (value + 1, "x")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        assert ("SELECT $1 + 1, $2",) in cursor.fetchall()


def test_a_database_error_is_djangos_and_the_connection_stays_usable() -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        raw.fetchone(connection, "SELECT nosuchcolumn FROM accounts_user WHERE id = %s", [1])
    assert raw.fetchone(connection, STATEMENT, [1, "y"]) == (2, "y")
