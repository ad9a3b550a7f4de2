"""daihoi verify-audit: silent on an intact trail, names the seq of every change otherwise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.audit import chain, log
from daihoi.audit.models import AuditEntry
from daihoi.cli import main
from tests.audit.helpers import drop_triggers, raw, verify_fails, verify_ok
from tests.conftest import org

pytestmark = pytest.mark.django_db


def _write(n: int = 5) -> list[AuditEntry]:
    return [
        log.record(
            "org.update",
            actor=None,
            organisation=org("188"),
            target=f"Lộc Bình #{i}",
            before={"name": "cũ"},
            after={"name": f"mới {i}"},
        )
        for i in range(n)
    ]


def _forge(at: dt.datetime) -> AuditEntry:
    """Append an entry with a consistent hash but a chosen time, as a forger would."""
    head = AuditEntry.objects.order_by("-seq").first()
    assert head is not None
    forged = AuditEntry(actor_name="ke-gia", action="org.update", target="ghi lùi", at=at)
    forged.seq = head.seq + 1
    forged.hash = chain.entry_hash(head.hash, forged)
    forged.save()
    return forged


def test_an_intact_trail_prints_one_line_with_its_head() -> None:
    entries = _write()
    out = verify_ok()
    head = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    assert out.count("\n") == 1 and "Nhật ký nguyên vẹn" in out
    assert f"{head[0]}:{head[1]}" in out and head[0] == entries[-1].seq
    assert "Nhật ký nguyên vẹn" in verify_ok("--expect", f"{head[0]}:{head[1]}")


def test_an_after_value_changed_behind_the_triggers_back_is_named_by_its_seq() -> None:
    entries = _write()
    drop_triggers()
    raw("UPDATE audit_auditentry SET after = before WHERE id = %s", [entries[2].pk])
    printed, error = verify_fails()
    assert f"seq {entries[2].seq} (id {entries[2].pk}): mã băm không khớp" in printed
    assert f"đầu tiên ở seq {entries[2].seq}" in error
    # Only the changed entry: the chain goes on from the hash as stored.
    assert printed.count("mã băm không khớp") == 1


def test_an_entry_rehashed_after_a_change_breaks_the_next_link() -> None:
    entries = _write()
    drop_triggers()
    victim = AuditEntry.objects.get(pk=entries[1].pk)
    victim.target = "đã sửa"
    previous = AuditEntry.objects.get(seq=victim.seq - 1).hash
    raw(
        "UPDATE audit_auditentry SET target = %s, hash = %s WHERE id = %s",
        ["đã sửa", chain.entry_hash(previous, victim), victim.pk],
    )
    printed, _ = verify_fails()
    assert f"seq {entries[2].seq} (id {entries[2].pk})" in printed


def test_a_removed_entry_shows_as_a_gap() -> None:
    entries = _write()
    drop_triggers()
    raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    printed, _ = verify_fails()
    assert (
        f"seq {entries[3].seq} (id {entries[3].pk}): thiếu bản ghi số {entries[2].seq}" in printed
    )


def test_a_removed_tail_is_seen_against_an_exported_head() -> None:
    entries = _write()
    head = f"{entries[-1].seq}:{entries[-1].hash}"
    drop_triggers()
    raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    assert "Nhật ký nguyên vẹn" in verify_ok()  # a shorter chain is still a chain
    printed, _ = verify_fails("--expect", head)
    assert "phần cuối nhật ký đã bị xóa" in printed
    _, _ = verify_fails("--expect", f"{entries[-2].seq}:{'f' * 64}")


def test_a_back_dated_insert_is_reported_though_its_hash_is_right() -> None:
    _write(2)
    forged = _forge(timezone.now() - dt.timedelta(days=3))
    printed, error = verify_fails()
    assert f"seq {forged.seq} (id {forged.pk}): ghi lùi thời gian" in printed
    assert "mã băm" not in printed and f"seq {forged.seq}" in error


def test_an_entry_dated_in_the_future_is_reported() -> None:
    _write(1)
    forged = _forge(timezone.now() + dt.timedelta(hours=1))
    printed, _ = verify_fails()
    assert f"seq {forged.seq} (id {forged.pk}): thời điểm ở tương lai" in printed


def test_a_quietly_nulled_actor_is_reported_and_a_deleted_account_is_not() -> None:
    kept = User.objects.create_user("con-tai-khoan", organisation=org("188"))
    gone = User.objects.create_user("da-xoa", organisation=org("188"))
    quiet = log.record("org.update", actor=kept, organisation=org("188"))
    log.record("org.update", actor=gone, organisation=org("188"))
    gone.delete()
    assert "Nhật ký nguyên vẹn" in verify_ok()
    drop_triggers()
    raw("UPDATE audit_auditentry SET actor_id = NULL WHERE id = %s", [quiet.pk])
    printed, _ = verify_fails()
    assert printed.splitlines() == [
        f"seq {quiet.seq} (id {quiet.pk}): liên kết người thực hiện bị xóa lặng lẽ: "
        f"tài khoản {kept.pk} vẫn còn"
    ]


def test_a_quietly_nulled_organisation_is_reported() -> None:
    quiet = log.record("org.update", actor=None, organisation=org("188"))
    drop_triggers()
    raw("UPDATE audit_auditentry SET organisation_id = NULL WHERE id = %s", [quiet.pk])
    printed, _ = verify_fails()
    assert f"seq {quiet.seq} (id {quiet.pk}): liên kết tổ chức bị xóa lặng lẽ" in printed


def test_a_broken_database_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(CommandError, match="Không đọc được nhật ký"), transaction.atomic():
        raw("DROP TABLE audit_auditentry")
        call_command("verify_audit")
    assert "Nhật ký nguyên vẹn" in verify_ok()


def test_the_command_line_exits_non_zero_without_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    entries = _write(2)
    drop_triggers()
    raw("UPDATE audit_auditentry SET target = 'x' WHERE id = %s", [entries[0].pk])
    with pytest.raises(SystemExit) as stopped:
        main(["daihoi", "verify-audit"])
    err = capsys.readouterr().err
    assert stopped.value.code == 1
    assert "Traceback" not in err and f"seq {entries[0].seq}" in err
