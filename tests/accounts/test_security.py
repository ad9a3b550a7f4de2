"""Production settings pass Django's deployment checks; the demo key never reaches a server."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

DAIHOI = str(Path(sys.executable).with_name("daihoi"))


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [DAIHOI, "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = run_check(
        DAIHOI_HTTPS="1",
        DAIHOI_SECRET_KEY=secrets.token_urlsafe(64),
        DAIHOI_ALLOWED_HOSTS="daihoi.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_https_without_a_secret_key_refuses_to_start() -> None:
    env = {"DAIHOI_HTTPS": "1"}
    os_env = {k: v for k, v in os.environ.items() if k != "DAIHOI_SECRET_KEY"}
    result = subprocess.run(
        [DAIHOI, "check"], env={**os_env, **env}, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DAIHOI_SECRET_KEY" in result.stderr


def test_sessions_end_with_the_browser_and_after_inactivity() -> None:
    from django.conf import settings

    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


@pytest.mark.django_db
def test_a_session_in_use_stays_alive_and_an_idle_one_ends() -> None:
    """The idle limit holds, though the session is written at most once a minute."""
    import datetime as dt

    import time_machine
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.test import Client

    from daihoi.accounts.models import User

    age = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    start = dt.datetime(2020, 2, 19, 8, 0, tzinfo=dt.UTC)
    client = Client()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(User.objects.get(username="locbinh"))
        key = client.session.session_key

        def expiry() -> dt.datetime:
            return Session.objects.get(session_key=key).expire_date

        assert client.get("/tim-kiem/?q=loc").status_code == 200
        first = expiry()
        clock.shift(dt.timedelta(seconds=20))
        client.get("/tim-kiem/?q=loc")
        assert expiry() == first, "written again within the minute"
        # Used every hour for a whole day: never logged out.
        for _hour in range(24):
            clock.shift(age - dt.timedelta(minutes=5))
            assert client.get("/tim-kiem/?q=loc").status_code == 200
        assert expiry() > first + dt.timedelta(hours=20)
        # Left idle past the limit: the next request goes to the login page.
        clock.shift(age + dt.timedelta(minutes=2))
        response = client.get("/tim-kiem/?q=loc")
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
