"""Check the composition of a candidate list or an elected committee against targets.

No Django here: the caller passes plain members, targets and dates, and gets
back exact counts (integers and fractions) with a stable code per check. The
wording of each result is the caller's (it is translated there).

Rules (DOMAIN.md, "Personnel rules"):
- shares are compared exactly: 15% of 20 is met by 3 women, never by rounding;
- ages are whole years on the reference date, so a birthday on that day counts;
- "under 40" is < 40, "40–50" is 40 ≤ age ≤ 50, "over 50" is > 50;
- the age cut-off is a birth month: born in that month or later is within it;
- remaining working time (Chỉ thị 45) is counted in whole months from the
  reference date to the retirement date; first-timers need a full term,
  re-election a minimum (48 months); the retirement age is data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from daihoi.lib.surplus import Body, ProblemCode, Stage, SurplusRules, check_surplus, surplus

__all__ = [
    "AgeBands",
    "AgeRules",
    "Check",
    "CheckCode",
    "Member",
    "Person",
    "Target",
    "age_bands",
    "age_on",
    "check_age_rules",
    "check_composition",
    "check_list_surplus",
    "months_between",
    "months_left",
    "retirement_date",
    "share_met",
]

# Problems of the surplus rule set that make a list impossible to put to the vote;
# the convening committee's 10–15% range is guidance, shown but not blocking.
HARD_SURPLUS = frozenset(
    {
        ProblemCode.FEWER_CANDIDATES_THAN_SEATS,
        ProblemCode.NO_SURPLUS,
        ProblemCode.ABOVE_CONGRESS_LIMIT,
        ProblemCode.SMALL_BODY_TOO_MANY_EXTRA,
    }
)


@dataclass(frozen=True, slots=True)
class Person:
    """What the checks need to know about one person on a list or a committee."""

    name: str
    female: bool
    birth_date: dt.date | None
    first_time: bool
    ethnic_minority: bool = False
    science_tech: bool = False
    # Proposed for (or elected to) the standing committee.
    standing: bool = False


Member = Person


@dataclass(frozen=True, slots=True)
class Target:
    """A share target as the campaign states it, in percent (None: no bound)."""

    code: str
    minimum: Fraction | None = None
    maximum: Fraction | None = None
    hard: bool = False


class CheckCode(Enum):
    SURPLUS = "surplus"
    WOMEN = "women"
    WOMAN_STANDING = "woman-standing"
    UNDER_40 = "under-40"
    AGE_40_50 = "age-40-50"
    OVER_50 = "over-50"
    RENEWAL = "renewal"
    ETHNIC = "ethnic-minority"
    SCIENCE_TECH = "science-tech"
    AGE_CUTOFF = "age-cutoff"
    WORKING_TIME = "working-time"
    UNKNOWN_BIRTH = "unknown-birth"


@dataclass(frozen=True, slots=True)
class Check:
    """One result: the count against the total, the bounds, and whether it is met.

    `met` is None where there is nothing to meet (a figure shown for information).
    `names` lists the people a failing person-by-person rule is about.
    """

    code: CheckCode
    count: int
    total: int
    minimum: Fraction | None = None
    maximum: Fraction | None = None
    met: bool | None = None
    hard: bool = False
    names: tuple[str, ...] = ()
    surplus_problems: tuple[ProblemCode, ...] = ()

    @property
    def share(self) -> Fraction:
        return Fraction(self.count, self.total) if self.total else Fraction(0)

    @property
    def blocks(self) -> bool:
        """Whether this result stops the list from being adopted."""
        return self.hard and self.met is False


@dataclass(frozen=True, slots=True)
class AgeBands:
    under_40: int
    from_40_to_50: int
    over_50: int
    unknown: int


@dataclass(frozen=True, slots=True)
class AgeRules:
    """The per-campaign age rules; any part left None is not checked."""

    # Born in this (year, month) or later: within the cut-off.
    first_time_born_from: tuple[int, int] | None = None
    reelection_born_from: tuple[int, int] | None = None
    # Retirement age in months, by sex (data: the law moves it every year).
    retirement_months_male: int | None = None
    retirement_months_female: int | None = None
    first_time_min_months: int | None = None
    reelection_min_months: int | None = None


def age_on(birth: dt.date, day: dt.date) -> int:
    """Return the age in whole years on `day`; the birthday itself counts."""
    if day < birth:
        raise ValueError(f"{day} is before the birth date {birth}")
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def months_between(start: dt.date, end: dt.date) -> int:
    """Return the whole months from start to end (negative when end is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    # 31 January plus one month: the last day of February.
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: 28 is a day of every month")


def retirement_date(birth: dt.date, retirement_months: int) -> dt.date:
    """Return the day a person reaches the retirement age given in months."""
    if retirement_months < 0:
        raise ValueError("a retirement age cannot be negative")
    return _add_months(birth, retirement_months)


def months_left(birth: dt.date, retirement_months: int, day: dt.date) -> int:
    """Return the whole months of working time left on `day` (0 when already reached)."""
    return max(months_between(day, retirement_date(birth, retirement_months)), 0)


def share_met(count: int, total: int, minimum: Fraction | None, maximum: Fraction | None) -> bool:
    """Return whether count/total lies within [minimum %, maximum %], exactly."""
    if total <= 0:
        return minimum is None or minimum <= 0
    ratio = Fraction(count * 100, total)
    if minimum is not None and ratio < minimum:
        return False
    return not (maximum is not None and ratio > maximum)


def age_bands(people: Sequence[Person], day: dt.date) -> AgeBands:
    """Count the three age groups of Chỉ thị 35 on `day`."""
    under = middle = over = unknown = 0
    for p in people:
        if p.birth_date is None or p.birth_date > day:
            unknown += 1
            continue
        age = age_on(p.birth_date, day)
        if age < 40:
            under += 1
        elif age <= 50:
            middle += 1
        else:
            over += 1
    return AgeBands(under, middle, over, unknown)


def check_list_surplus(
    candidates: int, seats: int, rules: SurplusRules, body: Body, stage: Stage
) -> Check:
    """Check the list's size against the rule set; only the hard problems block."""
    problems = tuple(p.code for p in check_surplus(candidates, seats, rules, stage, body))
    hard = any(code in HARD_SURPLUS for code in problems)
    return Check(
        CheckCode.SURPLUS,
        count=candidates - seats,
        total=seats,
        maximum=rules.congress_max * 100,
        met=not hard,
        hard=True,
        surplus_problems=problems,
    )


def _born_from_ok(birth: dt.date, cutoff: tuple[int, int]) -> bool:
    return (birth.year, birth.month) >= cutoff


def check_age_rules(people: Sequence[Person], rules: AgeRules, day: dt.date) -> list[Check]:
    """Check the age cut-offs and remaining working time person by person."""
    checks: list[Check] = []
    cutoff_fails: list[str] = []
    time_fails: list[str] = []
    cutoff_checked = time_checked = False
    for p in people:
        if p.birth_date is None:
            continue
        born_from = rules.first_time_born_from if p.first_time else rules.reelection_born_from
        if born_from is not None:
            cutoff_checked = True
            if not _born_from_ok(p.birth_date, born_from):
                cutoff_fails.append(p.name)
        retirement = rules.retirement_months_female if p.female else rules.retirement_months_male
        needed = rules.first_time_min_months if p.first_time else rules.reelection_min_months
        if retirement is not None and needed is not None:
            time_checked = True
            if months_left(p.birth_date, retirement, day) < needed:
                time_fails.append(p.name)

    def person_by_person(code: CheckCode, fails: list[str]) -> Check:
        return Check(
            code,
            count=len(fails),
            total=len(people),
            met=not fails,
            hard=True,
            names=tuple(fails),
        )

    if cutoff_checked:
        checks.append(person_by_person(CheckCode.AGE_CUTOFF, cutoff_fails))
    if time_checked:
        checks.append(person_by_person(CheckCode.WORKING_TIME, time_fails))
    unknown = tuple(p.name for p in people if p.birth_date is None)
    if unknown:
        checks.append(
            Check(CheckCode.UNKNOWN_BIRTH, count=len(unknown), total=len(people), names=unknown)
        )
    return checks


def _share(
    code: CheckCode, count: int, total: int, targets: dict[str, Target], *, always: bool = False
) -> Check | None:
    target = targets.get(code.value)
    if target is None:
        if not always:
            return None
        return Check(code, count, total)
    return Check(
        code,
        count,
        total,
        minimum=target.minimum,
        maximum=target.maximum,
        met=share_met(count, total, target.minimum, target.maximum),
        hard=target.hard,
    )


def check_composition(
    people: Sequence[Person],
    targets: Sequence[Target],
    day: dt.date,
    *,
    age_rules: AgeRules | None = None,
    standing_list: bool = False,
) -> list[Check]:
    """Check the people against the share targets and, if given, the age rules.

    `standing_list` says the people are themselves a standing committee (list
    or elected), so "a woman in the standing committee" looks at all of them.
    Figures without a target (over 50, ethnic minorities …) are given with met=None.
    """
    by_code = {t.code: t for t in targets}
    total = len(people)
    bands = age_bands(people, day)
    results: list[Check | None] = [
        _share(CheckCode.WOMEN, sum(p.female for p in people), total, by_code, always=True)
    ]
    if CheckCode.WOMAN_STANDING.value in by_code:
        standing = [p for p in people if standing_list or p.standing]
        women = sum(p.female for p in standing)
        results.append(
            Check(
                CheckCode.WOMAN_STANDING,
                women,
                len(standing),
                met=women > 0,
                hard=by_code[CheckCode.WOMAN_STANDING.value].hard,
            )
        )
    results += [
        _share(CheckCode.UNDER_40, bands.under_40, total, by_code, always=True),
        _share(CheckCode.AGE_40_50, bands.from_40_to_50, total, by_code, always=True),
        _share(CheckCode.OVER_50, bands.over_50, total, by_code, always=True),
        _share(CheckCode.RENEWAL, sum(p.first_time for p in people), total, by_code, always=True),
        _share(
            CheckCode.ETHNIC, sum(p.ethnic_minority for p in people), total, by_code, always=True
        ),
        _share(CheckCode.SCIENCE_TECH, sum(p.science_tech for p in people), total, by_code),
    ]
    checks = [c for c in results if c is not None]
    if age_rules is not None:
        checks += check_age_rules(people, age_rules, day)
    return checks


def surplus_of(candidates: int, seats: int) -> Fraction:
    """Return the surplus ratio (re-exported so callers need one import)."""
    return surplus(candidates, seats)
