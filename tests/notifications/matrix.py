"""Who may open the notification pages (rows of tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.models import Notification

LOGIN = "login"

MATRIX: dict[str, list[object]] = {
    # Everyone signed in has an inbox of their own (maybe empty).
    "notifications_inbox": [200, 200, 200, 200, 200, 200, LOGIN],
    # Writes are POSTs; a GET is refused by method, after the sign-in.
    "notifications_mark_read": [405, 405, 405, 405, 405, 405, LOGIN],
    "notifications_mark_all_read": [405, 405, 405, 405, 405, 405, LOGIN],
    "notifications_set_delivery": [405, 405, 405, 405, 405, 405, LOGIN],
}


def world(base: dict[str, object]) -> dict[str, object]:
    (note,) = notify(
        Event.APPROVAL_ASKED,
        [User.objects.get(username="locbinh")],
        params={"unit": "Đảng bộ xã Tú Đoạn", "what": "văn kiện"},
        url="/",
    )
    return {"notification": note}


def url(name: str, route: str, world: dict[str, object]) -> str:
    if name == "notifications_mark_read":
        note = world["notification"]
        assert isinstance(note, Notification)
        return reverse(name, kwargs={"pk": note.pk})
    return reverse(name)
