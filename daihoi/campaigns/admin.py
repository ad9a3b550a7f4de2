"""Campaign data national administrators maintain: codes, campaigns, plans and targets."""

from __future__ import annotations

from django.contrib import admin

from daihoi.audit.admin_mixins import AuditedAdmin
from daihoi.campaigns.models import (
    Campaign,
    CompositionTarget,
    DocumentType,
    Issuer,
    LevelPlan,
)


@admin.register(DocumentType)
class DocumentTypeAdmin(AuditedAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Issuer)
class IssuerAdmin(AuditedAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class LevelPlanInline(admin.TabularInline):  # type: ignore[type-arg]
    model = LevelPlan
    extra = 0
    fields = ["level", "deadline", "max_days", "term", "lower_first"]


class TargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CompositionTarget
    extra = 0
    fields = ["code", "label", "minimum", "maximum", "hard", "source"]


@admin.register(Campaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ["slug", "name", "structure", "term_start", "term_end"]
    inlines = [LevelPlanInline, TargetInline]
    raw_id_fields = ["directive"]
