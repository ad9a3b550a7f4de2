"""The real thing: `daihoi serve` runs an import in its background thread; cancel rolls it back.

The shared test database lives inside rolled-back transactions that a server
thread cannot see, so this builds a Lạng Sơn demo in a database of its own
(tests/support.py) and talks to the server over HTTP like a browser would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support import own_database, serving

DAIHOI = str(Path(sys.executable).with_name("daihoi"))
PASSWORD = "daihoi2020"  # noqa: S105 - the demo's published password

# Prints a CSV renaming every organisation of Lạng Sơn, and counts what is in the database.
SCRIPT = """
import csv, sys, django
django.setup()
from daihoi.audit.models import AuditEntry
from daihoi.orgs.models import Organisation as O
root = O.objects.get(structure__code="2020", code="20")
rows = O.objects.filter(path__startswith=root.path, depth__gt=root.depth).select_related("level")
if sys.argv[1] == "csv":
    code_of = {o.path: o.code for o in O.objects.filter(path__startswith=root.path)}
    out = csv.writer(sys.stdout)
    out.writerow(["code", "parent_code", "name", "level"])
    for o in rows.order_by("path"):
        out.writerow([o.code, code_of[o.path[:-O.steplen]], f"{o.name} (đổi tên)", o.level.rank])
else:
    renamed = rows.filter(name__endswith="(đổi tên)").count()
    print(rows.count(), renamed, AuditEntry.objects.filter(action__startswith="org.").count())
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("jobs")
    with own_database(folder, "jobs") as url:
        env = {**os.environ, "DATABASE_URL": url}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        subprocess.run(
            [DAIHOI, "demo", "--provinces", "20"], env=env, check=True, capture_output=True
        )
        with serving(env) as server:
            yield server, {**env, "DJANGO_SETTINGS_MODULE": "daihoi.settings"}


def script(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def session(server: str, username: str) -> requests.Session:
    browser = requests.Session()
    browser.get(f"{server}/dang-nhap/", timeout=10)
    response = browser.post(
        f"{server}/dang-nhap/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        timeout=10,
    )
    assert response.url.rstrip("/") != f"{server}/dang-nhap", "login failed"
    return browser


def upload(browser: requests.Session, server: str, code: str, data: bytes) -> str:
    response = browser.post(
        f"{server}/to-chuc/2020/{code}/nhap/tai-len/",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        files={"file": ("ds.csv", data, "text/csv")},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    location = response.headers["Location"]
    assert re.fullmatch(r"/viec/\d+/", location), location
    return server + location


def fragment(browser: requests.Session, url: str) -> str:
    return browser.get(url, headers={"HX-Request": "true"}, timeout=10).text


def wait_for(browser: requests.Session, url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fragment(browser, url)
        if text in page:
            return page
        time.sleep(0.2)
    pytest.fail(f"{text!r} never appeared on {url}; last page:\n{page}")


def test_the_server_runs_the_import_in_the_background_and_shows_it_done(
    served: tuple[str, dict[str, str]],
) -> None:
    server, _env = served
    browser = session(server, "langson")
    data = "code,parent_code,name,level\n20-J1,20,Đảng bộ Khu công nghiệp,2\n".encode()
    url = upload(browser, server, "20", data)
    page = wait_for(browser, url, "thêm mới 1")
    assert 'hx-trigger="every 1s"' not in page


def test_a_cancel_while_the_server_writes_leaves_nothing_written(
    served: tuple[str, dict[str, str]],
) -> None:
    server, env = served
    before = script(env, "count")
    browser = session(server, "langson")
    url = upload(browser, server, "20", script(env, "csv").encode())
    running = wait_for(browser, url, "Đang cập nhật tổ chức")
    assert "<progress" in running and 'hx-trigger="every 1s"' in running
    done = int(re.search(r'<progress max="\d+" value="(\d+)"', running).group(1))  # type: ignore[union-attr]
    assert 0 < done < 5330
    cancelled = browser.post(
        url + "huy/", data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]}, timeout=30
    )
    assert cancelled.status_code == 200
    page = wait_for(browser, url, "Đã hủy, không có gì được ghi.")
    assert 'hx-trigger="every 1s"' not in page
    count, renamed, audit = script(env, "count").split()
    assert renamed == "0"
    assert (count, audit) == tuple(before.split()[::2])


def test_ctrl_c_stops_a_command_line_import_and_writes_nothing(
    served: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    import signal

    _server, env = served
    before = script(env, "count")
    path = tmp_path / "ds.csv"
    path.write_text(script(env, "csv"), encoding="utf-8")
    process = subprocess.Popen(
        [DAIHOI, "import-orgs", str(path)],
        env={k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A test run started in the background inherits an ignored SIGINT; Ctrl-C must work.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    # Not a terminal: the bar prints plain lines; the first comes as the updates begin.
    first = process.stderr.readline()
    assert first.startswith("Đang cập nhật tổ chức  ["), first
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 130
    assert "Đã hủy (Ctrl-C); không có gì được ghi vào cơ sở dữ liệu." in rest
    assert script(env, "count") == before
