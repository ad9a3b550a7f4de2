"""Turn exact ratios into the rounded percentages printed in minutes and reports."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["format_percent", "percent"]


def percent(ratio: Fraction, places: int = 2) -> Decimal:
    """Return the ratio as a percentage rounded half away from zero to `places` decimals."""
    if places < 0:
        raise ValueError(f"places must be zero or more, got {places}")
    # Work in integers so that no binary float ever decides a printed figure: the
    # counting minutes must show the same digits whoever recomputes them by hand.
    scale = 10**places
    scaled = ratio * 100 * scale
    magnitude = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    units = -magnitude if scaled < 0 else magnitude
    return Decimal(units).scaleb(-places)


def format_percent(ratio: Fraction, places: int = 2) -> str:
    """Write the ratio as text such as "18.18%"; localising the separator is for templates."""
    return f"{percent(ratio, places):.{places}f}%"
