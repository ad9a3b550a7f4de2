"""Which alternate replaces an absent official: the next of the same unit in vote order.

Alternates (đại biểu dự khuyết) of a unit are ranked by the votes they received
at the lower congress, highest first; the election's ranking (`order`) is kept
as given and settles equal votes, never the name or the age.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Alternate:
    """One alternate: its id, its unit, its rank in the vote order, and whether it is free."""

    id: int
    unit: str
    order: int
    available: bool = True


def next_alternate(alternates: Iterable[Alternate], unit: str) -> Alternate | None:
    """Return the first available alternate of `unit` in vote order, or None."""
    candidates = [a for a in alternates if a.unit == unit and a.available]
    if not candidates:
        return None
    return min(candidates, key=lambda a: (a.order, a.id))


def replacement_order(alternates: Iterable[Alternate], unit: str) -> list[Alternate]:
    """Return the available alternates of `unit` in the order they would be called."""
    return sorted(
        (a for a in alternates if a.unit == unit and a.available), key=lambda a: (a.order, a.id)
    )


@dataclass(frozen=True, slots=True)
class AllotmentLine:
    """One unit's allotment against the register: officials and alternates."""

    unit: str
    allotted_officials: int
    allotted_alternates: int
    officials: int
    alternates: int

    @property
    def officials_gap(self) -> int:
        """Registered minus allotted: positive is over, negative is under."""
        return self.officials - self.allotted_officials

    @property
    def officials_over(self) -> int:
        return max(self.officials_gap, 0)

    @property
    def officials_short(self) -> int:
        return max(-self.officials_gap, 0)

    @property
    def alternates_gap(self) -> int:
        return self.alternates - self.allotted_alternates

    @property
    def ok(self) -> bool:
        return self.officials_gap == 0 and self.alternates_gap <= 0


def check_allotment(
    allotted: dict[str, tuple[int, int]], registered: dict[str, tuple[int, int]]
) -> list[AllotmentLine]:
    """Compare per unit (officials, alternates) allotted with those registered.

    A unit registered without an allotment is listed with an allotment of 0, so
    delegates from a unit the superior gave no seats to show up as over.
    Fewer alternates than allotted is allowed (a lower congress may elect fewer);
    officials must match exactly.
    """
    lines = []
    for unit in sorted(set(allotted) | set(registered)):
        a_off, a_alt = allotted.get(unit, (0, 0))
        r_off, r_alt = registered.get(unit, (0, 0))
        lines.append(AllotmentLine(unit, a_off, a_alt, r_off, r_alt))
    return lines
