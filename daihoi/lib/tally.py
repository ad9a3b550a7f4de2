"""Count valid ballots and decide who is elected against the election base."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from daihoi.lib.ballots import BallotOutcome, Reason
from daihoi.lib.percent import format_percent, percent

__all__ = [
    "CandidateResult",
    "DelegatesCongress",
    "ElectionResult",
    "MembersCongress",
    "Tally",
    "Tie",
    "count_ballots",
    "decide",
    "election_base",
    "is_over_half",
    "votes_needed",
]


@dataclass(frozen=True, slots=True)
class Tally:
    """Hold the counts a vote counting board writes in its minutes."""

    valid: int
    invalid: int
    votes: tuple[int, ...]
    invalid_by_reason: tuple[tuple[Reason, int], ...] = ()

    @property
    def collected(self) -> int:
        """Return the number of ballots taken out of the box."""
        return self.valid + self.invalid


def count_ballots(outcomes: Iterable[BallotOutcome], candidates: int) -> Tally:
    """Add up the votes of the valid ballots for a list of `candidates` names."""
    if candidates < 1:
        raise ValueError(f"a list has at least one candidate, got {candidates}")
    votes = [0] * candidates
    valid = 0
    spoilt: Counter[Reason] = Counter()
    for outcome in outcomes:
        if not outcome.valid:
            spoilt[outcome.reason] += 1
            continue
        valid += 1
        for position in outcome.votes_for:
            if not 0 <= position < candidates:
                raise ValueError(f"a ballot votes for position {position}, not on the list")
            votes[position] += 1
    # Reasons in their declared order so the minutes print them the same way every time.
    by_reason = tuple((reason, spoilt[reason]) for reason in Reason if spoilt[reason])
    return Tally(valid, sum(spoilt.values()), tuple(votes), by_reason)


@dataclass(frozen=True, slots=True)
class DelegatesCongress:
    """Give the attendance figures of a congress of delegates (đại hội đại biểu)."""

    summoned: int
    convening_committee_absent: int = 0
    delegates_absent_unreplaced: int = 0


@dataclass(frozen=True, slots=True)
class MembersCongress:
    """Give the membership figures of a congress of all members (đại hội đảng viên)."""

    official_members: int
    attached_elsewhere: int = 0
    exempt_and_absent: int = 0
    suspended_prosecuted_or_detained: int = 0
    absent_with_accepted_reason: int = 0


def election_base(congress: DelegatesCongress | MembersCongress) -> int:
    """Return the number that "more than half" is measured against."""
    # The base deliberately ignores how many ballots were cast: absent voters without a
    # recognised reason still count, so staying away cannot lower the bar.
    deductions: tuple[int, ...]
    if isinstance(congress, DelegatesCongress):
        total = congress.summoned
        deductions = (
            congress.convening_committee_absent,
            congress.delegates_absent_unreplaced,
        )
    else:
        total = congress.official_members
        deductions = (
            congress.attached_elsewhere,
            congress.exempt_and_absent,
            congress.suspended_prosecuted_or_detained,
            congress.absent_with_accepted_reason,
        )
    if total < 0 or any(d < 0 for d in deductions):
        raise ValueError("attendance figures cannot be negative")
    base = total - sum(deductions)
    if base < 1:
        raise ValueError(f"the deductions leave an election base of {base}; it must be positive")
    return base


def is_over_half(votes: int, base: int) -> bool:
    """Tell whether `votes` is more than half of `base`."""
    # Integer comparison: with base 11, 5.5 is never rounded either way.
    return votes * 2 > base


def votes_needed(base: int) -> int:
    """Return the fewest votes that are more than half of `base`."""
    return base // 2 + 1


@dataclass(frozen=True, slots=True)
class CandidateResult:
    """Give one candidate's line in the counting minutes."""

    position: int
    votes: int
    share_of_base: Fraction
    over_half: bool
    elected: bool

    @property
    def percent(self) -> Decimal:
        """Return the share of the base in percent, rounded half up to two decimals."""
        return percent(self.share_of_base)

    @property
    def percent_text(self) -> str:
        """Return the share of the base as text such as "54.55%"."""
        return format_percent(self.share_of_base)


@dataclass(frozen=True, slots=True)
class Tie:
    """Name the candidates tied for the last seats and how many seats they contest."""

    candidates: tuple[int, ...]
    seats: int


@dataclass(frozen=True, slots=True)
class ElectionResult:
    """Hold the outcome of one round of voting."""

    seats: int
    base: int
    elected: tuple[int, ...]
    tie: Tie | None
    seats_left: int
    candidates: tuple[CandidateResult, ...]

    @property
    def complete(self) -> bool:
        """Tell whether every seat is filled without a further vote."""
        return self.tie is None and self.seats_left == 0


def decide(votes: Sequence[int], seats: int, base: int) -> ElectionResult:
    """Decide a round: who is elected, who must vote again, and how many seats remain."""
    if seats < 1:
        raise ValueError(f"an election fills at least one seat, got {seats}")
    if base < 1:
        raise ValueError(f"the election base must be positive, got {base}")
    if any(v < 0 for v in votes):
        raise ValueError("vote counts cannot be negative")

    # Highest first; equal votes keep ballot order only for display, never to break a tie.
    ranked = sorted(
        (i for i, v in enumerate(votes) if is_over_half(v, base)),
        key=lambda i: (-votes[i], i),
    )
    tie: Tie | None = None
    if len(ranked) <= seats:
        elected = ranked
    else:
        cutoff = votes[ranked[seats - 1]]
        elected = [i for i in ranked if votes[i] > cutoff]
        level = [i for i in ranked if votes[i] == cutoff]
        contested = seats - len(elected)
        if len(level) == contested:
            elected += level
        else:
            # The Party's rule is a fresh vote among exactly these people; the state
            # election law's "the older wins" does not apply here.
            tie = Tie(tuple(sorted(level)), contested)

    # Seats that neither were filled nor go to the tie-break need a further round (bầu tiếp).
    seats_left = seats - len(elected) - (tie.seats if tie else 0)
    chosen = set(elected)
    lines = tuple(
        CandidateResult(
            position=i,
            votes=v,
            share_of_base=Fraction(v, base),
            over_half=is_over_half(v, base),
            elected=i in chosen,
        )
        for i, v in enumerate(votes)
    )
    return ElectionResult(seats, base, tuple(elected), tie, seats_left, lines)
