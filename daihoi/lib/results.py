"""What a held congress must report up, and whether a typed or uploaded report holds together.

"Results reported" hands the superior the elected committee, its composition, the
standing committee and the secretary, and the delegates elected to the higher
congress (where there is one). `missing()` names what is not recorded yet;
`report_problems()` checks a report a unit types or uploads (one that ran no election
in the app): its composition figures against its members, one secretary among them.
Plain Python with codes, so the lifecycle, the form and the file share one rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# A committee of nine or more elects a standing committee (the Party's rules for its
# grassroots committees; every committee above grassroots is larger than that).
STANDING_FROM = 9
UNDER_AGE = 40  # the youngest band of "cơ cấu 3 độ tuổi", as the composition roll-up counts it


class Missing(StrEnum):
    NO_COMMITTEE = "no_committee"
    COMPOSITION_INCOMPLETE = "composition_incomplete"
    NO_STANDING = "no_standing"
    NO_SECRETARY = "no_secretary"
    NO_DELEGATES = "no_delegates"


@dataclass(frozen=True)
class Recorded:
    """What is recorded for one congress's results, as counts."""

    committee: int
    without_age: int  # committee members whose age on the day is unknown
    standing: int
    secretaries: int
    delegates: int
    needs_delegates: bool  # its superior holds a congress in the same campaign


def missing(recorded: Recorded) -> list[Missing]:
    """Name each piece a congress still lacks before its results can be reported."""
    found: list[Missing] = []
    if recorded.committee == 0:
        found.append(Missing.NO_COMMITTEE)
    elif recorded.without_age:
        # Without an age the under-40 figure cannot be counted, so no composition.
        found.append(Missing.COMPOSITION_INCOMPLETE)
    if recorded.committee >= STANDING_FROM and recorded.standing == 0:
        found.append(Missing.NO_STANDING)
    if recorded.secretaries == 0:
        found.append(Missing.NO_SECRETARY)
    if recorded.needs_delegates and recorded.delegates == 0:
        found.append(Missing.NO_DELEGATES)
    return found


class Post(StrEnum):
    MEMBER = ""
    SECRETARY = "secretary"
    DEPUTY = "deputy"


@dataclass(frozen=True)
class Member:
    """One elected committee member as reported; `row` is where the report wrote them."""

    row: int
    name: str
    female: bool
    age: int
    ethnic_minority: bool
    first_time: bool
    standing: bool
    post: Post = Post.MEMBER


@dataclass(frozen=True)
class Figures:
    """The composition figures a report declares for its committee."""

    members: int
    women: int
    first_time: int
    ethnic_minority: int
    under_40: int
    standing: int


# The figures counted among the members, in the order a report lists them.
PARTS = ("women", "first_time", "ethnic_minority", "under_40", "standing")


def counted(members: Sequence[Member]) -> Figures:
    """Count the composition of a list of members."""
    return Figures(
        members=len(members),
        women=sum(m.female for m in members),
        first_time=sum(m.first_time for m in members),
        ethnic_minority=sum(m.ethnic_minority for m in members),
        under_40=sum(m.age < UNDER_AGE for m in members),
        standing=sum(m.standing for m in members),
    )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a report: a code, the figure it concerns, the rows it names."""

    code: str
    figure: str = ""
    declared: int = 0
    counted: int = 0
    rows: tuple[int, ...] = ()


def report_problems(
    figures: Figures,
    committee: Sequence[Member],
    delegates: int,
    *,
    needs_delegates: bool,
) -> list[Problem]:
    """List what keeps a report from being accepted (empty: it holds together)."""
    found: list[Problem] = []
    exceeding = {f for f in PARTS if getattr(figures, f) > figures.members}
    found.extend(
        Problem("figure_exceeds_members", f, getattr(figures, f), figures.members)
        for f in PARTS
        if f in exceeding
    )
    if not committee:
        found.append(Problem(Missing.NO_COMMITTEE))
    if figures.members != len(committee):
        found.append(Problem("members_mismatch", "members", figures.members, len(committee)))
    actual = counted(committee)
    found.extend(
        Problem("figure_mismatch", f, getattr(figures, f), getattr(actual, f))
        for f in PARTS
        if f not in exceeding and getattr(figures, f) != getattr(actual, f)
    )
    if len(committee) >= STANDING_FROM and actual.standing == 0:
        found.append(Problem(Missing.NO_STANDING, counted=len(committee)))
    secretaries = [m for m in committee if m.post == Post.SECRETARY]
    if committee and not secretaries:
        found.append(Problem(Missing.NO_SECRETARY))
    elif len(secretaries) > 1:
        found.append(Problem("two_secretaries", rows=tuple(m.row for m in secretaries)))
    if actual.standing:
        outside = [m.row for m in committee if m.post != Post.MEMBER and not m.standing]
        if outside:
            found.append(Problem("leader_not_standing", rows=tuple(outside)))
    if needs_delegates and delegates == 0:
        found.append(Problem(Missing.NO_DELEGATES))
    elif not needs_delegates and delegates:
        found.append(Problem("no_higher_congress", counted=delegates))
    return found
