"""Tampering with the trail as someone with the database owner's rights would."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

sealed = importlib.import_module("daihoi.audit.migrations.0005_chain_sealed")


def drop_triggers() -> None:
    """Inside the test's transaction: rolled back with it."""
    statements = (
        sealed.POSTGRES_REVERSE if connection.vendor == "postgresql" else sealed.SQLITE_REVERSE
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def raw(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def verify_ok(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def verify_fails(*args: str) -> tuple[str, str]:
    """(the problems printed, the one-line error) of a run that finds the trail changed."""
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit", *args, stdout=out)
    return out.getvalue(), str(failure.value)
