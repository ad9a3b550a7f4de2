"""Text normalisation for search and matching, with no Django import."""

from __future__ import annotations

import unicodedata

# "đ" is a letter of its own, not "d" plus a mark, so NFD leaves it alone.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Return text lower-cased, without Vietnamese diacritics, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def clean(text: str) -> str:
    """Return text in NFC with runs of whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())
