"""The probe of issue 15: ways to rewrite the audit trail quietly, and what stops each.

The database refuses what it can (a changed entry, a removed one, TRUNCATE on
PostgreSQL, a link emptied while its account exists, checked by PostgreSQL at
commit); `daihoi verify-audit` reports the rest, naming the entry's seq.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from daihoi.accounts.models import User
from daihoi.audit import log
from daihoi.audit.models import AuditEntry
from tests.audit.helpers import drop_triggers, raw, verify_fails, verify_ok
from tests.conftest import org

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL's own triggers"
)


@pytest.fixture
def entry() -> AuditEntry:
    user = User.objects.create_user("tham-do", organisation=org("188"))
    return log.record(
        "org.update", actor=user, organisation=org("188"), before={"a": 1}, after={"a": 2}
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET after = before WHERE id = %s",
        "UPDATE audit_auditentry SET seq = seq + 1000000 WHERE id = %s",
        "UPDATE audit_auditentry SET hash = 'x' WHERE id = %s",
        "UPDATE audit_auditentry SET actor_ref = NULL WHERE id = %s",
        "UPDATE audit_auditentry SET at = at WHERE id = %s AND 1 = 0",  # no row: allowed
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_the_database_refuses_to_rewrite_an_entry_or_its_seal(
    entry: AuditEntry, statement: str
) -> None:
    if "1 = 0" in statement:
        raw(statement, [entry.pk])
    else:
        with pytest.raises(DatabaseError), transaction.atomic():
            raw(statement, [entry.pk])
    assert "Nhật ký nguyên vẹn" in verify_ok()


def test_a_forced_rewrite_is_named_by_seq(entry: AuditEntry) -> None:
    drop_triggers()
    raw("UPDATE audit_auditentry SET after = before WHERE id = %s", [entry.pk])
    printed, error = verify_fails()
    assert f"seq {entry.seq} (id {entry.pk})" in printed and f"seq {entry.seq}" in error


@postgres_only
def test_postgresql_refuses_truncate(entry: AuditEntry) -> None:
    # Run the test transaction's deferred checks now, or PostgreSQL refuses TRUNCATE
    # for them ("pending trigger events") before the trigger is reached.
    raw("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
        raw("TRUNCATE audit_auditentry")
    with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
        raw("TRUNCATE accounts_user CASCADE")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@postgres_only
def test_postgresql_refuses_at_commit_a_link_emptied_while_the_account_exists(
    entry: AuditEntry,
) -> None:
    # The test's transaction never commits: SET CONSTRAINTS … IMMEDIATE runs the
    # deferred check now, as COMMIT would.
    with pytest.raises(DatabaseError, match="still exists"), transaction.atomic():
        raw("UPDATE audit_auditentry SET actor_id = NULL WHERE id = %s", [entry.pk])
        raw("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="still exists"), transaction.atomic():
        raw("UPDATE audit_auditentry SET organisation_id = NULL WHERE id = %s", [entry.pk])
        raw("SET CONSTRAINTS ALL IMMEDIATE")
    assert AuditEntry.objects.get(pk=entry.pk).actor_id is not None


def test_deleting_the_account_empties_the_link_and_the_chain_holds(entry: AuditEntry) -> None:
    with transaction.atomic():
        User.objects.filter(username="tham-do").delete()
        if connection.vendor == "postgresql":
            raw("SET CONSTRAINTS ALL IMMEDIATE")
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor_id is None and kept.actor_ref is not None and kept.actor_name == "tham-do"
    assert "Nhật ký nguyên vẹn" in verify_ok()


def test_sqlite_lets_a_link_be_emptied_but_verify_reports_it(entry: AuditEntry) -> None:
    if connection.vendor == "postgresql":
        drop_triggers()
    raw("UPDATE audit_auditentry SET actor_id = NULL WHERE id = %s", [entry.pk])
    printed, _ = verify_fails()
    assert f"seq {entry.seq} (id {entry.pk}): liên kết người thực hiện bị xóa lặng lẽ" in printed
