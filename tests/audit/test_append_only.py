"""The audit trail can be added to, never rewritten: by the app or by a raw query."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from daihoi.accounts.models import User
from daihoi.audit import log
from daihoi.audit.models import AppendOnlyError, AuditEntry
from tests.conftest import org

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry() -> AuditEntry:
    user = User.objects.create_user("tam-thoi", organisation=org("188"))
    log.record("org.update", actor=user, organisation=org("188"), target="Lộc Bình", after={"a": 1})
    return AuditEntry.objects.get(actor=user)


def test_the_app_refuses_to_change_or_delete_an_entry(entry: AuditEntry) -> None:
    entry.target = "đã sửa"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).target == "Lộc Bình"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET target = 'đã sửa' WHERE id = %s",
        "UPDATE audit_auditentry SET after = NULL WHERE id = %s",
        "UPDATE audit_auditentry SET actor_name = 'người khác' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_the_database_refuses_a_raw_rewrite(entry: AuditEntry, statement: str) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [entry.pk])
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert (kept.target, kept.after, kept.actor_name) == ("Lộc Bình", {"a": 1}, entry.actor_name)


def test_the_database_refuses_a_bulk_update_through_the_orm(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="org.create")
    assert AuditEntry.objects.get(pk=entry.pk).action == "org.update"


def test_removing_the_account_keeps_the_entry_with_the_name(entry: AuditEntry) -> None:
    name = entry.actor_name
    User.objects.filter(username="tam-thoi").delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor_id is None
    assert kept.actor_name == name
