"""The signed tokens printed in the delegates' cards' QR codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core import signing

if TYPE_CHECKING:
    from daihoi.assembly.models import Delegate

CARD_SALT = "daihoi.assembly.card"


def _salt(congress_id: int) -> str:
    # A salt per congress: a token can only ever verify for the congress it was made for.
    return f"{CARD_SALT}:{congress_id}"


def card_token(delegate: Delegate) -> str:
    """The signed token printed in the card's QR code: "<congress>.<delegate>:<signature>"."""
    value = f"{delegate.congress_id}.{delegate.pk}"
    return signing.Signer(salt=_salt(delegate.congress_id)).sign(value)


class TokenError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def read_token(token: str) -> tuple[int, int]:
    """Return (congress id, delegate id) of a genuine token; TokenError("forged") otherwise."""
    token = token.strip()
    value = token.rsplit(signing.Signer().sep, 1)[0] if ":" in token else ""
    congress_part, dot, delegate_part = value.partition(".")
    if not (dot and congress_part.isdigit() and delegate_part.isdigit()) or len(token) > 120:
        raise TokenError("forged")
    try:
        signing.Signer(salt=_salt(int(congress_part))).unsign(token)
    except signing.BadSignature as exc:
        raise TokenError("forged") from exc
    return int(congress_part), int(delegate_part)
