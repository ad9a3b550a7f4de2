"""GET /suc-khoe/: no login, three fields, 503 when the database cannot be reached."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.ops import backup

pytestmark = pytest.mark.django_db

# The endpoint in a process whose database is somewhere nothing answers.
UNREACHABLE = """
import json
import django
django.setup()
from django.test import Client
response = Client().get("/suc-khoe/")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_health_answers_anyone_with_status_only() -> None:
    response = Client().get(reverse("health"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert reverse("health") == "/suc-khoe/"


def test_health_says_pending_when_the_code_has_a_migration_the_database_lacks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    known = backup.known_migrations() | {("elections", "9999_from_the_future")}
    monkeypatch.setattr(backup, "_known", known)

    response = Client().get("/suc-khoe/")

    assert response.status_code == 200
    assert response.json()["migrations"] == "pending"


def test_health_refuses_other_methods() -> None:
    assert Client().post("/suc-khoe/").status_code == 405


@pytest.mark.parametrize(
    "url",
    ["postgres://postgres@127.0.0.1:1/nothing", "sqlite:////nonexistent-folder/x/db.sqlite3"],
)
def test_health_is_503_when_the_database_is_unreachable(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "daihoi.settings"}
    done = subprocess.run(
        [sys.executable, "-c", UNREACHABLE], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer == {
        "status": 503,
        "body": {"status": "error", "database": "error", "migrations": "unknown"},
    }
    # The failure is logged, as one JSON line, without leaking into the response.
    logged = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert any(e["logger"] == "daihoi.ops" and "exception" in e for e in logged)
