"""Production settings pass Django's deployment checks; the demo key never reaches a server."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

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
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
