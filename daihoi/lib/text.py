"""Text normalisation for search and matching, with no Django import."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

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


# --- Names that look alike --------------------------------------------------------
#
# A name is what people read on a ballot, a badge and the projector, and what the
# system compares to find the same person twice. Characters that show nothing (a
# zero-width space, a soft hyphen), that reorder what is shown (a right-to-left
# override) or that only look like a Vietnamese letter (Cyrillic "а" for Latin "a")
# make two names look the same while comparing different, or show a name reversed.

NameProblemCode = Literal["format_char", "control_char", "mixed_script"]

# Invisible code points that Unicode does not put in category Cf but that every
# renderer ignores (the Default_Ignorable_Code_Point property, less Cf).
_IGNORABLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0]
    + list(range(0x180B, 0x1810))
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0100, 0xE01F0))
)
# Tabs and line breaks pasted from a spreadsheet are spaces; other controls are not.
_LINE_SPACE = frozenset("\t\n\r\x0b\x0c")
_CHAR_CODES: tuple[NameProblemCode, ...] = ("format_char", "control_char")
# The scripts whose letters are mistaken for one another.
SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


@dataclass(frozen=True)
class NameProblem:
    """One reason a name is refused: its code and the characters at fault, in order."""

    code: NameProblemCode
    chars: tuple[str, ...]
    # For mixed_script: the scripts found, the one with most letters first.
    scripts: tuple[str, ...] = ()


class BadName(ValueError):
    """A name holds characters that would make it look like another or show wrongly."""

    def __init__(self, text: str, problems: list[NameProblem]) -> None:
        super().__init__(
            "; ".join(f"{p.code}: {', '.join(map(describe_char, p.chars))}" for p in problems)
        )
        self.text = text
        self.problems = problems


def describe_char(ch: str) -> str:
    """Return "U+200B ZERO WIDTH SPACE": the code point and, when it has one, the name."""
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}"
    return f"{code} {name}" if name else code


def char_name(ch: str) -> str:
    """Return the character's Unicode name, or "" for one without (control characters)."""
    return unicodedata.name(ch, "")


def _bad_kind(ch: str) -> NameProblemCode | None:
    category = unicodedata.category(ch)
    if category == "Cf" or ord(ch) in _IGNORABLE:
        return "format_char"
    if category == "Cc" and ch not in _LINE_SPACE:
        return "control_char"
    if category in ("Cs", "Co", "Cn"):
        # A lone surrogate, a private-use or an unassigned code point shows as a box
        # or as something only one font knows: no one can type it back.
        return "control_char"
    return None


def script_of(ch: str) -> str | None:
    """Return LATIN, CYRILLIC or GREEK for a letter of those scripts, else None."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    first = unicodedata.name(ch, "").split(" ", 1)[0]
    return first if first in SCRIPTS else None


def _unique(chars: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(chars))


def name_problems(text: str) -> list[NameProblem]:
    """Return what is wrong with a person's or organisation's name; [] when nothing is."""
    normal = unicodedata.normalize("NFC", text)
    found: dict[NameProblemCode, list[str]] = {}
    letters: dict[str, list[str]] = {}
    for ch in normal:
        kind = _bad_kind(ch)
        if kind is not None:
            found.setdefault(kind, []).append(ch)
            continue
        script = script_of(ch)
        if script is not None:
            letters.setdefault(script, []).append(ch)
    problems = [NameProblem(code, _unique(found[code])) for code in _CHAR_CODES if code in found]
    if len(letters) > 1:
        # The script with most letters is what the name was meant to be written in
        # (Latin wins a tie); the letters of the others are the lookalikes.
        ranked = sorted(letters, key=lambda s: (-len(letters[s]), SCRIPTS.index(s)))
        odd = [ch for ch in normal if script_of(ch) in ranked[1:]]
        problems.append(NameProblem("mixed_script", _unique(odd), tuple(ranked)))
    return problems


def visible(text: str) -> str:
    """Return the name as a reader sees it: invisible and control characters dropped."""
    return clean("".join(ch for ch in text if _bad_kind(ch) is None))


def check_name(text: str) -> str:
    """Return the name in NFC with whitespace collapsed, or raise BadName saying why."""
    problems = name_problems(text)
    if problems:
        raise BadName(text, problems)
    return clean(text)
