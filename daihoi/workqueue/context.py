"""The work queue's count in every page's header: lazy, one query when the header shows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from daihoi.workqueue.queue import count_of_request


def work_count(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: a page without the header (a download, an htmx fragment) pays nothing.
    return {"work_count": SimpleLazyObject(lambda: count_of_request(request))}
