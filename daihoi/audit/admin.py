from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from daihoi.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The trail is read-only, even for superusers."""

    list_display = ["at", "actor_name", "action", "target", "organisation"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target"]
    raw_id_fields = ["actor", "organisation"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
