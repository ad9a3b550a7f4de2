"""Notifications: in the inbox with the action, mailed once after commit, retried, digested."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from daihoi.accounts.models import User
from daihoi.notifications import mail as sender
from daihoi.notifications.actions import do_set_delivery, notify
from daihoi.notifications.events import Event
from daihoi.notifications.models import Delivery, MailState, Notification
from daihoi.notifications.queries import unread_count

pytestmark = pytest.mark.django_db

PARAMS = {"unit": "Đảng bộ huyện Lộc Bình", "what": "văn kiện"}


def person(name: str, email: str = "", delivery: str | None = None) -> User:
    user = User.objects.create_user(
        name, email=email, organisation=User.objects.get(username="locbinh").organisation
    )
    if delivery:
        do_set_delivery(delivery, acting_user=user)
    return user


def test_it_puts_the_notification_in_each_inbox_but_the_actors_own() -> None:
    actor, a, b = person("actor"), person("a"), person("b")
    made = notify(Event.APPROVAL_ASKED, [actor, a, b], params=PARAMS, exclude=actor)
    assert sorted(n.recipient.username for n in made) == ["a", "b"]
    assert unread_count(a) == 1 and unread_count(actor) == 0
    assert made[0].text == "Đảng bộ huyện Lộc Bình xin duyệt văn kiện."


def test_a_person_without_an_address_keeps_it_in_the_inbox_only() -> None:
    nobody = person("khongthu")
    (note,) = notify(Event.RESULTS_ANNOUNCED, [nobody], params=PARAMS)
    assert note.mail_state == MailState.NONE


def test_the_mail_goes_only_after_the_transaction_commits(
    django_capture_on_commit_callbacks: Any,
) -> None:
    reader = person("docthu", "docthu@example.vn")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify(Event.APPROVAL_GIVEN, [reader], params=PARAMS, url="/thong-bao/")
            assert mail.outbox == []  # not inside the transaction
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["docthu@example.vn"]
    assert "Cấp trên đã duyệt văn kiện của Đảng bộ huyện Lộc Bình." in mail.outbox[0].body
    assert Notification.objects.get(recipient=reader).mail_state == MailState.SENT


def test_a_rolled_back_action_mails_nobody_and_leaves_no_inbox_entry(
    django_capture_on_commit_callbacks: Any,
) -> None:
    reader = person("docthu", "docthu@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(Event.APPROVAL_GIVEN, [reader], params=PARAMS)
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=reader).exists()


def test_it_is_mailed_once_however_often_sending_is_asked() -> None:
    reader = person("docthu", "docthu@example.vn")
    (note,) = notify(Event.APPROVAL_GIVEN, [reader], params=PARAMS)
    assert sender.send_now([note.pk]) == 1
    assert sender.send_now([note.pk]) == 0
    assert sender.send_pending() == (0, 0)
    assert len(mail.outbox) == 1


def test_a_failed_send_keeps_it_pending_and_the_daily_run_retries_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reader = person("docthu", "docthu@example.vn")
    (note,) = notify(Event.COMPLAINT, [reader], params=PARAMS)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("connection refused")

    monkeypatch.setattr(sender, "send_mail", refuse)
    assert sender.send_now([note.pk]) == 0  # no exception reaches the action
    note.refresh_from_db()
    assert (note.mail_state, note.mail_attempts) == (MailState.PENDING, 1)
    monkeypatch.undo()
    assert sender.send_pending() == (1, 0)
    note.refresh_from_db()
    assert note.mail_state == MailState.SENT and len(mail.outbox) == 1


def test_after_the_last_attempt_it_is_marked_failed_and_stays_in_the_inbox(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reader = person("docthu", "docthu@example.vn")
    (note,) = notify(Event.COMPLAINT, [reader], params=PARAMS)
    monkeypatch.setattr(sender, "send_mail", lambda *a, **k: (_ for _ in ()).throw(OSError()))
    for _attempt in range(sender.MAX_ATTEMPTS):
        sender.send_pending()
    note.refresh_from_db()
    assert note.mail_state == MailState.FAILED and note.read_at is None
    assert sender.send_pending() == (0, 0)


def test_digests_group_each_persons_day_into_one_mail() -> None:
    a = person("a", "a@example.vn", Delivery.DIGEST)
    b = person("b", "b@example.vn", Delivery.DIGEST)
    for what in ("văn kiện", "nhân sự", "kết quả"):
        notify(Event.APPROVAL_ASKED, [a], params={**PARAMS, "what": what})
    notify(Event.ROUND_OPENED, [a, b], params={**PARAMS, "until": "20/02/2020"})
    assert mail.outbox == []  # digests wait for the daily run
    assert sender.send_pending() == (0, 2)
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "4 thông báo" in by_person["a@example.vn"].subject
    assert by_person["a@example.vn"].body.count("\n- ") == 4
    assert by_person["b@example.vn"].body.count("\n- ") == 1
    assert sender.send_pending() == (0, 0)  # never twice


def test_inbox_only_people_get_no_mail() -> None:
    reader = person("docthu", "docthu@example.vn", Delivery.INBOX)
    (note,) = notify(Event.APPROVAL_GIVEN, [reader], params=PARAMS)
    assert note.mail_state == MailState.NONE
    assert sender.send_pending() == (0, 0) and mail.outbox == []


def test_the_unread_count_is_one_query_whatever_the_inbox_holds() -> None:
    from django.db import connection

    reader = person("docthu")
    notify(Event.APPROVAL_GIVEN, [reader], params=PARAMS)
    notify(Event.RESULTS_ANNOUNCED, [reader], params=PARAMS)
    with CaptureQueriesContext(connection) as queries:
        assert unread_count(reader) == 2
    assert len(queries) == 1


def test_the_daily_command_says_what_it_sent() -> None:
    from io import StringIO

    from django.core.management import call_command

    person("a", "a@example.vn", Delivery.DIGEST)
    notify(Event.DEADLINE_SOON, User.objects.filter(username="a"), params=PARAMS)
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "Đã gửi 0 thư thông báo và 1 thư tổng hợp." in out.getvalue()


def test_the_staff_of_a_unit_are_its_department_and_administrators_only() -> None:
    from daihoi.notifications.recipients import holders

    unit = User.objects.get(username="locbinh").organisation
    names = {u.username for u in holders([unit])}
    assert "locbinh" in names
    assert all({"org_staff", "admin"} & set(u.roles) for u in holders([unit]))
    assert holders([None]) == []
