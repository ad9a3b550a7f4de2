"""daihoi serve: one process with threads, or gunicorn worker processes with --workers."""

from __future__ import annotations

import http.cookiejar
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.support import serving

DAIHOI = str(Path(sys.executable).with_name("daihoi"))


def _processes() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return ""


def _children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def test_workers_serve_from_that_many_processes(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with serving(env, "--workers", "3") as server:
        with urllib.request.urlopen(f"{server}/ping/", timeout=10) as response:  # noqa: S310 - our server
            assert response.status == 200
        port = server.rsplit(":", 1)[1]
        # The master and its workers (forks) carry the same command line; the master
        # is the one with three children (they may still be starting when /ping/ answers).
        deadline, counts = time.monotonic() + 20, []
        while time.monotonic() < deadline and counts != [0, 0, 0, 3]:
            ours = [p for p in _processes() if f"serve\0--port\0{port}\0" in _cmdline(p)]
            counts = sorted(len(_children(pid)) for pid in ours)
            time.sleep(0.2)
        assert counts == [0, 0, 0, 3]


def test_no_workers_is_refused_with_a_reason(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(  # noqa: S603 - our own command
        [DAIHOI, "serve", "--workers", "0"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    assert "--workers phải từ 1 trở lên" in done.stderr


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as the operations guide makes one."""
    cert, key = folder / "venue.crt", folder / "venue.key"
    command = (
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1"
    ).split()
    subprocess.run(  # noqa: S603 - fixed arguments, openssl from the system
        [*command, "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True
    )
    return cert, key


def test_a_certificate_makes_it_serve_https(tmp_path: Path) -> None:
    import ssl

    cert, key = _certificate(tmp_path)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    options = ("--workers", "2", "--certfile", str(cert), "--keyfile", str(key))
    for command in (["migrate", "-v0"], ["createsuperuser", "--noinput", "--username", "ban"]):
        subprocess.run(  # noqa: S603 - our own command
            [DAIHOI, *command, *(["--email", "ban@example.vn"] if "ban" in command else [])],
            env={**env, "DJANGO_SUPERUSER_PASSWORD": "Hoi-truong-2026"},
            check=True,
            capture_output=True,
        )
    with serving(env, *options) as server:
        secure = server.replace("http://", "https://")
        trusting = ssl.create_default_context(cafile=str(cert))
        browser = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=trusting),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        )
        # Signing in works over https: the CSRF check takes the https origin as its own.
        with browser.open(f"{secure}/dang-nhap/", timeout=10) as response:
            page = response.read().decode()
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        form = urllib.parse.urlencode(
            {"username": "ban", "password": "Hoi-truong-2026", "csrfmiddlewaretoken": token}
        ).encode()
        signing_in = urllib.request.Request(  # noqa: S310 - our server
            f"{secure}/dang-nhap/", data=form, headers={"Referer": f"{secure}/dang-nhap/"}
        )
        with browser.open(signing_in, timeout=10) as response:
            assert response.status == 200
            assert not response.url.endswith("/dang-nhap/")  # redirected past the form
        # Plain http to the same port gets no page.
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{server}/ping/", timeout=10)  # noqa: S310 - our server


def test_a_half_given_or_unreadable_certificate_is_refused_before_serving(tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    cases = {
        ("--workers", "2", "--certfile", str(cert)): "cần cả --certfile và --keyfile",
        ("--workers", "2", "--certfile", str(key), "--keyfile", str(key)): "Không dùng được",
        ("--certfile", str(cert), "--keyfile", str(key)): "--workers từ 2 trở lên",
    }
    for options, message in cases.items():
        done = subprocess.run(  # noqa: S603 - our own command
            [DAIHOI, "serve", *options],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode != 0, options
        assert message in done.stderr, (options, done.stderr)
