"""The unread count in every page's header: one indexed COUNT, only for signed-in users."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from daihoi.notifications.queries import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: a page that never shows the header (a JSON answer, a download) pays nothing.
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
