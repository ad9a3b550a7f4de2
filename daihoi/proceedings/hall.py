"""The hall as the assembly app counts it: who is present, who was summoned, the quorum.

The proceedings app reads the assembly app only through this module and only
through the names agreed with it (`daihoi.assembly.quorum.attendance`), so a
change there touches one place here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from daihoi.campaigns.models import Congress


@dataclass(frozen=True)
class Hall:
    present: int
    summoned: int
    required: int
    has_quorum: bool
    sitting: str  # the open sitting's name, "" when none is open
    sitting_open: bool


def hall(congress: Congress) -> Hall:
    """Return the attendance of the congress's open sitting (or nobody when none is open)."""
    from daihoi.assembly.quorum import attendance

    seen = attendance(congress)
    sitting = seen.sitting
    return Hall(
        present=seen.present,
        summoned=seen.summoned,
        required=seen.required,
        has_quorum=seen.has_quorum,
        sitting=str(sitting) if sitting is not None else "",
        sitting_open=sitting is not None,
    )
