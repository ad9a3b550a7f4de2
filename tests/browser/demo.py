"""A Lạng Sơn demo in a database of its own, a setup script run on it, served for a browser.

The browser tests' fixtures each built the demo, ran their script and served it the
same way; this is that one way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.browser.test_find_loc_binh import DAIHOI, _require_chromium
from tests.support import own_database, serving


def serve_demo(
    folder: Path, name: str, setup: str = "", *, provinces: str = "20"
) -> Iterator[tuple[str, str]]:
    """Build the demo (province 20 unless named), run `setup` on it, serve it; yield
    (url, setup's last line)."""
    _require_chromium()
    with own_database(folder, name) as url:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "daihoi.settings"}
        subprocess.run(
            [DAIHOI, "demo", "--provinces", provinces],
            env={k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"},
            check=True,
            capture_output=True,
        )
        printed = ""
        if setup:
            made = subprocess.run(
                [sys.executable, "-c", setup], env=env, capture_output=True, text=True
            )
            assert made.returncode == 0, made.stderr[-2000:]
            lines = made.stdout.strip().splitlines()
            printed = lines[-1] if lines else ""
        with serving(env) as server:
            yield server, printed
