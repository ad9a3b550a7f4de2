"""An election's counted result as a typed object, read from and written to its JSON.

The JSON is the shape of `daihoi tally` (lib.tallyfiles.result_json) and is what the
record signs: `Election.result` keeps it as stored, byte for byte, so the chain head
and an exported record stay verifiable. Every reader goes through `Outcome`, which
checks the shape once and names the fields, instead of indexing dictionaries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from daihoi.lib.tallyfiles import INVALID_REASONS


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Ballots(_Frozen):
    collected: int
    valid: int
    invalid: int
    invalid_reasons: dict[str, int]

    def reasons(self) -> list[tuple[str, int]]:
        """The reasons some papers were invalid, in the minutes' order, each with its count."""
        return [
            (r, self.invalid_reasons[r]) for r in INVALID_REASONS if self.invalid_reasons.get(r)
        ]


class Line(_Frozen):
    """One candidate's line: ballot number (1-based), votes, shares in percent."""

    no: int
    full_name: str
    votes: int
    percent_of_base: float
    percent_of_valid: float | None
    elected: bool


class Outcome(_Frozen):
    """Who is elected, who ties for the last seats, and how many seats are left."""

    seats: int
    base: int
    needed: int
    ballots: Ballots
    candidates: list[Line]
    elected: list[int]  # ballot numbers, highest vote first
    tied: list[int]
    seats_left: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Outcome:
        return cls.model_validate(dict(data))

    def to_json(self) -> dict[str, Any]:
        """The JSON as stored and signed (same keys, same order as `daihoi tally`)."""
        return self.model_dump(mode="json")

    def line(self, no: int) -> Line:
        return next(c for c in self.candidates if c.no == no)

    def elected_lines(self) -> list[Line]:
        """The elected by votes, ballot order among equals."""
        return sorted((self.line(no) for no in self.elected), key=lambda c: (-c.votes, c.no))

    def elected_names(self) -> list[str]:
        return [self.line(no).full_name for no in self.elected]

    def tied_names(self) -> list[str]:
        return [self.line(no).full_name for no in self.tied]

    @property
    def tied_seats(self) -> int:
        """How many seats the tied contest in the re-vote."""
        return self.seats - len(self.elected) - self.seats_left if self.tied else 0

    @property
    def complete(self) -> bool:
        """Every seat filled without a further round."""
        return not self.tied and not self.seats_left


def as_outcome(data: Mapping[str, Any] | Outcome) -> Outcome:
    """Read a stored result, or pass a typed one through."""
    return data if isinstance(data, Outcome) else Outcome.from_json(data)
