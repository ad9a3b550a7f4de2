"""Show-of-hands votes (biểu quyết) at a congress: the count's checks and the majority rules.

A congress decides its presidium, secretariat, credentials committee, counting
board, programme, regulations and resolution by raising the party card. The
secretariat counts those agreeing, disagreeing and abstaining; the three can
never add up to more than the delegates present (some may not raise a card at
all, so fewer is allowed).

Which majority adopts a motion is not settled by the rules we have (DOMAIN.md:
"not yet confirmed, so configurable"), so each rule is data: a share of a
denominator, with "more than" or "at least". The defaults of the programme:

- procedural motions: more than half of the official delegates present;
- the congress resolution: more than half of the official delegates summoned,
  so a thin hall cannot adopt the term's resolution (the Party's Charter asks
  more than half of the members of a body for its resolutions to take effect).

Counts are integers and the edges are exact (Fraction, never float): with 300
present, 150 agreeing is not more than half, 151 is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "RULES",
    "CountProblem",
    "Denominator",
    "MajorityRule",
    "Outcome",
    "count_problems",
    "decide",
    "least_above",
]


class Denominator(StrEnum):
    PRESENT = "present"  # official delegates present at the sitting
    SUMMONED = "summoned"  # official delegates summoned to the congress


@dataclass(frozen=True)
class MajorityRule:
    """Adopted when agree is more than (or, not strict, at least) `share` of `of`."""

    share: Fraction
    of: Denominator
    strict: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.share <= 1:
            raise ValueError(f"a majority share lies between 0 and 1, got {self.share}")

    def denominator(self, *, present: int, summoned: int) -> int:
        return present if self.of is Denominator.PRESENT else summoned

    def needed(self, *, present: int, summoned: int) -> int:
        """Return the least number agreeing that adopts the motion."""
        return least_above(
            self.share, self.denominator(present=present, summoned=summoned), self.strict
        )


# The rules a programme item may name; the keys are stored with each vote.
RULES: dict[str, MajorityRule] = {
    "present_half": MajorityRule(Fraction(1, 2), Denominator.PRESENT),
    "summoned_half": MajorityRule(Fraction(1, 2), Denominator.SUMMONED),
    "present_two_thirds": MajorityRule(Fraction(2, 3), Denominator.PRESENT, strict=False),
}


def least_above(share: Fraction, total: int, strict: bool = True) -> int:
    """Return the least integer n with n/total > share (strict) or ≥ share.

    With total 0 a strict rule still needs one vote: nobody agreeing adopts nothing.
    """
    if total < 0:
        raise ValueError(f"a total cannot be negative, got {total}")
    exact = share * total
    floor = exact.numerator // exact.denominator
    if strict:
        return floor + 1
    return floor if floor == exact else floor + 1


class CountProblem(StrEnum):
    NEGATIVE = "negative"
    MORE_THAN_PRESENT = "more_than_present"
    NONE_COUNTED = "none_counted"


def count_problems(agree: int, disagree: int, abstain: int, present: int) -> list[CountProblem]:
    """List what is wrong with a show of hands counted among `present` delegates."""
    problems: list[CountProblem] = []
    if min(agree, disagree, abstain) < 0:
        problems.append(CountProblem.NEGATIVE)
    elif agree + disagree + abstain > present:
        problems.append(CountProblem.MORE_THAN_PRESENT)
    elif agree + disagree + abstain == 0:
        problems.append(CountProblem.NONE_COUNTED)
    return problems


@dataclass(frozen=True)
class Outcome:
    adopted: bool
    needed: int  # the least number agreeing that adopts
    denominator: int  # those present or summoned, as the rule says
    agree_share: Fraction  # agree / denominator (0 when the denominator is 0)


def decide(
    agree: int, disagree: int, abstain: int, *, present: int, summoned: int, rule: MajorityRule
) -> Outcome:
    """Return whether the motion is adopted; refuse a count that fails `count_problems`."""
    problems = count_problems(agree, disagree, abstain, present)
    if problems:
        raise ValueError(f"the count cannot be decided: {', '.join(problems)}")
    if present > summoned:
        raise ValueError(f"more present ({present}) than summoned ({summoned})")
    total = rule.denominator(present=present, summoned=summoned)
    needed = rule.needed(present=present, summoned=summoned)
    share = Fraction(agree, total) if total else Fraction(0)
    return Outcome(adopted=agree >= needed, needed=needed, denominator=total, agree_share=share)
