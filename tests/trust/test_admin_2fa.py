"""The admin's login cannot be used to skip the two-step code (issue 15.1).

A probe found that an administrator with two-step sign-in on could sign in at
/admin/login/ with the password alone and get a session for the whole site.
"""

from __future__ import annotations

import pytest
from django.test import Client

from daihoi.accounts.models import User
from tests.accounts.test_two_factor import PASSWORD, code_for, enabled, login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttle(settings: object) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]


def test_the_admin_login_with_the_password_alone_opens_nothing() -> None:
    enabled("quantri")
    client = Client()
    response = client.post("/admin/login/", {"username": "quantri", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    for path in ("/", "/to-chuc/2020/188/"):
        assert client.get(path)["Location"].startswith("/dang-nhap/")


def test_the_admin_login_sends_to_the_site_login_which_asks_for_the_code() -> None:
    device = enabled("quantri")
    client = Client()
    response = client.get("/admin/login/?next=/admin/orgs/organisation/")
    assert response["Location"] == "/dang-nhap/?next=/admin/orgs/organisation/"
    without = login(client, "quantri")
    assert "_auth_user_id" not in client.session
    assert "nhập mã 6 số" in without.content.decode()  # type: ignore[attr-defined]
    login(client, "quantri", code_for(device))
    assert client.get("/admin/").status_code == 200


def test_a_password_only_session_of_an_admin_with_a_device_does_not_open_the_admin() -> None:
    enabled("quantri")
    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert "_auth_user_id" not in client.session


def test_a_signed_in_user_without_the_admin_right_is_refused_not_looped(
    province_staff: Client,
) -> None:
    assert province_staff.get("/admin/login/").status_code == 403


def test_an_admin_without_a_device_still_uses_the_admin(national_admin: Client) -> None:
    assert national_admin.get("/admin/").status_code == 200
