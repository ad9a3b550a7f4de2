"""Mail for notifications: one at a time right after the action, or one digest a day.

Sending happens outside any transaction of an action. Each notification is claimed
with a conditional UPDATE before its mail goes (pending → sending), so two senders (the
request's on-commit hook and a `send-digests` run) never mail it twice; after the
send it is marked sent, or put back to pending with one more attempt counted. A
claim older than STALE_CLAIM (a process killed mid-send) is pending again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from daihoi.notifications.models import MailState, Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_CLAIM = dt.timedelta(hours=1)


def _claim(ids: Iterable[int]) -> list[Notification]:
    now = timezone.now()
    claimable = Q(mail_state=MailState.PENDING) | Q(
        mail_state=MailState.SENDING, mail_claimed_at__lt=now - STALE_CLAIM
    )
    ids = list(ids)
    Notification.objects.filter(claimable, pk__in=ids).update(
        mail_state=MailState.SENDING, mail_claimed_at=now
    )
    return list(
        Notification.objects.filter(
            pk__in=ids, mail_state=MailState.SENDING, mail_claimed_at=now
        ).select_related("recipient")
    )


def _done(ids: list[int], ok: bool) -> None:
    if ok:
        Notification.objects.filter(pk__in=ids).update(
            mail_state=MailState.SENT, mailed_at=timezone.now()
        )
        return
    Notification.objects.filter(pk__in=ids).update(
        mail_attempts=F("mail_attempts") + 1, mail_state=MailState.PENDING
    )
    # After the last attempt it stays in the inbox, marked as not mailed.
    Notification.objects.filter(pk__in=ids, mail_attempts__gte=MAX_ATTEMPTS).update(
        mail_state=MailState.FAILED
    )


def _send(to: str, subject: str, template: str, context: dict[str, object]) -> bool:
    try:
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(template, {**context, "site": settings.DAIHOI_SITE_URL})
            send_mail(subject, body, None, [to])
    except Exception:  # noqa: BLE001 - any failure of the mail server is retried later
        logger.exception("notification mail to a user failed; it will be retried")
        return False
    return True


def send_now(ids: Iterable[int]) -> int:
    """Mail each of these immediate notifications that is still pending; return how many."""
    sent = 0
    for note in _claim(ids):
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[Đại hội] %(event)s") % {"event": note.get_kind_display()}
        ok = _send(note.recipient.email, subject, "notifications/mail.txt", {"note": note})
        _done([note.pk], ok)
        sent += ok
    return sent


def send_pending() -> tuple[int, int]:
    """Retry the immediate mails that failed, then send each person's digest.

    Returns (immediate mails sent, digests sent). Meant for a daily timer; running it
    more often only sends digests sooner, never twice.
    """
    waiting = Q(mail_state=MailState.PENDING) | Q(
        mail_state=MailState.SENDING, mail_claimed_at__lt=timezone.now() - STALE_CLAIM
    )
    immediate = list(
        Notification.objects.filter(waiting, digest=False).values_list("pk", flat=True)
    )
    sent = send_now(immediate)
    digests = 0
    by_person: dict[int, list[int]] = defaultdict(list)
    for pk, user_id in Notification.objects.filter(waiting, digest=True).values_list(
        "pk", "recipient_id"
    ):
        by_person[user_id].append(pk)
    for ids in by_person.values():
        notes = _claim(ids)
        if not notes:
            continue
        person = notes[0].recipient
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[Đại hội] %(count)s thông báo trong ngày") % {"count": len(notes)}
        ok = _send(person.email, subject, "notifications/digest.txt", {"notes": notes})
        _done([n.pk for n in notes], ok)
        digests += ok
    return sent, digests
