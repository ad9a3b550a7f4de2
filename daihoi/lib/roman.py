"""Convert congress ordinals to and from Roman numerals (Đại hội XIII, XIV)."""

from __future__ import annotations

__all__ = ["from_roman", "to_roman"]

# Subtractive pairs are listed as units of their own so that a greedy walk from the
# largest value always produces the standard, shortest form.
_VALUES: tuple[tuple[int, str], ...] = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_LOWEST, _HIGHEST = 1, 3999


def to_roman(number: int) -> str:
    """Write 1..3999 in standard Roman numerals."""
    # bool is an int subclass; True would otherwise silently become "I".
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"expected an int, got {type(number).__name__}")
    if not _LOWEST <= number <= _HIGHEST:
        raise ValueError(f"Roman numerals cover {_LOWEST}..{_HIGHEST}, got {number}")
    parts: list[str] = []
    rest = number
    for value, letters in _VALUES:
        count, rest = divmod(rest, value)
        parts.append(letters * count)
    return "".join(parts)


def from_roman(text: str) -> int:
    """Read a standard Roman numeral (either case, outer spaces ignored) as an int."""
    numeral = text.strip().upper()
    if not numeral:
        raise ValueError("an empty string is not a Roman numeral")
    total = 0
    position = 0
    for value, letters in _VALUES:
        while numeral.startswith(letters, position):
            total += value
            position += len(letters)
    # Greedy reading accepts forms like "IIII" or "IXI"; writing the value back and
    # comparing rejects everything but the one standard spelling.
    if position != len(numeral) or not _LOWEST <= total <= _HIGHEST or to_roman(total) != numeral:
        raise ValueError(f"{text!r} is not a standard Roman numeral between I and MMMCMXCIX")
    return total
