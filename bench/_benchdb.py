"""A throw-away database for the benchmark programs in this folder.

By default a fresh SQLite file in a temporary directory, configured exactly as
the project's settings configure SQLite (WAL, synchronous=FULL …). With
`--database-url postgres://user@host:port/anything` a dedicated PostgreSQL
database (never the one named in the URL) is created, used and dropped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from daihoi.campaigns.models import Campaign
    from daihoi.core.tables import Table
    from daihoi.orgs.models import Level, Organisation, Structure

T = TypeVar("T")


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url",
        default="",
        help=(
            "run against PostgreSQL instead of a temporary SQLite file, e.g. "
            "postgres://postgres@127.0.0.1:5432/test (a dedicated database is "
            "created next to it and dropped afterwards; the named one is not touched)"
        ),
    )


def _pg_admin(url: str, statement: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


@contextmanager
def bench_database(database_url: str, pg_name: str) -> Iterator[tuple[str, Path]]:
    """Set up Django on a fresh, migrated database; yield (description, temp dir)."""
    with tempfile.TemporaryDirectory(prefix="daihoi-bench-") as tmp:
        tmp_dir = Path(tmp)
        admin_url = ""
        if database_url:
            parts = urlsplit(database_url)
            if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
                raise SystemExit("--database-url must be a postgres:// URL")
            if parts.path.strip("/") == pg_name:
                raise SystemExit(f"give a URL to another database than {pg_name}")
            admin_url = database_url
            url = urlunsplit(parts._replace(path=f"/{pg_name}"))
            _pg_admin(admin_url, "DROP DATABASE IF EXISTS {}", pg_name)
            _pg_admin(admin_url, "CREATE DATABASE {}", pg_name)
            description = f"PostgreSQL (database {pg_name} on {parts.hostname}:{parts.port})"
        else:
            url = f"sqlite:///{tmp_dir / 'bench.sqlite3'}"
            description = f"SQLite ({tmp_dir / 'bench.sqlite3'})"
        os.environ["DATABASE_URL"] = url
        os.environ["DAIHOI_DATA_DIR"] = str(tmp_dir)
        os.environ["DJANGO_SETTINGS_MODULE"] = "daihoi.settings"
        import django
        from django.core.management import call_command
        from django.db import connection, connections

        django.setup()
        call_command("migrate", verbosity=0)
        vendor = connection.vendor
        if vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("select sqlite_version()")
                description += f", SQLite {cursor.fetchone()[0]}"
        else:
            description += f", server {connection.pg_version}"  # type: ignore[attr-defined]
        try:
            yield description, tmp_dir
        finally:
            connections.close_all()
            if admin_url:
                _pg_admin(admin_url, "DROP DATABASE IF EXISTS {}", pg_name)


@dataclass
class Demo:
    """The generated tree of some provinces and the demo campaign over it."""

    structure: Structure
    table: Table
    campaign: Campaign
    campaign_ms: float  # loading the campaign alone, the tree's import not counted


def load_demo(provinces: list[str] | None) -> Demo:
    """Import the demo tree of `provinces` (None: the whole country) and load its campaign.

    Call inside `bench_database`: Django is set up there.
    """
    from daihoi.campaigns.demo import load_demo_campaign
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Structure

    table = demo_table(provinces)
    structure = Structure.objects.get(code="2020")
    do_import_organisations(plan_import(structure, table), acting_user=None)
    campaign, ms = timed(lambda: load_demo_campaign(provinces, table=table))
    return Demo(structure, table, campaign, ms)


def add_unit_with_cells(
    parent: Organisation,
    *,
    code: str,
    name: str,
    level: Level,
    cell_level: Level,
    place: str,
    children: int,
    batch: int = 5_000,
) -> tuple[Organisation, QuerySet[Organisation]]:
    """A party committee `code` under `parent` with `children` cells directly below it,
    written in bulk (the shape a legitimate import writes); returns it and its cells in
    path order. The cells are "Chi bộ thôn N `place`", coded `code`-000001 on."""
    from daihoi.lib.text import fold
    from daihoi.orgs.models import Organisation, OrgKind

    unit = Organisation.objects.add_child(  # type: ignore[attr-defined]
        parent,
        {"structure": parent.structure, "code": code, "name": name, "kind": OrgKind.DANG_BO,
         "level": level, "members": children * 12},
    )  # fmt: skip
    rows = []
    for i in range(children):
        cell = f"Chi bộ thôn {i + 1} {place}"
        rows.append(
            Organisation(
                path=Organisation._get_path(unit.path, unit.depth + 1, i + 1),
                depth=unit.depth + 1,
                numchild=0,
                structure=parent.structure,
                code=f"{code}-{i + 1:06d}",
                name=cell,
                search_name=fold(cell),
                kind=OrgKind.CHI_BO,
                level=cell_level,
                members=12,
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=batch)
    Organisation.objects.filter(pk=unit.pk).update(numchild=children)
    unit.refresh_from_db()
    return unit, Organisation.objects.filter(code__startswith=f"{code}-").order_by("path")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Run fn once; return its result and the elapsed wall time in milliseconds."""
    start = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - start) * 1000


def best_and_median(samples: list[float]) -> str:
    return f"best {min(samples):,.1f} ms, median {statistics.median(samples):,.1f} ms"
