"""Every entry is sealed to the one before it, however it is written."""

from __future__ import annotations

import pytest
from django.db import transaction

from daihoi.accounts.models import User
from daihoi.audit import chain, log
from daihoi.audit.models import AuditEntry
from tests.audit.helpers import verify_ok
from tests.conftest import org

pytestmark = pytest.mark.django_db


def _walk() -> list[AuditEntry]:
    entries = list(AuditEntry.objects.order_by("seq"))
    previous = chain.GENESIS
    for number, entry in enumerate(entries, start=1):
        assert entry.seq == number
        assert entry.hash == chain.entry_hash(previous, entry), entry.seq
        previous = entry.hash
    return entries


def test_many_writes_one_at_a_time_and_in_bulk_form_one_chain() -> None:
    user = User.objects.create_user("chuoi", organisation=org("188"))
    start = AuditEntry.objects.count()
    for i in range(30):
        log.record(
            "org.update", actor=user, organisation=org("188"), target=f"#{i}", after={"i": i}
        )
    written = log.record_many(
        "org.import",
        actor=None,
        entries=[(org("20"), f"đơn vị {i}", None, {"i": i, "ratio": 0.5}) for i in range(250)],
    )
    with transaction.atomic():
        log.record("org.move", actor=user, organisation=None, before={"parent": 1})
        AuditEntry(actor_name="x", action="org.create", target="trực tiếp").save()
    entries = _walk()
    assert len(entries) == start + 30 + written + 2
    assert entries[-1].target == "trực tiếp" and entries[-1].seq == len(entries)
    assert "Nhật ký nguyên vẹn" in verify_ok()


def test_the_time_is_taken_when_the_entry_is_sealed_so_times_only_go_forward() -> None:
    for _ in range(5):
        log.record("org.update", actor=None, organisation=None)
    times = list(AuditEntry.objects.order_by("seq").values_list("at", flat=True))
    assert times == sorted(times)


def test_the_ids_as_written_stay_under_the_hash() -> None:
    user = User.objects.create_user("id-goc", organisation=org("188"))
    entry = log.record("org.update", actor=user, organisation=org("188"))
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor_ref, stored.organisation_ref) == (user.pk, org("188").pk)


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1.0, "b": (1, 2), 3: "khóa số"},
        {"big": 1e20, "small": 1e-7, "text": "Lộc Bình \u00e0\u0301"},
        ["x", None, True, 0.1],
        None,
    ],
)
def test_a_value_hashes_the_same_before_and_after_the_database(value: object) -> None:
    entry = log.record("org.update", actor=None, organisation=None, after=value)  # type: ignore[arg-type]
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert chain.canonical_json(stored.after) == chain.canonical_json(value)
    assert "Nhật ký nguyên vẹn" in verify_ok()
