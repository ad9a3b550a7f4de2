"""Optional two-step sign-in for administrators and counting-board heads."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from daihoi.accounts import twofactor
from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.models import BoardRole
from tests.elections.helpers import counting_election

pytestmark = pytest.mark.django_db

PASSWORD = "daihoi2020"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enabled(username: str) -> TOTPDevice:
    user = User.objects.get(username=username)
    device = twofactor.pending_device(user)
    assert twofactor.do_enable(user, code_for(device))
    device.refresh_from_db()
    # A code is good once: the login below must use the next one, as a phone would.
    device.last_t = -1
    device.save()
    return device


def login(client: Client, username: str, token: str = "") -> object:
    return client.post(
        "/dang-nhap/", {"username": username, "password": PASSWORD, "otp_token": token}
    )


def test_who_may_turn_it_on() -> None:
    assert twofactor.may_use(User.objects.get(username="quantri"))
    assert not twofactor.may_use(User.objects.get(username="locbinh"))
    election = counting_election()
    head = User.objects.get(username="locbinh")
    # Counting has started: only the board's head changes the board, with a reason.
    do_add_board_member(
        election,
        head,
        role=BoardRole.HEAD,
        team=None,
        reason="Bổ sung trưởng ban",
        acting_user=User.objects.get(username="truongban"),
    )
    assert twofactor.may_use(head)


@pytest.fixture
def no_throttle(settings: object) -> None:
    """django-otp makes a user wait after a wrong code; a test types the next one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]


def test_setting_up_shows_a_qr_code_and_a_first_code_turns_it_on(no_throttle: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    page = client.get("/tai-khoan/xac-thuc-hai-buoc/").content.decode()
    assert "<svg" in page and "Bật xác thực hai bước" in page
    device = TOTPDevice.objects.get(user__username="quantri", confirmed=False)
    wrong = client.post(reverse("two_factor_enable"), {"token": "000000"})
    # The page again (400), the error beside the code's field, nothing turned on.
    assert wrong.status_code == 400 and "Mã không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user__username="quantri", confirmed=True).exists()
    right = client.post(reverse("two_factor_enable"), {"token": code_for(device)}, follow=True)
    assert "Đang bật" in right.content.decode()
    assert AuditEntry.objects.filter(action="user.2fa_on", target="quantri").exists()


def test_a_user_who_turned_it_on_needs_the_code_to_log_in(no_throttle: None) -> None:
    device = enabled("quantri")
    client = Client()
    without = login(client, "quantri")
    assert "đã bật xác thực hai bước" in without.content.decode()  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session
    wrong = login(client, "quantri", "123456" if code_for(device) != "123456" else "654321")
    assert "không đúng hoặc đã hết hạn" in wrong.content.decode()  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session
    right = login(client, "quantri", code_for(device))
    assert right.status_code == 302  # type: ignore[attr-defined]
    assert client.session["_auth_user_id"] == str(device.user_id)
    assert client.session.get("otp_device_id") == device.persistent_id


def test_users_without_it_log_in_with_the_password_alone() -> None:
    client = Client()
    assert login(client, "locbinh").status_code == 302  # type: ignore[attr-defined]


def test_guessing_codes_is_throttled_like_passwords() -> None:
    enabled("quantri")
    client = Client()
    for _ in range(5):
        login(client, "quantri", "999999")
    assert login(client, "quantri", "999999").status_code == 429  # type: ignore[attr-defined]


def test_a_user_who_may_not_use_it_is_told_why_and_cannot_post() -> None:
    client = Client()
    client.force_login(User.objects.get(username="locbinh"))
    page = client.get("/tai-khoan/xac-thuc-hai-buoc/").content.decode()
    assert "dành cho quản trị viên và trưởng ban kiểm phiếu" in page
    client.post(reverse("two_factor_enable"), {"token": "000000"})
    assert not TOTPDevice.objects.filter(user__username="locbinh").exists()
    # The page is GET only: each write has its own URL.
    assert client.post(reverse("two_factor"), {"token": "000000"}).status_code == 405


def test_turning_it_off_through_the_page_takes_a_current_code() -> None:
    device = enabled("quantri")
    client = Client()
    assert login(client, "quantri", code_for(device)).status_code == 302  # type: ignore[attr-defined]
    page = client.get(reverse("two_factor")).content.decode()
    assert f'action="{reverse("two_factor_disable")}"' in page and "data-confirm=" in page
    wrong = client.post(reverse("two_factor_disable"), {"token": "abc"})
    assert wrong.status_code == 400
    assert TOTPDevice.objects.filter(user__username="quantri", confirmed=True).exists()
    device.refresh_from_db()
    device.last_t = -1  # the sign-in used this step's code; the wrong one set a delay
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(reverse("two_factor_disable"), {"token": code_for(device)})
    assert right.status_code == 302
    assert not TOTPDevice.objects.filter(user__username="quantri").exists()
    assert AuditEntry.objects.filter(action="user.2fa_off", target="quantri").exists()


def test_turning_it_off_takes_a_current_code_and_a_lost_phone_is_reset_by_command() -> None:
    device = enabled("quantri")
    user = User.objects.get(username="quantri")
    assert not twofactor.do_disable(user, "000000" if code_for(device) != "000000" else "111111")
    assert twofactor.confirmed_device(user) is not None
    out = io.StringIO()
    call_command("reset_2fa", "quantri", stdout=out)
    assert "Đã xóa xác thực hai bước" in out.getvalue()
    assert twofactor.confirmed_device(user) is None
    assert AuditEntry.objects.filter(action="user.2fa_reset", target="quantri").exists()


def test_the_secret_never_reaches_the_admin() -> None:
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
