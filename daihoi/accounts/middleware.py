"""Two-step sign-in holds on every page, not only on the login form.

A session may have been opened with the password alone: before the user
turned two-step sign-in on, or by a login path that does not ask for the code.
TwoFactorMiddleware (after django_otp's OTPMiddleware) refuses such a session
of a user who has a confirmed device: it is signed out and sent to the login
page, which asks for the code. A session of a user whom an organisation's
policy requires to use two-step sign-in, but who has no device yet, may only
open the setup page (and sign out) until a device is confirmed.

Cost: the check-in desk's hot path must not pay a query for this. "Has a
confirmed device" is the column User.otp_confirmed, read with the user's one
SELECT (accounts/backends.py) and kept true by TOTPDevice signals, so it holds
in every session at once when a device is confirmed or removed; "must set one
up" is worked out at sign-in and kept in the session (accounts/apps.py), which
is read anyway. A user without a device therefore costs nothing here; a user
with one pays django-otp's lookup of the verified device, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from daihoi.accounts.twofactor import SETUP_REQUIRED_KEY


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static_prefix = str(settings.STATIC_URL or "/static/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.path_info.startswith(self.static_prefix):
            return self.get_response(request)
        if user.otp_confirmed and not user.is_verified():  # type: ignore[union-attr,attr-defined]
            return self._refuse_unverified(request)
        if request.session.get(SETUP_REQUIRED_KEY) and request.path_info not in (
            reverse("two_factor"),
            reverse("two_factor_enable"),
            reverse("logout"),
        ):
            return self._send_to_setup(request)
        # A password from a printed sheet is changed first (a column of the user's row:
        # no query; the page says why). The API is left alone: a token is no password.
        if (
            user.password_temporary  # type: ignore[union-attr]
            and not _is_api(request)
            and request.path_info not in (reverse("password_change"), reverse("logout"))
        ):
            return redirect("password_change")
        return self.get_response(request)

    def _refuse_unverified(self, request: HttpRequest) -> HttpResponse:
        """Sign the password-only session out; the login page asks for the code."""
        message = _("Tài khoản này đã bật xác thực hai bước: đăng nhập lại và nhập mã 6 số.")
        logout(request)
        response: HttpResponse
        if _is_api(request):
            response = JsonResponse({"detail": message, "code": "otp_required"}, status=401)
        elif request.path_info in (reverse("login"), reverse("logout")):
            response = redirect("login")
        else:
            response = redirect_to_login(request.get_full_path())
        # MessageMiddleware sits inside this one and does not see a refused request,
        # so the notice is stored on the response here.
        storage = default_storage(request)
        storage.add(messages.WARNING, message)
        storage.update(response)
        return response

    def _send_to_setup(self, request: HttpRequest) -> HttpResponse:
        if _is_api(request):
            return JsonResponse(
                {
                    "detail": _("Tổ chức yêu cầu bật xác thực hai bước trước khi dùng hệ thống."),
                    "code": "otp_setup_required",
                },
                status=403,
            )
        return redirect("two_factor")
