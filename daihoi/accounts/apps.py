from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _device_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from daihoi.accounts.twofactor import sync_confirmed_flag

    sync_confirmed_flag(instance.user_id)


def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """At each sign-in, note whether a policy requires a device this user has not set up.

    Worked out once here (a query or two) rather than on every request; the
    middleware reads only the session. A policy made later applies from the
    user's next sign-in.
    """
    from daihoi.accounts.twofactor import SETUP_REQUIRED_KEY, needs_setup

    if request is None or not hasattr(request, "session"):
        return
    if needs_setup(user):
        request.session[SETUP_REQUIRED_KEY] = True
    else:
        request.session.pop(SETUP_REQUIRED_KEY, None)


class AccountsConfig(AppConfig):
    name = "daihoi.accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # Every way a device is confirmed or removed (the setup page, reset-2fa,
        # a user deleted) keeps User.otp_confirmed true to the devices.
        post_save.connect(_device_changed, sender=TOTPDevice, dispatch_uid="accounts.otp_saved")
        post_delete.connect(_device_changed, sender=TOTPDevice, dispatch_uid="accounts.otp_deleted")
        user_logged_in.connect(_signed_in, dispatch_uid="accounts.signed_in")
