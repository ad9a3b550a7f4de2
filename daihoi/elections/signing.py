"""The installation's own Ed25519 key, which signs every announced election record.

Made on first use and kept beside the database (`DAIHOI_DATA_DIR`, or the
file named by `DAIHOI_SIGNING_KEY`), readable by its owner only. The minutes
print its fingerprint and the record's head, so an inspector holding the paper
can tell a record this installation signed from one re-hashed elsewhere.
The public key is exported with `daihoi export-election --public-key FILE`.
"""

from __future__ import annotations

import base64
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from daihoi.lib import electionrecord as lib

ALGORITHM = "Ed25519"


def key_path() -> Path:
    named = os.environ.get("DAIHOI_SIGNING_KEY")
    return Path(named) if named else Path(settings.DATA_DIR) / "election-signing-key.pem"


def _make(path: Path) -> None:
    """Write a new key atomically: two workers starting at once end up with one key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".signing-key-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)  # fails if another process made it first: keep theirs
    except FileExistsError:
        pass
    finally:
        os.unlink(temp)


@cache
def _private_key_at(path: Path) -> Ed25519PrivateKey:
    if not path.exists():
        _make(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TypeError(f"{path} is not an Ed25519 private key")
    return key


def private_key() -> Ed25519PrivateKey:
    return _private_key_at(key_path())


def public_bytes() -> bytes:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def public_pem() -> bytes:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def fingerprint() -> str:
    return lib.fingerprint(public_bytes())


def sign(head: str) -> dict[str, Any]:
    """The signature block of a record whose head is `head`."""
    return {
        "algorithm": ALGORITHM,
        "public_key": base64.b64encode(public_bytes()).decode("ascii"),
        "fingerprint": fingerprint(),
        "value": base64.b64encode(private_key().sign(head.encode("ascii"))).decode("ascii"),
    }


def read_public_key(data: bytes) -> bytes:
    """The raw key from a PEM public key file (as exported) or a base64 raw key."""
    text = data.strip()
    if text.startswith(b"-----BEGIN"):
        key = serialization.load_pem_public_key(text)
        return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    raw = base64.b64decode(text, validate=True)
    if len(raw) != 32:
        raise ValueError("not a 32-byte Ed25519 public key")
    return raw
