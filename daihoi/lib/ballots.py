"""Judge whether a secret ballot is valid and whom it votes for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

__all__ = [
    "Ballot",
    "BallotOutcome",
    "Mark",
    "NoSurplusBallot",
    "Reason",
    "SurplusBallot",
    "assess",
    "assess_no_surplus",
    "assess_surplus",
    "canonical",
    "entries_agree",
]


class Reason(Enum):
    """Say why a ballot counts or does not."""

    VALID = "valid"
    NOT_ISSUED = "not_issued"
    PRIVATE_MARK = "private_mark"
    NAME_WRITTEN_IN = "name_written_in"
    ALL_CROSSED_OUT = "all_crossed_out"
    TOO_MANY_NAMES_LEFT = "too_many_names_left"


class Mark(Enum):
    """Record what a voter ticked on one line of an agree/disagree ballot."""

    AGREE = "agree"
    DISAGREE = "disagree"
    BOTH = "both"
    NEITHER = "neither"


@dataclass(frozen=True, slots=True)
class SurplusBallot:
    """Describe a ballot on which the voter crosses out the names not chosen."""

    # Candidates are numbered by their 0-based position on the printed ballot, which is
    # the Vietnamese alphabetical order; the caller maps positions back to people.
    crossed_out: frozenset[int] = field(default_factory=frozenset)
    issued: bool = True
    written_in: bool = False
    private_mark: bool = False


@dataclass(frozen=True, slots=True)
class NoSurplusBallot:
    """Describe a ballot with "đồng ý / không đồng ý" columns, one mark per line."""

    marks: tuple[Mark, ...]
    issued: bool = True
    written_in: bool = False
    private_mark: bool = False


Ballot = SurplusBallot | NoSurplusBallot


@dataclass(frozen=True, slots=True)
class BallotOutcome:
    """Hold the verdict on one ballot and the candidate positions it votes for."""

    reason: Reason
    votes_for: tuple[int, ...] = ()

    @property
    def valid(self) -> bool:
        """Tell whether the ballot is counted."""
        return self.reason is Reason.VALID


def _flaw_on_paper(ballot: Ballot) -> Reason | None:
    """Return the reason that voids a ballot whatever its names say, if any."""
    # Order of precedence when several faults coexist: a paper the board never issued
    # is not a ballot at all, so that is reported first; then what the voter added.
    if not ballot.issued:
        return Reason.NOT_ISSUED
    if ballot.private_mark:
        return Reason.PRIVATE_MARK
    if ballot.written_in:
        return Reason.NAME_WRITTEN_IN
    return None


def _check_list_shape(candidates: int, seats: int) -> None:
    """Reject impossible list sizes; these are data errors, not spoilt ballots."""
    if candidates < 1:
        raise ValueError(f"a ballot lists at least one candidate, got {candidates}")
    if seats < 1:
        raise ValueError(f"an election fills at least one seat, got {seats}")


def assess_surplus(ballot: SurplusBallot, candidates: int, seats: int) -> BallotOutcome:
    """Judge a crossing-out ballot listing `candidates` names for `seats` seats."""
    _check_list_shape(candidates, seats)
    stray = sorted(i for i in ballot.crossed_out if not 0 <= i < candidates)
    if stray:
        raise ValueError(f"crossed-out positions {stray} are not on a {candidates}-name list")
    flaw = _flaw_on_paper(ballot)
    if flaw is not None:
        return BallotOutcome(flaw)
    left = tuple(i for i in range(candidates) if i not in ballot.crossed_out)
    # Crossing out everyone on a multi-name list is void, but on a one-name list it is
    # a plain vote against, which the rule leaves valid.
    if not left and candidates > 1:
        return BallotOutcome(Reason.ALL_CROSSED_OUT)
    if len(left) > seats:
        return BallotOutcome(Reason.TOO_MANY_NAMES_LEFT)
    # Leaving fewer names than seats is valid: the voter simply supports fewer people.
    return BallotOutcome(Reason.VALID, left)


def assess_no_surplus(ballot: NoSurplusBallot, candidates: int, seats: int) -> BallotOutcome:
    """Judge an agree/disagree ballot listing `candidates` names for `seats` seats."""
    _check_list_shape(candidates, seats)
    if len(ballot.marks) != candidates:
        raise ValueError(f"expected {candidates} marks, one per line, got {len(ballot.marks)}")
    flaw = _flaw_on_paper(ballot)
    if flaw is not None:
        return BallotOutcome(flaw)
    # A line ticked in both columns or in neither expresses no choice: it counts for
    # nobody, but the rest of the ballot still stands.
    agreed = tuple(i for i, mark in enumerate(ballot.marks) if mark is Mark.AGREE)
    # This form is meant for lists without surplus, so agreeing with more people than
    # there are seats can only happen when it is misused; it is void like a crossing
    # ballot with too many names left.
    if len(agreed) > seats:
        return BallotOutcome(Reason.TOO_MANY_NAMES_LEFT)
    return BallotOutcome(Reason.VALID, agreed)


def assess(ballot: Ballot, candidates: int, seats: int) -> BallotOutcome:
    """Judge a ballot of either form."""
    if isinstance(ballot, SurplusBallot):
        return assess_surplus(ballot, candidates, seats)
    return assess_no_surplus(ballot, candidates, seats)


def _flag(value: bool) -> str:
    """Write a yes/no fact about the paper as one digit."""
    return "1" if value else "0"


_MARK_LETTER = {Mark.AGREE: "A", Mark.DISAGREE: "D", Mark.BOTH: "B", Mark.NEITHER: "N"}


def canonical(ballot: Ballot) -> str:
    """Return a text form in which two entries of the same paper are equal."""
    # Each paper is keyed two or three times on separate computers and only counted when
    # all entries agree; comparing this string compares every recorded mark, and it is
    # short enough to print in the entry log (nhật ký nhập phiếu).
    paper = "".join((_flag(ballot.issued), _flag(ballot.written_in), _flag(ballot.private_mark)))
    if isinstance(ballot, SurplusBallot):
        # Sorting makes the form independent of the order in which crossings were keyed.
        crossed = ",".join(str(i) for i in sorted(ballot.crossed_out))
        return f"S|{paper}|{crossed}"
    return f"N|{paper}|{''.join(_MARK_LETTER[m] for m in ballot.marks)}"


def entries_agree(entries: Sequence[Ballot]) -> bool:
    """Tell whether at least two independent entries of one paper are identical."""
    if len(entries) < 2:
        return False
    first = canonical(entries[0])
    return all(canonical(entry) == first for entry in entries[1:])
