"""The session store: Django's database sessions, read with a plain SELECT."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from daihoi.web.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_reads_back() -> None:
    store = SessionStore()
    store["ban"] = "Bàn 3"
    store.create()
    again = SessionStore(store.session_key)
    assert again["ban"] == "Bàn 3"
    assert again.session_key == store.session_key


def test_an_expired_session_is_empty_and_gets_a_new_key() -> None:
    store = SessionStore()
    store["ban"] = "Bàn 3"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    again = SessionStore(store.session_key)
    assert "ban" not in again
    again["x"] = 1
    again.save()
    assert again.session_key != store.session_key


@pytest.mark.parametrize("key", ["", "short", "a" * 31 + "\x00", "ABCDEFGH'; --", "é" * 32])
def test_a_malformed_key_is_no_session_not_an_error(key: str) -> None:
    store = SessionStore(key)
    assert store.session_key is None
    assert dict(store.items()) == {}


def test_signing_in_and_out_through_the_store() -> None:
    client = Client()
    client.post("/dang-nhap/", {"username": "locbinh", "password": "daihoi2020"})
    key = client.cookies["sessionid"].value
    assert SessionStore(key).get("_auth_user_id")
    assert client.get("/tong-quan/").status_code == 200
    client.post("/dang-xuat/")
    assert not Session.objects.filter(session_key=key).exists()
    assert "_auth_user_id" not in SessionStore(key)


def test_a_cookie_with_a_nul_byte_is_treated_as_signed_out() -> None:
    client = Client()
    client.cookies["sessionid"] = '"abcdefgh\\000ijklmnop"'
    response = client.get("/tong-quan/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
