"""Optional two-step sign-in (TOTP, django-otp) for administrators and counting-board heads.

Who may turn it on is decided here; once a user has a confirmed device, the
login form asks for the six-digit code as well, and a wrong code counts as a
failed login for the throttle (django-axes).
"""

from __future__ import annotations

import segno
from django.apps import apps
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from daihoi.accounts.models import Role, User
from daihoi.audit import log

DEVICE_NAME = "Đại hội"


def may_use(user: User) -> bool:
    """Administrators and heads of a counting board hold what a stolen password would open."""
    if user.is_superuser or user.has_role(Role.ADMIN):
        return True
    board_member = apps.get_model("elections", "BoardMember")
    return bool(board_member.objects.filter(user=user, role="head").exists())


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The device being set up: shown as a QR code until a first code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2))


def secret_text(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for typing into an app by hand."""
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def clean_token(token: str) -> str:
    return "".join(ch for ch in token if ch.isdigit())


@transaction.atomic
def do_enable(user: User, token: str) -> bool:
    """Confirm the pending device with a first code; False if the code is wrong."""
    device = pending_device(user)
    if not device.verify_token(clean_token(token)):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log.record("user.2fa_on", actor=user, organisation=user.organisation, target=user.username)
    return True


@transaction.atomic
def do_disable(user: User, token: str) -> bool:
    """Turn two-step sign-in off; it takes a current code, so a borrowed session cannot."""
    device = confirmed_device(user)
    if device is None or not device.verify_token(clean_token(token)):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    log.record("user.2fa_off", actor=user, organisation=user.organisation, target=user.username)
    return True
