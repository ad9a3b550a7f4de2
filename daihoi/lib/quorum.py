"""Quorum and majority rules as exact fractions: "at least two thirds" with no rounding.

A rule is a fraction and whether the share must reach it (at least) or pass it
(more than). Everything is integer arithmetic: with 301 summoned, two thirds is
200.67, so 201 present make a quorum and 200 do not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """A share of a whole: `numerator/denominator`, reached (at least) or passed (more than)."""

    numerator: int = 2
    denominator: int = 3
    strict: bool = False

    def __post_init__(self) -> None:
        if self.denominator < 1 or self.numerator < 0 or self.numerator > self.denominator:
            raise ValueError(
                f"a rule is a share between 0 and 1, got {self.numerator}/{self.denominator}"
            )

    def met(self, count: int, whole: int) -> bool:
        """Tell whether `count` out of `whole` meets the rule (never with a whole of 0)."""
        if count < 0 or whole < 0:
            raise ValueError("counts cannot be negative")
        if whole == 0:
            return False
        left, right = count * self.denominator, whole * self.numerator
        return left > right if self.strict else left >= right

    def required(self, whole: int) -> int:
        """Return the fewest out of `whole` that meet the rule."""
        if whole < 0:
            raise ValueError("counts cannot be negative")
        if whole == 0:
            return 0
        product = whole * self.numerator
        if self.strict:
            return min(product // self.denominator + 1, whole + 1)
        return -(-product // self.denominator)

    @property
    def text(self) -> str:
        return f"{self.numerator}/{self.denominator}"


TWO_THIRDS = Rule(2, 3)
MORE_THAN_HALF = Rule(1, 2, strict=True)
