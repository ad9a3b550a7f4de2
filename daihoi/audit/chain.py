"""The audit trail as a hash chain: each entry seals its content and the entry before it.

Entry n stores `seq` = n and `hash` = SHA-256 of the previous entry's hash and
the canonical JSON (sorted keys, no spaces) of its own content: seq, at, the
actor's id and name, the organisation's id, action, target, before and after.
Changing, removing or inserting an entry anywhere but at the end breaks the
chain from there on; `daihoi verify-audit` recomputes it.

The ids hashed are those *as written* (`actor_ref`, `organisation_ref`), kept in
their own columns: when an account or an organisation is deleted, Django sets
the entry's link (`actor_id`, `organisation_id`) to NULL and the hash still
verifies; a link set to NULL while the account still exists is reported.

Appending serialises: on PostgreSQL a transaction-scoped advisory lock, held
until the writer's transaction ends, so that two writers cannot both extend the
same head; on SQLite the write lock every IMMEDIATE transaction takes up front
(and the app's writer flock, daihoi/db/sqlite3) already queues all writers.
The entry's time is taken under that lock, so the trail's times only go forward
(unless the server's clock is set back).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.utils import timezone

if TYPE_CHECKING:
    from daihoi.audit.models import AuditEntry

GENESIS = "0" * 64
# pg_advisory_xact_lock key of the audit head ("DHAUDIT" in ASCII).
LOCK_KEY = 0x44484155444954
TABLE = "audit_auditentry"


def _plain(value: Any) -> Any:
    """JSON values as any database gives them back: 1.0 and 1 alike, keys as text."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        # PostgreSQL's jsonb writes 1e+20 as 100000000000000000000 (an integer).
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text; the same for a value before and after storage."""
    # What JSONField stores and reads back: tuples become lists, keys text.
    stored = json.loads(json.dumps(value))
    return json.dumps(_plain(stored), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def stamp(at: dt.datetime) -> str:
    """A time as UTC with microseconds, as both databases keep it."""
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def content(
    *,
    seq: int,
    at: dt.datetime,
    actor_ref: int | None,
    actor_name: str,
    organisation_ref: int | None,
    action: str,
    target: str,
    before: Any,
    after: Any,
) -> str:
    return canonical_json(
        {
            "seq": seq,
            "at": stamp(at),
            "actor": actor_ref,
            "actor_name": actor_name,
            "organisation": organisation_ref,
            "action": action,
            "target": target,
            "before": before,
            "after": after,
        }
    )


def link(previous: str, body: str) -> str:
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()


def entry_hash(previous: str, entry: AuditEntry) -> str:
    return link(
        previous,
        content(
            seq=entry.seq,
            at=entry.at,
            actor_ref=entry.actor_ref,
            actor_name=entry.actor_name,
            organisation_ref=entry.organisation_ref,
            action=entry.action,
            target=entry.target,
            before=entry.before,
            after=entry.after,
        ),
    )


def lock_head(using: str = "default") -> tuple[int, str]:
    """Take the append lock and return the head (seq, hash); (0, GENESIS) when empty.

    Must run inside a transaction: the lock is held until it ends.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute(f"SELECT seq, hash FROM {TABLE} ORDER BY seq DESC LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        return 0, GENESIS
    return int(row[0]), str(row[1])


def seal(entries: Sequence[AuditEntry], using: str = "default") -> None:
    """Give entries about to be inserted their time, seq and hash, in order.

    Call inside the transaction that inserts them: the lock taken here is what
    keeps another writer from sealing against the same head.
    """
    seq, previous = lock_head(using)
    now = timezone.now()
    for entry in entries:
        seq += 1
        entry.at = now
        entry.seq = seq
        entry.actor_ref = entry.actor_id
        entry.organisation_ref = entry.organisation_id
        entry.hash = entry_hash(previous, entry)
        previous = entry.hash
