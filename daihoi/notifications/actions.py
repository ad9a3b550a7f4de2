"""Writes of the notifications app: tell people, mark read, choose how to be mailed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from daihoi.audit import log
from daihoi.notifications import mail
from daihoi.notifications.models import Delivery, MailState, Notification, Preference

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation


def notify(
    kind: str,
    recipients: Iterable[User],
    *,
    url: str | Callable[[User], str] = "",
    params: Mapping[str, Any] | None = None,
    organisation: Organisation | None = None,
    exclude: User | None = None,
) -> list[Notification]:
    """Put a notification in each recipient's inbox; mail the immediate ones after commit.

    Called inside the action whose event it reports, so the inbox entry commits or
    rolls back with the action. The mail goes only once the transaction has committed
    (never for a change that was rolled back), and a failed send does not touch the
    action: the notification stays pending and `daihoi send-digests` retries it.
    The person who caused the event (`exclude`) is not told about it. `url` may be a
    function of the recipient, where each one opens the event from their own unit.
    """
    people = {
        u.pk: u for u in recipients if u.is_active and (exclude is None or u.pk != exclude.pk)
    }
    if not people:
        return []
    deliveries = dict(
        Preference.objects.filter(user_id__in=people).values_list("user_id", "delivery")
    )
    rows = []
    for pk, user in people.items():
        delivery = deliveries.get(pk, Delivery.IMMEDIATE)
        mailed = bool(user.email) and delivery != Delivery.INBOX
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                params=dict(params or {}),
                url=url(user) if callable(url) else url,
                organisation=organisation,
                mail_state=MailState.PENDING if mailed else MailState.NONE,
                digest=delivery == Delivery.DIGEST,
            )
        )
    made = Notification.objects.bulk_create(rows)
    immediate = [n.pk for n in made if n.mail_state == MailState.PENDING and not n.digest]
    if immediate:
        transaction.on_commit(lambda: mail.send_now(immediate))
    return made


@transaction.atomic(durable=True)
def do_mark_read(notification: Notification, *, acting_user: User) -> None:
    """Mark one of the user's own notifications read (the view found it in their inbox)."""
    Notification.objects.filter(
        pk=notification.pk, recipient=acting_user, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic(durable=True)
def do_mark_all_read(*, acting_user: User) -> int:
    """Mark every unread notification of the user read; return how many."""
    return Notification.objects.filter(recipient=acting_user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic(durable=True)
def do_set_delivery(delivery: str, *, acting_user: User) -> Preference:
    """Choose how notifications reach the user by mail; audited (ids and the choice)."""
    preference, _created = Preference.objects.select_for_update().get_or_create(user=acting_user)
    with log.audited(
        "notifications.delivery",
        actor=acting_user,
        organisation=acting_user.organisation,
        target=f"user:{acting_user.pk}",
        snapshot=lambda: {"delivery": preference.delivery},
    ):
        preference.delivery = Delivery(delivery)
        preference.save(update_fields=["delivery"])
    return preference
