"""Accounts in the Django admin; the admin is for superusers only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from daihoi.accounts.models import ApiToken, User
from daihoi.audit.admin_mixins import AuditedAdmin


def _superuser_only(request: HttpRequest) -> bool:
    # The admin is not scoped to a subtree, so only national superusers may use it;
    # one with two-step sign-in on, only in a session verified by a code (the
    # middleware refuses the others first; this holds if it were ever bypassed).
    user = request.user
    if not (user.is_active and user.is_superuser):
        return False
    return not user.otp_confirmed or bool(user.is_verified())  # type: ignore[union-attr,attr-defined]


def _site_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin's own login form would sign in with the password alone: use the site's.

    The site's login (accounts.views.LoginView) asks for the two-step code of a
    user who has a device. A signed-in user without the admin right gets a 403
    here, not a redirect to a login that would send them straight back.
    """
    if request.user.is_authenticated:
        raise PermissionDenied
    target = request.GET.get("next") or reverse("admin:index")
    return redirect_to_login(target, login_url=settings.LOGIN_URL)


admin.site.has_permission = _superuser_only  # type: ignore[method-assign]
admin.site.login = _site_login  # type: ignore[method-assign,assignment]

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
