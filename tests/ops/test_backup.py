"""`daihoi backup` and `daihoi restore`, restore-and-compare on the suite's engine.

A private database (an SQLite file, or a PostgreSQL database created and dropped
here, as the trust tests do) is filled through the actions, backed up, changed,
restored, and compared with the state at backup time: every table's row count and
a checksum over every row of the key tables. The suite's shared test database is
not touched, and nothing here flushes it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.trust import harness

DAIHOI = harness.DAIHOI
ENGINE_IS_PG = os.environ.get("DATABASE_URL", "").startswith("postgres")

# Every table's row count, and a checksum over every row of the key tables, in pk order.
STATE = """
import hashlib, json
import django
django.setup()
from django.db import connection
from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.elections.models import BallotEntry, Election
from daihoi.orgs.models import Organisation

with connection.cursor() as cursor:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
sums = {}
for model in (Organisation, Congress, Election, BallotEntry, AuditEntry, User):
    digest = hashlib.sha256()
    for row in model.objects.order_by("pk").values_list():
        digest.update(json.dumps(row, default=str, sort_keys=True).encode())
    sums[model._meta.db_table] = digest.hexdigest()
print(json.dumps({"counts": counts, "sums": sums}))
"""

# Two teams key papers start..start+count-1 through the action layer.
KEY = """
import sys
import django
django.setup()
from daihoi.accounts.models import User
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.models import Election

election = Election.objects.get(pk=int(sys.argv[1]))
start, count = int(sys.argv[2]), int(sys.argv[3])
typists = [User.objects.get(username=n) for n in ("to1", "to2")]
serial = start
while count < 0 or serial < start + count:
    for team, user in enumerate(typists, start=1):
        do_key_ballot(
            election, team=team, serial=serial, crossed=[serial % 5 + 1], acting_user=user
        )
    serial += 1
"""

# Changes after the backup, across the key tables, and a table a newer version might add.
CHANGE = """
import sys
import django
django.setup()
from django.db import connection
from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.elections.models import Election
from daihoi.orgs.models import Organisation

election = Election.objects.get(pk=int(sys.argv[1]))
lb = Organisation.objects.get(code="188")
Organisation.objects.filter(pk=lb.pk).update(name="Đổi tên sau sao lưu")
Congress.objects.exclude(pk=election.congress_id).order_by("-pk")[0].delete()
log.record("ops.test", actor=None, organisation=lb, target="sau sao lưu")
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE ops_newer_version (id integer PRIMARY KEY)")
    cursor.execute("INSERT INTO ops_newer_version VALUES (1)")
"""

FORGET_LAST_MIGRATION = """
import django
django.setup()
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
app, name = MigrationLoader(None).graph.leaf_nodes("elections")[0]
MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()
print(f"{app}.{name}")
"""


def python(env: dict[str, str], script: str, *args: object) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def daihoi(env: dict[str, str], *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DAIHOI, *map(str, args)], env=env, capture_output=True, text=True, check=False
    )


def state(env: dict[str, str]) -> dict[str, Any]:
    return dict(json.loads(python(env, STATE).strip().splitlines()[-1]))


class World:
    def __init__(self, env: dict[str, str], election: int, folder: Path) -> None:
        self.env = env
        self.election = election
        self.folder = folder


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A small tree, a campaign, an election with papers keyed by two teams."""
    folder = tmp_path_factory.mktemp("ops")
    with harness.own_database(folder, "ops") as url:
        env = harness.server_env(url)
        made = subprocess.run(
            [
                sys.executable,
                "-c",
                harness.SETUP,
                harness.PASSWORD,
                harness.CAMPAIGN,
                "4",
                "100000",
                "to1:1,to2:2",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert made.returncode == 0, made.stderr[-3000:]
        election = json.loads(made.stdout.strip().splitlines()[-1])["election"]
        python(env, KEY, election, 1, 20)
        yield World(env, election, folder)


def test_restore_puts_back_exactly_the_state_at_backup_time(world: World) -> None:
    env, folder = world.env, world.folder
    before = state(env)
    assert before["counts"]["elections_ballotentry"] == 40
    assert before["counts"]["orgs_organisation"] > 0

    made = daihoi(env, "backup", folder / "snapshot.bak")
    assert made.returncode == 0, made.stderr
    assert "orgs_organisation" in made.stdout
    assert "elections_ballotentry" in made.stdout and " 40 " in made.stdout

    python(env, KEY, world.election, 21, 5)
    python(env, CHANGE, world.election)
    changed = state(env)
    assert changed["counts"]["elections_ballotentry"] == 50
    assert changed["counts"]["ops_newer_version"] == 1
    for table in ("orgs_organisation", "campaigns_congress", "audit_auditentry"):
        assert changed["sums"][table] != before["sums"][table], table

    put_back = daihoi(env, "restore", folder / "snapshot.bak", "--yes")
    assert put_back.returncode == 0, put_back.stderr
    assert "migrations: ok" in put_back.stdout
    assert state(env) == before


def test_restore_tells_a_backup_from_an_older_version(world: World) -> None:
    env, folder = world.env, world.folder
    # A backup whose django_migrations lacks the newest elections migration, as one taken
    # before an upgrade would; the live database then records it again (--fake: its
    # tables are there already).
    forgotten = python(env, FORGET_LAST_MIGRATION).strip()
    app, name = forgotten.split(".")
    assert daihoi(env, "backup", folder / "older.bak").returncode == 0
    assert daihoi(env, "migrate", app, name, "--fake", "--verbosity", "0").returncode == 0
    assert daihoi(env, "migrate", "--check").returncode == 0

    put_back = daihoi(env, "restore", folder / "older.bak", "--yes")

    assert put_back.returncode == 0, put_back.stderr
    assert "chưa áp dụng" in put_back.stdout and forgotten in put_back.stdout
    assert "daihoi migrate" in put_back.stdout
    assert daihoi(env, "migrate", "--check").returncode != 0
    assert daihoi(env, "migrate", app, name, "--fake", "--verbosity", "0").returncode == 0
    assert daihoi(env, "migrate", "--check").returncode == 0


def test_backup_while_papers_are_being_keyed_is_consistent(world: World) -> None:
    """A writer keys papers as fast as it can while the backup runs: the copy is whole."""
    env, folder = world.env, world.folder
    writer = subprocess.Popen(
        [sys.executable, "-c", KEY, str(world.election), "5000", "-1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        start = state(env)["counts"]["elections_ballotentry"]
        deadline = time.monotonic() + 60
        while state(env)["counts"]["elections_ballotentry"] < start + 10:
            assert writer.poll() is None, writer.stderr.read() if writer.stderr else ""
            assert time.monotonic() < deadline, "the writer keyed nothing"
            time.sleep(0.2)
        made = daihoi(env, "backup", folder / "busy.bak")
        assert writer.poll() is None, "the writer stopped during the backup"
    finally:
        writer.terminate()
        writer.wait(timeout=30)
    assert made.returncode == 0, made.stderr
    after_writer = state(env)["counts"]["elections_ballotentry"]

    put_back = daihoi(env, "restore", folder / "busy.bak", "--yes")
    assert put_back.returncode == 0, put_back.stderr
    restored = harness.dump(env, world.election)
    assert harness.chain_problems(restored) == []
    assert start + 10 <= len(restored["entries"]) <= after_writer
    if not ENGINE_IS_PG:
        assert sqlite3.connect(folder / "busy.bak").execute("PRAGMA journal_mode").fetchone()[
            0
        ] == ("delete")


def test_backup_refuses_to_overwrite_without_force(world: World) -> None:
    env, folder = world.env, world.folder
    target = folder / "keep.bak"
    target.write_bytes(b"an earlier backup")

    refused = daihoi(env, "backup", target)

    assert refused.returncode != 0
    assert "--force" in refused.stderr
    assert target.read_bytes() == b"an earlier backup"
    forced = daihoi(env, "backup", target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() != b"an earlier backup"
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_restore_refuses_without_yes_and_refuses_what_is_not_a_backup(world: World) -> None:
    env, folder = world.env, world.folder
    assert daihoi(env, "backup", folder / "any.bak", "--force").returncode == 0
    python(env, KEY, world.election, 9000, 1)
    before = state(env)

    refused = daihoi(env, "restore", folder / "any.bak")
    assert refused.returncode != 0 and "--yes" in refused.stderr

    garbage = folder / "garbage.bak"
    garbage.write_bytes(b"not a backup at all" * 100)
    refused = daihoi(env, "restore", garbage, "--yes")
    assert refused.returncode != 0 and "không phải bản sao lưu" in refused.stderr

    other = folder / "other-engine.bak"
    if ENGINE_IS_PG:
        other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    else:
        other.write_bytes(b"PGDMP" + b"\x00" * 100)
    refused = daihoi(env, "restore", other, "--yes")
    assert refused.returncode != 0 and "cùng loại" in refused.stderr

    whole = (folder / "any.bak").read_bytes()
    truncated = folder / "truncated.bak"
    truncated.write_bytes(whole[: len(whole) // 2])
    refused = daihoi(env, "restore", truncated, "--yes")
    assert refused.returncode != 0, refused.stdout

    missing = daihoi(env, "restore", folder / "missing.bak", "--yes")
    assert missing.returncode != 0

    assert state(env) == before


@pytest.mark.skipif(ENGINE_IS_PG, reason="SQLite only: the file of a running server")
def test_sqlite_restore_refuses_while_another_connection_holds_the_database(
    world: World,
) -> None:
    env, folder = world.env, world.folder
    assert daihoi(env, "backup", folder / "held.bak", "--force").returncode == 0
    path = env["DATABASE_URL"].removeprefix("sqlite:///")
    holder = sqlite3.connect(path)
    try:
        holder.execute("SELECT count(*) FROM django_migrations").fetchone()
        refused = daihoi(env, "restore", folder / "held.bak", "--yes")
    finally:
        holder.close()
    assert refused.returncode != 0
    assert "daihoi serve" in refused.stderr
