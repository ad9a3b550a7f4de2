"""Accounts in the Django admin; the admin is for superusers only."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from daihoi.accounts.models import ApiToken, User
from daihoi.audit.admin_mixins import AuditedAdmin


def _superuser_only(request: HttpRequest) -> bool:
    # The admin is not scoped to a subtree, so only national superusers may use it.
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _superuser_only  # type: ignore[method-assign]

# A TOTP device row holds the shared secret: the admin would show it and the audit
# trail would copy it. Users set it up on their own page; `daihoi reset-2fa` clears it.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):  # type: ignore[misc]
    list_display = ["username", "full_name", "organisation", "roles", "is_active"]
    search_fields = ["username", "full_name"]
    raw_id_fields = ["organisation"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("Đại hội", {"fields": ("full_name", "organisation", "roles")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["name", "user", "created", "last_used"]
    readonly_fields = ["digest", "created", "last_used"]
