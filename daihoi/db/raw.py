"""The few fixed statements every check-in runs, written as SQL, read as the ORM would.

Each check-in asks for the session, the signed-in user and the scanned card. As fixed
statements with explicit column lists they skip the ORM's query building; on
PostgreSQL they bind on the server and are prepared after a few runs like every other
statement (Django's `server_side_binding` and psycopg's `prepare_threshold` in
settings.py; bench/binding.py measured that against the hand-made prepared cursor this
module used to hold: the same database time per statement, 0.52 of client-side
binding, so the cursor went).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field


def fetchone(
    connection: BaseDatabaseWrapper, sql: str, params: Sequence[Any]
) -> tuple[Any, ...] | None:
    """The first row of a fixed statement."""
    with connection.cursor() as c:
        c.execute(sql, params)
        row: tuple[Any, ...] | None = c.fetchone()
        return row


def converted(connection: BaseDatabaseWrapper, field: Field[Any, Any], value: Any) -> Any:
    """A column's value as the ORM would give it (a JSON field decoded, say)."""
    col = field.get_col(field.model._meta.db_table)
    for convert in connection.ops.get_db_converters(col) + col.get_db_converters(connection):
        value = convert(value, col, connection)
    return value
