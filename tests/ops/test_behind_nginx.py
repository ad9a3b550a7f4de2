"""daihoi serve behind Debian's nginx, as the operations guide sets it up (issue 15.5).

nginx ends TLS on loopback with a self-signed certificate and forwards to `daihoi
serve` (waitress, or gunicorn with --workers) over plain http, with the `server`
block copied from docs/operations.md. Clients connect from other loopback
addresses (127.0.0.2, 127.0.0.3), so nginx's $remote_addr tells them apart as it
would tell two desks in a hall apart, while the application sees every proxied
request come from nginx at 127.0.0.1, the one trusted proxy.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from daihoi.ops.proxies import hops_to_client, parse, trust_proxies
from tests.conftest import IN_CI
from tests.ops.test_serve import _certificate
from tests.support import free_port, own_database, serving, wait_for_port

DAIHOI = str(Path(sys.executable).with_name("daihoi"))
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "operations.md"
PASSWORD = "Hoi-truong-2026"
DESK_A, DESK_B, OUTSIDER = "127.0.0.2", "127.0.0.3", "127.0.0.4"


# --- The wrapper on its own ---------------------------------------------------------


def _seen(proxies: tuple[str, ...], **environ: str) -> dict[str, Any]:
    """The WSGI environ the application gets for a request with these variables."""
    seen: dict[str, Any] = {}

    def application(env: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(env)
        return []

    request = {"wsgi.url_scheme": "http", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000"}
    trust_proxies(application, proxies)({**request, **environ}, lambda *a: None)
    return seen


def test_forwarded_headers_from_an_untrusted_peer_are_removed() -> None:
    seen = _seen(
        ("127.0.0.1",),
        REMOTE_ADDR="10.0.0.9",
        HTTP_X_FORWARDED_FOR="10.0.0.20",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_FORWARDED="for=10.0.0.20;proto=https",
        HTTP_HOST="127.0.0.1:8000",
    )
    assert seen["REMOTE_ADDR"] == "10.0.0.9"
    assert seen["wsgi.url_scheme"] == "http"
    assert seen["HTTP_HOST"] == "127.0.0.1:8000"
    assert not [k for k in seen if "FORWARDED" in k]


def test_without_trusted_proxies_nobody_is_believed() -> None:
    seen = _seen((), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert seen["wsgi.url_scheme"] == "http"
    assert "HTTP_X_FORWARDED_PROTO" not in seen
    # No peer address at all (a unix socket): nothing believed, nothing broken.
    seen = _seen(("127.0.0.1",), HTTP_X_FORWARDED_FOR="10.0.0.20")
    assert "HTTP_X_FORWARDED_FOR" not in seen and "REMOTE_ADDR" not in seen


def test_from_a_trusted_proxy_the_client_is_the_address_it_appended() -> None:
    seen = _seen(
        ("127.0.0.1",),
        REMOTE_ADDR="127.0.0.1",
        # The client typed 1.2.3.4 itself; nginx appended the address it saw.
        HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9",
        HTTP_X_FORWARDED_PROTO="https",
        # nginx passes on what the client typed in headers it does not set itself.
        HTTP_X_FORWARDED_PORT="8443",
        HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_HOST="daihoi.tinhuy.example.vn",
    )
    assert seen["REMOTE_ADDR"] == "10.0.0.9"
    assert seen["wsgi.url_scheme"] == "https"
    assert seen["HTTP_HOST"] == "daihoi.tinhuy.example.vn"
    assert "HTTP_X_FORWARDED_PORT" not in seen and "HTTP_X_FORWARDED_HOST" not in seen


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_client() -> None:
    proxies = ("127.0.0.1", "10.0.0.1")
    # Load balancer 10.0.0.1 → nginx 127.0.0.1 → us: the client is left of 10.0.0.1.
    assert hops_to_client("1.2.3.4, 10.0.0.9, 10.0.0.1", proxies) == 2
    seen = _seen(
        proxies, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9, 10.0.0.1"
    )
    assert seen["REMOTE_ADDR"] == "10.0.0.9"
    # A client reaching nginx directly cannot pass itself off as the balancer's client.
    assert hops_to_client("10.0.0.1, 10.0.0.9", proxies) == 1


def test_trusted_proxies_must_be_addresses() -> None:
    assert parse(" 127.0.0.1, ::1,,127.0.0.1 ") == ("127.0.0.1", "::1")
    assert parse(None) == ()
    for wrong in ("*", "nginx.local", "10.0.0.0/8"):
        with pytest.raises(ValueError, match="DAIHOI_TRUSTED_PROXIES"):
            parse(wrong)


def test_a_wildcard_or_a_name_as_trusted_proxy_stops_the_start(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/proxies.sqlite3"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for wrong in ("*", "127.0.0.1,nginx"):
        done = subprocess.run(  # noqa: S603 - our own command
            [DAIHOI, "serve", "--port", str(free_port())],
            env={**env, "DAIHOI_TRUSTED_PROXIES": wrong},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode != 0, wrong
        assert "is not an IP address" in done.stderr, done.stderr


def test_the_throttle_reads_the_forwarded_address_only_from_a_trusted_proxy(
    settings: Any,
) -> None:
    from django.test import RequestFactory

    from daihoi.accounts.client_ip import client_ip

    settings.TRUSTED_PROXIES = ("::1", "127.0.0.1")
    ask = RequestFactory().get
    # Through a proxy: the right-most address that is not a proxy, in canonical form.
    assert client_ip(ask("/", REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR="1.2.3.4, 2001:DB8::9")) == (
        "2001:db8::9"
    )
    # Typed text is not an address: the proxy's own is kept rather than stored as one.
    assert client_ip(ask("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="x")) == "127.0.0.1"
    # Sent straight to the application: the header is the client's to type.
    assert client_ip(ask("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="10.0.0.20")) == (
        "10.0.0.9"
    )


def _serve_stderr(env: dict[str, str], folder: Path) -> str:
    """What `daihoi serve` writes to stderr by the time it listens."""
    port, log = free_port(), folder / "serve.err"
    with log.open("w") as stderr:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [DAIHOI, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            wait_for_port(port)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return log.read_text()


def test_https_without_a_proxy_or_certificate_warns_at_start(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/warn.sqlite3",
        "DAIHOI_DATA_DIR": str(tmp_path / "data"),
        "DAIHOI_HTTPS": "1",
        "DAIHOI_SECRET_KEY": secrets.token_urlsafe(50),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DAIHOI_TRUSTED_PROXIES", None)
    assert "DAIHOI_TRUSTED_PROXIES=127.0.0.1" in _serve_stderr(env, tmp_path)
    behind_nginx = {**env, "DAIHOI_TRUSTED_PROXIES": "127.0.0.1"}
    assert "DAIHOI_TRUSTED_PROXIES" not in _serve_stderr(behind_nginx, tmp_path)


# --- The real thing -----------------------------------------------------------------


def _nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.path.exists(p)), None
    )
    if found:
        return found
    message = "nginx is missing (apt-get install -y nginx-light)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _guide_server_block() -> str:
    """The https `server { … }` block of the guide's nginx configuration."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("### nginx with TLS", 1)[1]
    config = section.split("```nginx\n", 1)[1].split("```", 1)[0]
    start = config.index("server {\n    listen 443")
    depth, end = 0, start
    for end in range(start, len(config)):
        depth += {"{": 1, "}": -1}.get(config[end], 0)
        if depth == 0 and config[end] == "}":
            break
    return config[start : end + 1]


def _nginx_config(folder: Path, port: int, upstream: int, cert: Path, key: Path) -> Path:
    block = _guide_server_block()
    for pattern, replacement in (
        (r"listen 443 ssl", f"listen 127.0.0.1:{port} ssl"),
        (r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};"),
        (r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};"),
        (r"proxy_pass http://127\.0\.0\.1:8000;", f"proxy_pass http://127.0.0.1:{upstream};"),
    ):
        block, found = re.subn(pattern, replacement, block)
        assert found == 1, f"the guide's nginx block no longer has {pattern!r}"
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    config = folder / "nginx.conf"
    config.write_text(
        f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
{temp}
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{block}
}}
"""
    )
    return config


@contextmanager
def _running_nginx(folder: Path, upstream: int, cert: Path, key: Path) -> Iterator[int]:
    nginx = _nginx()
    port = free_port()
    config = _nginx_config(folder, port, upstream, cert, key)
    process = subprocess.Popen(  # noqa: S603 - nginx from the system, our own config
        [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (folder / "error.log").read_text()
                        if (folder / "error.log").exists()
                        else ""
                    )
                    pytest.fail(f"nginx did not start: {log}")
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


class Answer:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.location = response.getheader("Location", "")
        self.cookies = response.headers.get_all("Set-Cookie") or []
        self.headers = response.headers
        self.body = response.read().decode("utf-8", "replace")

    def cookie(self, name: str) -> tuple[str, str]:
        """The cookie's value and its whole Set-Cookie line."""
        for line in self.cookies:
            if line.startswith(f"{name}="):
                return line.split(";", 1)[0].split("=", 1)[1], line
        raise AssertionError(f"no {name} cookie in {self.cookies}")


def _ask(
    port: int,
    path: str,
    *,
    source: str,
    tls: ssl.SSLContext | None = None,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request from `source` (a loopback address of this machine), no redirect followed."""
    connection: http.client.HTTPConnection = (
        http.client.HTTPSConnection(
            "127.0.0.1", port, context=tls, source_address=(source, 0), timeout=20
        )
        if tls
        else http.client.HTTPConnection("127.0.0.1", port, source_address=(source, 0), timeout=20)
    )
    body = urllib.parse.urlencode(form).encode() if form is not None else None
    sent = {**(headers or {})}
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request("POST" if body is not None else "GET", path, body=body, headers=sent)
        return Answer(connection.getresponse())
    finally:
        connection.close()


def _sign_in(port: int, tls: ssl.SSLContext, source: str, password: str, **headers: str) -> Answer:
    """Open the login form through nginx and send it, as a browser at `source` would."""
    page = _ask(port, "/dang-nhap/", source=source, tls=tls)
    assert page.status == 200, page.status
    csrf, line = page.cookie("csrftoken")
    assert "; secure" in line.lower(), line
    token = page.body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    origin = f"https://127.0.0.1:{port}"
    return _ask(
        port,
        "/dang-nhap/",
        source=source,
        tls=tls,
        form={"username": "ban", "password": password, "csrfmiddlewaretoken": token},
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Origin": origin,
            "Referer": f"{origin}/dang-nhap/",
            **headers,
        },
    )


def _attempt_addresses(env: dict[str, str]) -> list[str]:
    done = subprocess.run(  # noqa: S603 - our own command
        [
            DAIHOI,
            "shell",
            "-v0",
            "-c",
            "from axes.models import AccessAttempt as A; "
            "print(*sorted(A.objects.values_list('ip_address', flat=True)))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], Path, Path]]:
    """A migrated database of its own with one user, the server's environment and a certificate."""
    _nginx()
    folder = tmp_path_factory.mktemp("nginx")
    cert, key = _certificate(folder)
    with own_database(folder, "nginx") as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DAIHOI_DATA_DIR": str(folder / "data"),
            "DAIHOI_HTTPS": "1",
            "DAIHOI_SECRET_KEY": secrets.token_urlsafe(50),
            "DAIHOI_TRUSTED_PROXIES": "127.0.0.1",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        for command in (
            ["migrate", "-v0"],
            ["createsuperuser", "--noinput", "--username", "ban", "--email", "ban@example.vn"],
        ):
            subprocess.run(  # noqa: S603 - our own command
                [DAIHOI, *command],
                env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
                check=True,
                capture_output=True,
            )
        yield env, cert, key


@pytest.mark.parametrize("options", [(), ("--workers", "2")], ids=["waitress", "gunicorn"])
def test_behind_nginx_https_the_client_address_and_secure_cookies_hold(
    site: tuple[dict[str, str], Path, Path], tmp_path: Path, options: tuple[str, ...]
) -> None:
    env, cert, key = site
    # Each run starts with no failed logins on record (the database is shared by both).
    subprocess.run(  # noqa: S603 - our own command
        [DAIHOI, "axes_reset"], env=env, check=True, capture_output=True
    )
    tls = ssl.create_default_context(cafile=str(cert))
    with (
        serving(env, *options) as server,
        _running_nginx(tmp_path, int(server.rsplit(":", 1)[1]), cert, key) as port,
    ):
        upstream = int(server.rsplit(":", 1)[1])

        # No redirect loop: the home page sends to the login form, which answers.
        home = _ask(port, "/", source=DESK_A, tls=tls)
        assert home.status == 302, (home.status, home.location)
        assert home.location.startswith("/dang-nhap/"), home.location
        assert "max-age=31536000" in home.headers.get("Strict-Transport-Security", "")
        assert _ask(port, home.location, source=DESK_A, tls=tls).status == 200
        # A forwarding header nginx does not set is the client's own: not believed.
        poisoned = _ask(
            port, "/", source=DESK_A, tls=tls, headers={"X-Forwarded-Host": "evil.example"}
        )
        assert (poisoned.status, poisoned.location) == (home.status, home.location)

        # Desk A types wrong passwords, with a forged X-Forwarded-For naming desk B:
        # nginx appends A's own address and only that one counts.
        for attempt in range(5):
            wrong = _sign_in(port, tls, DESK_A, "sai-mat-khau", **{"X-Forwarded-For": DESK_B})
            # The fifth failure may already answer with the lock-out page.
            assert wrong.status in ((200,) if attempt < 4 else (200, 429)), wrong.status
        locked = _sign_in(port, tls, DESK_A, PASSWORD)
        assert locked.status == 429, locked.status
        assert set(_attempt_addresses(env)) == {DESK_A}

        # Desk B, same username, is not locked out by A, and its session cookie is Secure.
        signed_in = _sign_in(port, tls, DESK_B, PASSWORD)
        assert signed_in.status == 302, signed_in.status
        _, session = signed_in.cookie("sessionid")
        assert "; secure" in session.lower() and "; httponly" in session.lower(), session

        # Straight to the application server, not through nginx, from another address:
        # the forwarded headers are anyone's to type, so they change nothing.
        forged = _ask(
            upstream,
            "/dang-nhap/",
            source=OUTSIDER,
            headers={
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": DESK_A,
                "X-Forwarded-Host": "evil.example",
            },
        )
        assert forged.status == 301, forged.status
        assert forged.location == f"https://127.0.0.1:{upstream}/dang-nhap/", forged.location
        # The same headers from nginx's address are believed: it is the trusted proxy.
        proxied = _ask(
            upstream, "/dang-nhap/", source="127.0.0.1", headers={"X-Forwarded-Proto": "https"}
        )
        assert proxied.status == 200, proxied.status
