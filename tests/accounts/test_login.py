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
    response = client.post("/to-chuc/2020/06553/sua/", {"name": "X", "kind": "dang_bo"})
    assert response.status_code == 403
