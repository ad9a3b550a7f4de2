"""daihoi serve: one process with threads, or gunicorn worker processes with --workers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
