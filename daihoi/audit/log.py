"""Writing audit entries; only actions call this, inside their transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import transaction

from daihoi.audit.chain import seal
from daihoi.audit.models import AuditEntry

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

SYSTEM_NAME = "hệ thống"


def _actor_name(actor: User | None) -> str:
    return actor.username if actor is not None else SYSTEM_NAME


def record(
    action: str,
    *,
    actor: User | None,
    organisation: Organisation | None,
    target: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry, chained to the one before (see chain.py)."""
    entry = AuditEntry(
        actor=actor,
        actor_name=_actor_name(actor),
        organisation=organisation,
        action=action,
        target=target[:255],
        before=before,
        after=after,
    )
    # Without a savepoint: inside an action's transaction this costs no query.
    with transaction.atomic(savepoint=False):
        seal([entry])
        entry.save(force_insert=True)
    return entry


def record_many(
    action: str,
    *,
    actor: User | None,
    entries: Iterable[tuple[Organisation, str, dict[str, Any] | None, dict[str, Any] | None]],
) -> int:
    """Write one audit entry per (organisation, target, before, after), in bulk, chained."""
    name = _actor_name(actor)
    rows = [
        AuditEntry(
            actor=actor,
            actor_name=name,
            organisation=org,
            action=action,
            target=target[:255],
            before=before,
            after=after,
        )
        for org, target, before, after in entries
    ]
    with transaction.atomic(savepoint=False):
        seal(rows)
        AuditEntry.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@contextmanager
def audited(
    action: str,
    *,
    actor: User | None,
    organisation: Organisation | None,
    target: str,
    snapshot: Callable[[], dict[str, Any]],
    personal: bool = False,
    extra: dict[str, Any] | None = None,
) -> Iterator[None]:
    """Write one entry for the change made inside the block, if anything changed.

    `snapshot` reads the object's audited fields before and after the block. With
    `personal` the entry names the changed fields only, never their values (the
    record is personal data); otherwise it keeps both sides of each changed field.
    `extra` (ids, counts) joins the after side. Nothing changed, nothing written.
    """
    before = snapshot()
    yield
    after = snapshot()
    changed = sorted(k for k in after.keys() | before.keys() if after.get(k) != before.get(k))
    if not changed:
        return
    if personal:
        record(
            action,
            actor=actor,
            organisation=organisation,
            target=target,
            after={**(extra or {}), "fields": changed},
        )
    else:
        record(
            action,
            actor=actor,
            organisation=organisation,
            target=target,
            before={k: before.get(k) for k in changed},
            after={**(extra or {}), **{k: after.get(k) for k in changed}},
        )
