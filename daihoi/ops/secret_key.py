"""The secret key: made once per data folder, kept in a file, never the published demo key.

Django signs sessions, forms and the delegate cards' QR tokens with SECRET_KEY.
A key published in the source lets anyone forge a card for any server that uses
it, so when DAIHOI_SECRET_KEY is not set the first start makes a random key and
stores it in `DATA_DIR/secret_key` (mode 0600); later starts, and every other
process on the same data folder, read it back.

Imported by the settings before Django is set up: standard library only.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
import tempfile
from pathlib import Path

# Published with the source: a laptop on 127.0.0.1 may still be started with it
# (DAIHOI_SECRET_KEY=<this>), a server reachable from elsewhere may not.
DEMO_SECRET_KEY = "daihoi-demo-key-not-for-production-use-0123456789"  # noqa: S105 - named to be refused
FILE_NAME = "secret_key"
MIN_LENGTH = 32


class SecretKeyError(Exception):
    """The key file can be neither read nor made."""


def secret_key(from_environment: str | None, data_dir: Path) -> str:
    """The key to use: DAIHOI_SECRET_KEY when given, else the data folder's own key."""
    if from_environment:
        return from_environment
    return load_or_create(data_dir / FILE_NAME)


def load_or_create(path: Path) -> str:
    """Return the key stored at path, making and storing a random one first if there is none.

    Processes starting together (gunicorn workers, pytest-xdist workers) all end
    with the same key: each writes a complete candidate to a temporary file and
    links it to the final name, which succeeds for one of them only; the others
    then read the winner's key.
    """
    key = _read(path)
    if key is not None:
        return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp makes the file readable and writable by its owner only (0600).
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{FILE_NAME}.")
    except OSError as exc:
        raise SecretKeyError(_cannot_make(path, exc)) from exc
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(secrets.token_urlsafe(50) + "\n")
            file.flush()
            os.fsync(file.fileno())
        _publish(temporary, path)
    except OSError as exc:
        raise SecretKeyError(_cannot_make(path, exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    key = _read(path)
    if key is None:  # removed again between our write and our read: nothing sane to do
        raise SecretKeyError(f"The secret key file {path} disappeared while it was being made.")
    return key


def _publish(temporary: str, path: Path) -> None:
    """Give the finished file its final name unless another process was first."""
    try:
        # A hard link never replaces an existing name: the first process wins, the
        # others keep its key (os.replace would let each overwrite the one before,
        # and processes already running would keep a key no longer on disk).
        os.link(temporary, path)
    except FileExistsError:
        return
    except OSError:
        # A file system without hard links: replace, if nobody has made it meanwhile.
        if not path.exists():
            os.replace(temporary, path)


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretKeyError(
            f"Cannot read the secret key file {path} ({exc}). Give the server's user read "
            "access to it, or set DAIHOI_SECRET_KEY."
        ) from exc
    key = text.strip()
    if not key:
        raise SecretKeyError(
            f"The secret key file {path} is empty. Restore it from a backup, or delete it "
            "to have a new key made (printed delegate cards and open sessions then stop "
            "working)."
        )
    return key


def _cannot_make(path: Path, exc: OSError) -> str:
    return (
        f"Cannot make the secret key file {path} ({exc}). Let the server's user write to "
        "that folder, point DAIHOI_DATA_DIR to one it may write, or set DAIHOI_SECRET_KEY "
        "to a long random value."
    )


def weakness(key: str) -> str | None:
    """Why a key must not guard a server others reach: "demo", "short", "repetitive"; or None."""
    if key == DEMO_SECRET_KEY:
        return "demo"
    if len(key) < MIN_LENGTH:
        return "short"
    if len(set(key)) < 5 or key.startswith("django-insecure-"):
        return "repetitive"
    return None


def is_loopback(host: str) -> bool:
    """Whether listening on host reaches this machine only (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        # "" and "0.0.0.0" listen everywhere; any other name may resolve to a LAN address.
        return False


def may_serve(key: str, host: str, *, https: bool) -> bool:
    """Whether a server may start with this key: a weak key only over plain http on loopback."""
    if weakness(key) is None:
        return True
    return is_loopback(host) and not https
