"""Finding organisations by the codes a file gives, as spreadsheets mangle them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import F, Func, QuerySet, Value

from daihoi.orgs.models import Organisation

# Codes per query: well below SQLite's 32,766 parameters, for a national file too.
CHUNK = 5000


def _digits(code: str) -> bool:
    # isascii: "²" is a digit to str.isdigit.
    return code.isascii() and code.isdigit()


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def in_chunks(values: Iterable[str]) -> Iterator[list[str]]:
    """The distinct values in sorted lists short enough for one `__in` query on SQLite."""
    return _chunks(sorted(set(values)))


def by_code(organisations: QuerySet[Organisation], codes: Iterable[str]) -> dict[str, Organisation]:
    """The organisations of `organisations` that `codes` name, keyed by the code as given.

    The statistics office's codes keep leading zeros (Lộc Bình's communes are 06526,
    06529 …), but a spreadsheet stores a code typed as a number without them and
    hands over "6526". A code of digits not found as given therefore also finds an
    organisation whose code is the same digits after leading zeros, when exactly
    one has them: two that differ only in leading zeros leave it unknown rather
    than guessed.
    """
    given = sorted(set(codes) - {""})
    named: dict[str, Organisation] = {}
    for chunk in _chunks(given):
        named.update((org.code, org) for org in organisations.filter(code__in=chunk))
    missing = sorted(
        {code.lstrip("0") for code in given if code not in named and _digits(code)} - {""}
    )
    if not missing:
        return named
    stripped: dict[str, list[Organisation]] = {}
    bare = organisations.annotate(bare=Func(F("code"), Value("0"), function="LTRIM"))
    for chunk in _chunks(missing):
        for org in bare.filter(bare__in=chunk):
            if _digits(org.code):
                stripped.setdefault(org.bare, []).append(org)  # type: ignore[attr-defined]
    for code in given:
        matches = stripped.get(code.lstrip("0"), []) if code not in named else []
        if len(matches) == 1:
            named[code] = matches[0]
    return named
