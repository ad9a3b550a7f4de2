"""Names nominated from the floor of a congress: who enters the list."""

from __future__ import annotations

from fractions import Fraction

# QĐ 190-QĐ/TW: a name nominated or self-nominated at the congress enters the
# list only with more than 30% of the delegates present agreeing (opinion vote).
FLOOR_SHARE = Fraction(3, 10)


def enters_list(agree: int, present: int, share: Fraction = FLOOR_SHARE) -> bool:
    """Tell whether an opinion vote puts a floor nomination on the list (more than `share`)."""
    if present < 1:
        raise ValueError(f"an opinion vote needs delegates present, got {present}")
    if not 0 <= agree <= present:
        raise ValueError(f"agreeing votes must be between 0 and {present}, got {agree}")
    return Fraction(agree, present) > share
