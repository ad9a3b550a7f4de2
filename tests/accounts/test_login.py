"""Logging in: Argon2 hashes, throttling, secure session cookies."""

from __future__ import annotations

import pytest
from django.test import Client

from daihoi.accounts.models import User

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2() -> None:
    assert User.objects.get(username="locbinh").password.startswith("argon2")


def test_five_wrong_passwords_lock_the_account_from_that_address() -> None:
    client = Client()
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "locbinh", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "locbinh", "password": "daihoi2020"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_so_in_vietnamese() -> None:
    response = Client().post("/dang-nhap/", {"username": "locbinh", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_the_session_cookie_is_http_only_and_same_site() -> None:
    client = Client()
    response = client.post("/dang-nhap/", {"username": "locbinh", "password": "daihoi2020"})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_forms_require_a_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="locbinh"))
    response = client.post("/to-chuc/2020/06553/sua/luu/", {"name": "X", "kind": "dang_bo"})
    assert response.status_code == 403


def test_behind_a_trusted_proxy_the_throttle_counts_the_client_not_the_proxy(
    settings: object,
) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # type: ignore[attr-defined]
    # Someone at 10.0.0.9 types wrong passwords; a forged left-most hop does not help them.
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9")
    for _ in range(6):
        attacker.post("/dang-nhap/", {"username": "locbinh", "password": "sai"})
    locked = attacker.post("/dang-nhap/", {"username": "locbinh", "password": "daihoi2020"})
    assert locked.status_code == 429
    # The same username from another desk in the hall still logs in.
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.20")
    ok = colleague.post("/dang-nhap/", {"username": "locbinh", "password": "daihoi2020"})
    assert ok.status_code == 302


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored() -> None:
    for hop in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"):
        Client(HTTP_X_FORWARDED_FOR=hop).post(
            "/dang-nhap/", {"username": "locbinh", "password": "sai"}
        )
    response = Client(HTTP_X_FORWARDED_FOR="10.0.0.6").post(
        "/dang-nhap/", {"username": "locbinh", "password": "daihoi2020"}
    )
    assert response.status_code == 429
