"""Database functions the ORM lacks."""

from __future__ import annotations

from typing import Any

from django.db.models import Func


class Unindexed(Func):
    """A column SQLite may not look up through an index: `+column` (elsewhere the column).

    For a statement whose best plan SQLite's statistics cannot see: closing the index the
    planner would take leaves it the one meant (orgs/trail.py, campaigns/progress.ahead).
    PostgreSQL chooses by itself and gets the plain column.
    """

    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)
