"""The health endpoint for monitoring: no login, no data about organisations."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from daihoi.ops.backup import migration_status

logger = logging.getLogger("daihoi.ops")


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok", "database": "ok", "migrations": "ok"|"pending"}, or 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        status = migration_status(connection)
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return JsonResponse(
            {"status": "error", "database": "error", "migrations": "unknown"}, status=503
        )
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "migrations": "pending" if status.pending else "ok",
        }
    )


def ping(request: HttpRequest) -> HttpResponse:
    """Return "ok" without database or session: the ceiling of the check-in benchmark."""
    return HttpResponse("ok", content_type="text/plain")
