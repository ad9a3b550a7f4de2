"""Order Vietnamese full names the way a Party ballot lists them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

import icu  # type: ignore[import-untyped, unused-ignore]

__all__ = ["ballot_sort_key", "normalise_name", "sort_ballot_order", "split_name"]


@cache
def _collator() -> icu.Collator:
    """Build the Vietnamese collator once; creating one is comparatively costly."""
    # The "vi" tailoring puts ă and â after a, đ after d, ê after e, ô and ơ after o,
    # ư after u, and compares tones only after all letters have compared equal,
    # which is exactly the alphabetical order the election regulation prescribes.
    return icu.Collator.createInstance(icu.Locale("vi"))


def normalise_name(full_name: str) -> str:
    """Return the name in NFC with single spaces and no outer whitespace."""
    # Names typed on different keyboards arrive precomposed (NFC) or decomposed
    # (NFD); both must compare and display the same.
    return " ".join(unicodedata.normalize("NFC", full_name).split())


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given); a lone word is the given name."""
    words = normalise_name(full_name).split(" ")
    if words == [""]:
        raise ValueError("a full name needs at least one word")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def ballot_sort_key(full_name: str) -> tuple[bytes, ...]:
    """Return a key ordering names by given name, then middle name, then family name."""
    family, middle, given = split_name(full_name)
    collator = _collator()
    # ICU sort keys compare bytewise in the same order as the collator itself, so the
    # tuple can be used by sorted() without keeping the collator around.
    return (
        collator.getSortKey(given),
        collator.getSortKey(middle),
        collator.getSortKey(family),
    )


def sort_ballot_order(names: Iterable[str]) -> list[str]:
    """Return the normalised names in ballot order; equal keys keep their input order."""
    return sorted((normalise_name(name) for name in names), key=ballot_sort_key)
