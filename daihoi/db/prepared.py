"""Cursors for the few statements every check-in runs, planned once per connection.

Django's PostgreSQL backend binds parameters on the client side and never
prepares, so PostgreSQL parses and plans the session's, the user's and the
scan's statements afresh on every request: about 1 ms of the database's
processor per check-in, on a machine whose two cores the workers need too. Here
those statements bind on the server and are prepared on first use, so each
later run only executes a stored plan (the database's time per check-in about
halves). Only fixed statements with explicit column lists go through this:
PostgreSQL plans again by itself when a table they read changes, and a column
list keeps the result's shape the plan promised.

Prepared statements live in the server session, so a pooler in front of
PostgreSQL in transaction mode must keep them per client (PgBouncer 1.21+ with
`max_prepared_statements`); docs/operations.md says so. On SQLite the cursor is
Django's own: the sqlite3 module keeps compiled statements already.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Field


def cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor on `connection` whose statements are prepared on PostgreSQL.

    Like `connection.cursor()`: the health check, the connection opened on
    demand, database errors as Django's, and the queries logged under DEBUG
    or a test's query capture.
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django's None turns preparing off for the whole connection, even where a
        # statement asks for it; a count no statement reaches leaves Django's own
        # (client-bound) statements unprepared still.
        raw.prepare_threshold = _UNREACHED
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = _prepared_cursor_class()(raw)
    if connection.queries_logged:
        return _LoggedCursor(cursor, connection)
    return CursorWrapper(cursor, connection)


class _LoggedCursor(CursorDebugWrapper):
    """Logs the statement with its values in place, as Django's own cursor does.

    (Django reads the logged text back from psycopg, which keeps none for a
    prepared statement.)
    """

    def execute(self, sql: Any, params: Any = None) -> Any:
        with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
            return CursorWrapper.execute(self, sql, params)


def fetchone(
    connection: BaseDatabaseWrapper, sql: str, params: Sequence[Any]
) -> tuple[Any, ...] | None:
    """The first row of a fixed statement run through `cursor`."""
    with cursor(connection) as c:
        c.execute(sql, params)
        row: tuple[Any, ...] | None = c.fetchone()
        return row


def converted(connection: BaseDatabaseWrapper, field: Field[Any, Any], value: Any) -> Any:
    """A column's value as the ORM would give it (a JSON field decoded, say)."""
    col = field.get_col(field.model._meta.db_table)
    for convert in connection.ops.get_db_converters(col) + col.get_db_converters(connection):
        value = convert(value, col, connection)
    return value


_UNREACHED = 2**31 - 1


@functools.cache
def _prepared_cursor_class() -> type:
    # Imported on first use, and only on PostgreSQL.
    import psycopg

    class PreparedCursor(psycopg.Cursor[Any]):
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            kwargs["prepare"] = True
            return super().execute(query, params, **kwargs)

    return PreparedCursor
