"""Elected people written as plain rows: one statement for any number (executemany).

The live demo writes ~140,000 of them and a results file up to 2,000 units' worth;
building and compiling a model object per row cost several times the insert, and
bulk_create on SQLite splits the rows into batches of 999 parameters (about 75 rows),
so its number of statements grows with the file. Plain rows also send no signal:
each writer refreshes what depends on them itself (campaigns.signals.congresses_written).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection

from daihoi.personnel.models import ElectedMember

COLUMNS = (
    "congress_id",
    "campaign_id",
    "org_path",
    "elected_on",
    "kind",
    "full_name",
    "female",
    "birth_date",
    "age",
    "first_time",
    "ethnic_minority",
    "science_tech",
    "standing",
)
Row = tuple[Any, ...]


def db_date(value: dt.date | None) -> Any:
    """A date as the database driver takes it in a plain row."""
    return connection.ops.adapt_datefield_value(value)


def insert_rows(rows: list[Row]) -> None:
    """Insert rows given in COLUMNS order, in one statement."""
    if not rows:
        return
    table = connection.ops.quote_name(ElectedMember._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    marks = ", ".join(["%s"] * len(COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 - names from the model
