"""The secret key: made once per data folder, never the published demo key beyond this machine.

Whoever knows SECRET_KEY can sign a delegate card's QR token. The demo key is
in the source, so a server that fell back to it could be handed forged cards.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core import signing

from daihoi.ops.secret_key import DEMO_SECRET_KEY, load_or_create
from daihoi.web.management.commands.serve import key_refusal
from tests.support import free_port

DAIHOI = str(Path(sys.executable).with_name("daihoi"))
PRINT_KEY = (
    "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
)
# Run under a server's settings: is the token on the command line a genuine card?
READ_TOKEN = """
import sys, django
django.setup()
from daihoi.assembly.tokens import TokenError, read_token
try:
    print("genuine", read_token(sys.argv[1]))
except TokenError as exc:
    print(exc.code)
"""


def _environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """A server's environment over its own data folder, without a key of its own."""
    env = {k: v for k, v in os.environ.items() if k != "DAIHOI_SECRET_KEY"}
    env.pop("DATABASE_URL", None)
    return {**env, "DAIHOI_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "daihoi.settings"}


def _python(code: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_the_first_start_makes_a_private_key_and_the_second_reuses_it(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    first = _python(PRINT_KEY, env)
    stored = tmp_path / "secret_key"
    assert stored.read_text().strip() == first
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert first != DEMO_SECRET_KEY
    assert len(first) >= 50
    assert _python(PRINT_KEY, env) == first
    # Another data folder is another installation: a key of its own.
    assert _python(PRINT_KEY, _environment(tmp_path / "other")) != first


def test_a_key_given_in_the_environment_is_used_and_no_file_is_made(tmp_path: Path) -> None:
    given = "k" + "0123456789abcdef" * 4
    env = {**_environment(tmp_path), "DAIHOI_SECRET_KEY": given}
    assert _python(PRINT_KEY, env) == given
    assert not (tmp_path / "secret_key").exists()


def test_threads_making_the_key_at_once_all_get_the_one_stored(tmp_path: Path) -> None:
    path = tmp_path / "data" / "secret_key"
    start = threading.Barrier(16)
    keys: list[str] = []

    def make() -> None:
        start.wait()
        keys.append(load_or_create(path))

    threads = [threading.Thread(target=make) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 16
    assert set(keys) == {path.read_text().strip()}
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no temporary left


def _make_in_process(path: str, start: threading.Barrier, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    start.wait()
    results.put(load_or_create(Path(path)))


def test_processes_starting_at_once_all_get_the_one_stored(tmp_path: Path) -> None:
    """As gunicorn's workers or pytest-xdist's do on a fresh data folder."""
    context = multiprocessing.get_context("fork")
    path = tmp_path / "secret_key"
    start, results = context.Barrier(6), context.Queue()
    processes = [
        context.Process(target=_make_in_process, args=(str(path), start, results)) for _ in range(6)
    ]
    for process in processes:
        process.start()
    keys = {results.get(timeout=30) for _ in processes}
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert keys == {path.read_text().strip()}


def test_an_empty_key_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("\n")
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT_KEY],
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert f"{tmp_path / 'secret_key'} is empty" in done.stderr
    assert (tmp_path / "secret_key").read_text() == "\n"  # not silently replaced


def test_a_card_signed_with_the_demo_key_is_forged_for_a_server_with_its_own_key(
    tmp_path: Path,
) -> None:
    from daihoi.assembly.tokens import CARD_SALT

    # What an attacker can make from the source alone: delegate 7 of congress 3.
    forged = signing.Signer(key=DEMO_SECRET_KEY, salt=f"{CARD_SALT}:3").sign("3.7")
    assert _python(READ_TOKEN, _environment(tmp_path), forged) == "forged"
    # The same card would pass on a server still using the demo key: the attack is real.
    demo = {**_environment(tmp_path), "DAIHOI_SECRET_KEY": DEMO_SECRET_KEY}
    assert _python(READ_TOKEN, demo, forged) == "genuine (3, 7)"
    # And a card signed with the server's own stored key still passes there.
    own = (tmp_path / "secret_key").read_text().strip()
    genuine = signing.Signer(key=own, salt=f"{CARD_SALT}:3").sign("3.7")
    assert _python(READ_TOKEN, _environment(tmp_path), genuine) == "genuine (3, 7)"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"])
def test_the_demo_key_may_still_serve_this_machine_alone(host: str) -> None:
    assert key_refusal(DEMO_SECRET_KEY, host, https=False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "", "::", "192.168.1.10", "daihoi.local"])  # noqa: S104
def test_the_demo_key_is_refused_beyond_this_machine(host: str) -> None:
    refusal = key_refusal(DEMO_SECRET_KEY, host, https=False)
    assert refusal is not None
    assert "khoá mẫu" in refusal
    assert "DAIHOI_SECRET_KEY" in refusal


def test_the_demo_key_is_refused_over_https_even_on_loopback() -> None:
    refusal = key_refusal(DEMO_SECRET_KEY, "127.0.0.1", https=True)
    assert refusal is not None
    assert "qua https" in refusal


def test_a_short_or_repetitive_key_is_refused_beyond_this_machine_a_generated_one_is_not(
    tmp_path: Path,
) -> None:
    short = key_refusal("mat-khau-cua-tinh-uy", "0.0.0.0", https=False)  # noqa: S104
    assert short is not None and "ngắn hơn 32 ký tự" in short
    repetitive = key_refusal("a" * 60, "0.0.0.0", https=False)  # noqa: S104
    assert repetitive is not None and "quá dễ đoán" in repetitive
    generated = load_or_create(tmp_path / "secret_key")
    assert key_refusal(generated, "0.0.0.0", https=True) is None  # noqa: S104


def test_serve_with_the_demo_key_on_the_lan_exits_with_the_reason(tmp_path: Path) -> None:
    env = {
        **_environment(tmp_path),
        "DAIHOI_SECRET_KEY": DEMO_SECRET_KEY,
        "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
    }
    env.pop("DJANGO_SETTINGS_MODULE")
    # Were it not refused it would serve; the timeout then ends it and the test fails.
    done = subprocess.run(  # noqa: S603 - our own command
        [DAIHOI, "serve", "--host", "0.0.0.0", "--port", str(free_port())],  # noqa: S104
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "Không khởi động" in done.stderr
    assert "khoá mẫu" in done.stderr
    assert "bỏ biến DAIHOI_SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr
    assert "đang chạy" not in done.stdout
