"""Backup and restore of the configured database, SQLite or PostgreSQL.

SQLite: the online backup API copies the database in one step inside a read
transaction, so the copy is one consistent state even while the server writes
(WAL lets the writers carry on). The copy is switched to a rollback journal so
that it is one self-contained file.

PostgreSQL: `pg_dump --format=custom` inside a snapshot exported by this
process, so that the row counts printed here are those of the dump.
Restore pipes `pg_restore --clean --if-exists --no-owner` into `psql
--single-transaction`: all of it or nothing.

Every file is written under a temporary name in the target's folder, fsynced,
then renamed: a crash leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from daihoi.core.numbers import vn_int

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"

# The tables whose row counts a backup and a restore print, with what they hold.
MAIN_TABLES = {
    "orgs_organisation": "tổ chức đảng",
    "campaigns_congress": "đại hội",
    "elections_election": "cuộc bầu cử",
    "elections_ballotentry": "lượt nhập phiếu",
    "audit_auditentry": "nhật ký",
    "accounts_user": "tài khoản",
}


class OpsError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Summary:
    """What a backup wrote or a restore put back."""

    where: str  # the file written, or the database restored into
    engine: str
    size: int
    tables: int
    rows: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        lines = [f"{self.where} ({self.engine}, {human_size(self.size)}, {self.tables} bảng)"]
        width = max((len(t) for t in self.rows), default=0)
        for table, count in self.rows.items():
            label = MAIN_TABLES.get(table, "")
            lines.append(f"  {table.ljust(width)}  {vn_int(count):>12}  {label}")
        return lines


@dataclass(frozen=True)
class MigrationStatus:
    """Migrations this code has that the database lacks, and the reverse."""

    pending: list[str]
    unknown: list[str]


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def settings_dict(alias: str = "default") -> dict[str, Any]:
    return dict(connections[alias].settings_dict)


def engine_name(db: dict[str, Any]) -> str:
    engine = str(db["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise OpsError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {engine}.")


# --- files -----------------------------------------------------------------------


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - not every platform opens folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


@contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A fresh temporary path in the target's folder, removed unless renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        for path in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            path.unlink(missing_ok=True)


def _commit(tmp: Path, target: Path) -> None:
    """Make tmp durable, then put it in target's place in one rename."""
    _fsync_file(tmp)
    os.replace(tmp, target)
    _fsync_dir(target.parent)


def file_kind(path: Path) -> str:
    """'sqlite' or 'postgresql' from the file's first bytes."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise OpsError(
        f"{path} không phải bản sao lưu của Đại hội (không phải tệp SQLite hay pg_dump -Fc)."
    )


# --- SQLite ----------------------------------------------------------------------


def _read_only(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _sqlite_summary(path: Path) -> Summary:
    with closing(sqlite3.connect(_read_only(path), uri=True)) as conn:
        tables = _sqlite_tables(conn)
        rows = {
            t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # noqa: S608
            for t in MAIN_TABLES
            if t in tables
        }
    return Summary(str(path), "SQLite", path.stat().st_size, len(tables), rows)


def _sqlite_copy(source: sqlite3.Connection, tmp: Path) -> None:
    """Copy source into tmp in one step, as a self-contained file that passes quick_check."""
    with closing(sqlite3.connect(tmp)) as dest:
        # pages=-1: the whole database in one step, under one read transaction.
        source.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode=DELETE")
        check = dest.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise OpsError(f"Bản sao không qua được kiểm tra toàn vẹn: {check}")
        if "django_migrations" not in _sqlite_tables(dest):
            raise OpsError("Tệp không chứa cơ sở dữ liệu của Đại hội (thiếu django_migrations).")


def backup_sqlite(source: Path, target: Path) -> Summary:
    if not source.exists():
        raise OpsError(f"Không có cơ sở dữ liệu SQLite tại {source} (chạy `daihoi migrate`?).")
    with _temporary_beside(target) as tmp:
        try:
            with closing(sqlite3.connect(source, timeout=30)) as src:
                _sqlite_copy(src, tmp)
        except sqlite3.DatabaseError as exc:
            raise OpsError(f"Không sao lưu được {source}: {exc}") from exc
        _commit(tmp, target)
    return _sqlite_summary(target)


def _take_over_sqlite(target: Path) -> None:
    """Leave WAL mode on the live database, which needs every other connection closed.

    Switching out of WAL checkpoints the log and deletes it; a stale -wal file next
    to the restored database would otherwise be replayed onto it.
    """
    if not target.exists():
        return
    try:
        with closing(sqlite3.connect(target, timeout=5)) as live:
            live.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        raise OpsError(
            f"{target} đang được dùng ({exc}). Dừng `daihoi serve` (và mọi tiến trình khác "
            "dùng cơ sở dữ liệu) rồi chạy lại."
        ) from exc
    for suffix in ("-wal", "-journal"):
        leftover = Path(f"{target}{suffix}")
        if leftover.exists() and leftover.stat().st_size > 0:
            raise OpsError(f"{leftover} vẫn còn: một tiến trình khác đang dùng {target}.")
    Path(f"{target}-shm").unlink(missing_ok=True)


def restore_sqlite(source: Path, target: Path) -> Summary:
    connections.close_all()
    with _temporary_beside(target) as tmp:
        try:
            with closing(sqlite3.connect(_read_only(source), uri=True)) as src:
                _sqlite_copy(src, tmp)
        except sqlite3.DatabaseError as exc:
            raise OpsError(f"{source} hỏng, không dùng được ({exc}); không thay đổi gì.") from exc
        _take_over_sqlite(target)
        if target.exists():
            # The server's user must still be able to open it: keep mode and owner.
            info = target.stat()
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            with suppress(PermissionError):
                os.chown(tmp, info.st_uid, info.st_gid)
        _commit(tmp, target)
    return _sqlite_summary(target)


# --- PostgreSQL ------------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise OpsError(
            f"Không tìm thấy lệnh {name}: cài gói postgresql-client cùng phiên bản với máy "
            f"chủ PostgreSQL (Debian 12: apt-get install postgresql-client-15)."
        )
    return path


def pg_env(db: dict[str, Any]) -> dict[str, str]:
    """The libpq environment for pg_dump, pg_restore and psql (no password on a command line)."""
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise OpsError(f"{what} thất bại (mã {done.returncode}):\n{done.stderr.strip()}")
    return done.stdout


def _raw_pg(alias: str = "default") -> Any:
    """A new psycopg connection with the project's settings, outside Django's transactions."""
    import psycopg

    params = connections[alias].get_connection_params()
    params.pop("cursor_factory", None)
    return psycopg.connect(**params, autocommit=True)


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY 1"
    )
    return [str(r[0]) for r in cursor.fetchall()]


def _pg_counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    from psycopg import sql

    rows: dict[str, int] = {}
    for table in MAIN_TABLES:
        if table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            rows[table] = int(cursor.fetchone()[0])
    return rows


def backup_postgres(db: dict[str, Any], target: Path) -> Summary:
    pg_dump = _tool("pg_dump")
    env = pg_env(db)
    with closing(_raw_pg()) as raw, raw.cursor() as cursor:
        # One snapshot for the counts and the dump: pg_dump joins it with --snapshot.
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = str(cursor.fetchone()[0])
        tables = _pg_tables(cursor)
        rows = _pg_counts(cursor, tables)
        with _temporary_beside(target) as tmp:
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot}",
                    f"--file={tmp}",
                    str(db["NAME"]),
                ],
                env,
                "pg_dump",
            )
            _commit(tmp, target)
        cursor.execute("COMMIT")
    return Summary(str(target), "pg_dump -Fc", target.stat().st_size, len(tables), rows)


_TABLE_ENTRY = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+)(?: |$)")


def restore_postgres(db: dict[str, Any], source: Path) -> Summary:
    pg_restore = _tool("pg_restore")
    psql = _tool("psql")
    env = pg_env(db)
    # Read the archive's table of contents first: a damaged file stops here, untouched.
    listing = _run([pg_restore, "--list", str(source)], env, "pg_restore --list")
    in_backup = {m.group(2) for line in listing.splitlines() if (m := _TABLE_ENTRY.match(line))}
    if "django_migrations" not in in_backup:
        raise OpsError(f"{source} không chứa cơ sở dữ liệu của Đại hội (thiếu django_migrations).")
    connections.close_all()
    with closing(_raw_pg()) as raw, raw.cursor() as cursor:
        current = _pg_tables(cursor)
    # Tables a newer version made that the backup lacks go too, in the same transaction,
    # so that `daihoi migrate` can make them again.
    extra = sorted(set(current) - in_backup)
    from psycopg import sql

    prelude = ""
    if extra:
        names = sql.SQL(", ").join(sql.Identifier(t) for t in extra)
        with closing(_raw_pg()) as raw:
            prelude = sql.SQL("DROP TABLE IF EXISTS {} CASCADE;").format(names).as_string(raw)
    apply = [psql, "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1"]
    if prelude:
        apply += ["-c", prelude]
    apply += ["-f", "-", str(db["NAME"])]
    # pg_restore writes the SQL, psql runs all of it in one transaction. psql commits only
    # at the end of its input: if pg_restore fails half-way (a truncated file), psql is
    # killed before that end, and PostgreSQL rolls everything back.
    with tempfile.TemporaryFile() as errors:
        script = subprocess.Popen(  # noqa: S603
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--file=-",
                str(source),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        runner = subprocess.Popen(  # noqa: S603
            apply, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors
        )
        assert script.stdout is not None and runner.stdin is not None  # noqa: S101
        try:
            shutil.copyfileobj(script.stdout, runner.stdin, 1 << 20)
        except BrokenPipeError:  # psql stopped at an error (ON_ERROR_STOP)
            script.kill()
        script.wait()
        if script.returncode != 0:
            runner.kill()
        else:
            with suppress(BrokenPipeError):
                runner.stdin.close()
        runner.wait()
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    if script.returncode != 0 or runner.returncode != 0:
        raise OpsError(
            "Khôi phục thất bại; cơ sở dữ liệu giữ nguyên như trước (một giao dịch):\n" + message
        )
    connections.close_all()
    with closing(_raw_pg()) as raw, raw.cursor() as cursor:
        tables = _pg_tables(cursor)
        rows = _pg_counts(cursor, tables)
    where = f"cơ sở dữ liệu {db['NAME']}"
    return Summary(where, "PostgreSQL", source.stat().st_size, len(tables), rows)


# --- the commands' entry points --------------------------------------------------


def backup(target: Path) -> Summary:
    db = settings_dict()
    if engine_name(db) == "sqlite":
        return backup_sqlite(Path(db["NAME"]), target)
    return backup_postgres(db, target)


def restore(source: Path) -> Summary:
    db = settings_dict()
    engine = engine_name(db)
    kind = file_kind(source)
    if kind != engine:
        raise OpsError(
            f"{source} là bản sao lưu {kind}, còn cơ sở dữ liệu đang cấu hình là {engine} "
            "(DATABASE_URL). Khôi phục vào cùng loại cơ sở dữ liệu."
        )
    if engine == "sqlite":
        return restore_sqlite(source, Path(db["NAME"]))
    return restore_postgres(db, source)


_known: frozenset[tuple[str, str]] | None = None


def known_migrations() -> frozenset[tuple[str, str]]:
    """The migrations this code has, read from disk once per process."""
    global _known
    if _known is None:
        _known = frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    return _known


def migration_status(connection: BaseDatabaseWrapper) -> MigrationStatus:
    """Compare the database's django_migrations with the code's: one query."""
    known = known_migrations()
    applied = set(MigrationRecorder(connection).applied_migrations())
    apps = {app for app, _name in known}
    return MigrationStatus(
        pending=sorted(f"{a}.{n}" for a, n in known - applied),
        unknown=sorted(f"{a}.{n}" for a, n in applied - known if a in apps),
    )
