"""A busy database answers 503 "try again", never 500.

A long import holds SQLite's single write lock (or PostgreSQL row locks) while a
check-in desk tries to write: after the busy timeout the desk's request fails with
"database is locked" or a lock timeout. Nothing was written (the request's
transaction rolled back), so the honest answer is 503 with Retry-After, and the
desk's script sends the same scan again (check-in is idempotent).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 2
# SQLite's words for a lock it gave up waiting on.
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
# PostgreSQL: lock_not_available, query_canceled (lock/statement timeout), deadlock,
# serialization failure: all leave nothing written and succeed when tried again.
_PG_RETRYABLE = frozenset({"55P03", "57014", "40P01", "40001"})


def is_busy(exc: BaseException) -> bool:
    """Return whether the error is the database being busy, not broken."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if code in _PG_RETRYABLE:
        return True
    text = str(exc).lower()
    return any(words in text for words in _SQLITE_BUSY)


def busy_response(request: HttpRequest) -> HttpResponse:
    message = _(
        "Hệ thống đang bận ghi dữ liệu nên thao tác của bạn chưa được thực hiện. "
        "Xin thử lại sau vài giây."
    )
    accept = request.headers.get("Accept", "")
    response: HttpResponse
    if "text/html" in accept:
        title = escape(_("Hệ thống đang bận"))
        response = HttpResponse(
            f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>{title}</title>'
            f"<h1>{title}</h1><p>{escape(message)}</p></html>",
            status=503,
        )
    else:
        # The desk's script and the API read JSON; "busy" tells them to send again.
        response = HttpResponse(
            json.dumps({"ok": False, "busy": True, "message": message}, ensure_ascii=False),
            status=503,
            content_type="application/json",
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class BusyDatabaseMiddleware:
    """Turn a view's lock timeout into a retryable 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        logger.warning("database busy on %s %s: %s", request.method, request.path, exception)
        return busy_response(request)
