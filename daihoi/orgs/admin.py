"""Django admin for system administrators (superusers only, see accounts.admin)."""

from __future__ import annotations

from django.contrib import admin

from daihoi.audit.admin_mixins import AuditedAdmin
from daihoi.orgs.models import Level, Organisation, Structure, UnitType


@admin.register(Structure)
class StructureAdmin(AuditedAdmin):
    list_display = ["code", "name", "valid_from"]


@admin.register(Level)
class LevelAdmin(AuditedAdmin):
    list_display = ["structure", "rank", "code", "name", "short_name"]
    list_filter = ["structure"]


@admin.register(UnitType)
class UnitTypeAdmin(AuditedAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    """Read and correct fields; the tree's shape changes only through imports."""

    list_display = ["code", "name", "level", "kind", "members", "structure"]
    list_filter = ["structure", "level", "kind"]
    search_fields = ["code", "search_name"]
    readonly_fields = ["structure", "code", "level", "path", "depth", "numchild"]
    fields = [
        "structure",
        "code",
        "name",
        "kind",
        "level",
        "unit_type",
        "members",
        "valid_from",
        "valid_until",
        "path",
        "depth",
        "numchild",
    ]
    show_full_result_count = False  # counting 330,000 rows on every page is wasted work

    def has_add_permission(self, request: object) -> bool:
        return False
