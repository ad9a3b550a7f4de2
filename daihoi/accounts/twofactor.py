"""Two-step sign-in (TOTP, django-otp): who may or must use it, and its devices.

Administrators and counting-board heads may turn it on; an organisation's
policy (TwoFactorPolicy) makes it compulsory for kinds of user in its subtree.
Once a user has a confirmed device, the login form asks for the six-digit code
as well (a wrong code counts as a failed login for django-axes), and
accounts.middleware refuses any session of theirs that was not verified by a
code. A user whom a policy requires and who has no device is sent to set one
up before anything else.
"""

from __future__ import annotations

from collections.abc import Callable

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from daihoi.accounts.models import Role, TwoFactorKind, TwoFactorPolicy, User
from daihoi.audit import log

DEVICE_NAME = "Đại hội"

# Session key: this session signed in without a device although a policy requires one,
# so it may only set one up (accounts.middleware). Set at sign-in, removed by do_enable.
SETUP_REQUIRED_KEY = "_2fa_setup_required"


# Who heads a counting board is the elections app's to say; it sits above accounts and
# registers its answer from ElectionsConfig.ready(), so accounts names no model of it.
_board_head_checks: list[Callable[[User], bool]] = []


def register_board_head_check(check: Callable[[User], bool]) -> None:
    if check not in _board_head_checks:
        _board_head_checks.append(check)


def is_board_head(user: User) -> bool:
    return any(check(user) for check in _board_head_checks)


def may_use(user: User) -> bool:
    """Administrators and heads of a counting board hold what a stolen password would open."""
    if user.is_superuser or user.has_role(Role.ADMIN) or user.otp_confirmed:
        return True
    return is_board_head(user) or required_by_policy(user)


def required_kinds(user: User) -> set[str]:
    """The kinds named by the policies of the user's organisation and of every one above it."""
    org = user.organisation
    if org is None:
        return set()
    step = org.steplen
    paths = [org.path[: depth * step] for depth in range(1, org.depth + 1)]
    kinds: set[str] = set()
    for policy_kinds in TwoFactorPolicy.objects.filter(organisation__path__in=paths).values_list(
        "kinds", flat=True
    ):
        kinds.update(policy_kinds)
    return kinds


def required_by_policy(user: User) -> bool:
    """Whether a policy above or at the user's organisation requires two-step sign-in of them."""
    kinds = required_kinds(user)
    if not kinds:
        return False
    if kinds & set(user.roles):
        return True
    return TwoFactorKind.BOARD_HEAD in kinds and is_board_head(user)


def needs_setup(user: User) -> bool:
    """Required by a policy but without a confirmed device: asked at each sign-in."""
    return not user.otp_confirmed and required_by_policy(user)


def sync_confirmed_flag(user_id: int) -> None:
    """Copy "has a confirmed device" onto the user row (see User.otp_confirmed)."""
    has_device = TOTPDevice.objects.filter(user_id=user_id, confirmed=True).exists()
    User.objects.filter(pk=user_id).exclude(otp_confirmed=has_device).update(
        otp_confirmed=has_device
    )


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
