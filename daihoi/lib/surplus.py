"""Compute the candidate surplus (số dư) and check it against an election rule set.

Everything about the surplus lives here once: the rule sets, which body each kind
of election fills, the check, and the sentences that explain a breach to people
(in Vietnamese, marked for the catalogue and translated where they are shown).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from fractions import Fraction

from daihoi.lib.percent import format_percent

__all__ = [
    "BODY_OF_KIND",
    "MESSAGES",
    "QD_190_2024",
    "QD_244_2014",
    "RULE_SETS",
    "Body",
    "Problem",
    "ProblemCode",
    "Stage",
    "SurplusRules",
    "body_of_kind",
    "check_surplus",
    "explain",
    "rules_for_term",
    "surplus",
    "surplus_text",
]


class Body(Enum):
    """Name the body a list of candidates is drawn up for."""

    COMMITTEE = "committee"  # ban chấp hành / cấp ủy
    STANDING_COMMITTEE = "standing_committee"  # ban thường vụ
    SECRETARY = "secretary"  # bí thư, phó bí thư
    INSPECTION_COMMISSION = "inspection_commission"  # ủy ban kiểm tra
    DELEGATES = "delegates"  # đại biểu dự đại hội cấp trên


# Which body each kind of election fills, keyed by the stored kind (elections.ElectionKind):
# a deputy secretary is drawn up like the secretary, an inspection chair like the
# commission, alternates like the delegates.
BODY_OF_KIND: Mapping[str, Body] = {
    "committee": Body.COMMITTEE,
    "standing": Body.STANDING_COMMITTEE,
    "secretary": Body.SECRETARY,
    "deputy": Body.SECRETARY,
    "inspection": Body.INSPECTION_COMMISSION,
    "inspection_chair": Body.INSPECTION_COMMISSION,
    "delegates": Body.DELEGATES,
    "alternates": Body.DELEGATES,
}


def body_of_kind(kind: str) -> Body:
    """Return the body a kind of election fills; an unknown kind gets the committee's rules."""
    return BODY_OF_KIND.get(kind, Body.COMMITTEE)


class Stage(Enum):
    """Say who is producing the list being checked."""

    PREPARATION = "preparation"  # the convening committee's list, before the congress
    CONGRESS = "congress"  # the list put to the vote, after nominations from the floor


class ProblemCode(Enum):
    """Identify each kind of surplus problem independently of its wording."""

    FEWER_CANDIDATES_THAN_SEATS = "fewer_candidates_than_seats"
    NO_SURPLUS = "no_surplus"
    ABOVE_CONGRESS_LIMIT = "above_congress_limit"
    BELOW_PREPARATION_RANGE = "below_preparation_range"
    ABOVE_PREPARATION_RANGE = "above_preparation_range"
    SMALL_BODY_TOO_MANY_EXTRA = "small_body_too_many_extra"


@dataclass(frozen=True, slots=True)
class Problem:
    """Report one breach of the rule set, with a stable code and a readable message."""

    code: ProblemCode
    message: str


@dataclass(frozen=True, slots=True)
class SurplusRules:
    """Hold the surplus limits of one election regulation as data."""

    document: str
    year: int
    surplus_required_for: frozenset[Body]
    congress_max: Fraction
    preparation_min: Fraction
    preparation_max: Fraction
    preparation_applies_to: frozenset[Body]
    # Inclusive seat range of a "small" body, whose surplus is capped as a head count
    # rather than a percentage (one extra on three seats would already be 33%).
    small_body_seats: tuple[int, int]
    small_body_max_extra: int


QD_190_2024 = SurplusRules(
    document="190-QĐ/TW",
    year=2024,
    surplus_required_for=frozenset({Body.COMMITTEE, Body.STANDING_COMMITTEE}),
    congress_max=Fraction(30, 100),
    preparation_min=Fraction(10, 100),
    preparation_max=Fraction(15, 100),
    preparation_applies_to=frozenset({Body.COMMITTEE}),
    small_body_seats=(3, 5),
    small_body_max_extra=1,
)

# QĐ 244-QĐ/TW (2014), replaced by QĐ 190: its figures are taken from QĐ 190 and have
# not been checked against the 2014 text. It is kept as its own entry so that congresses
# held under the old regulation stay tied to it; a figure found to differ is overridden here.
QD_244_2014 = replace(QD_190_2024, document="244-QĐ/TW", year=2014)

RULE_SETS: dict[str, SurplusRules] = {r.document: r for r in (QD_244_2014, QD_190_2024)}


def rules_for_term(term_start: int) -> SurplusRules:
    """Return the regulation a term's congresses follow: the latest issued before it starts.

    A campaign keeps the regulation it started under: QĐ 244 for the 2020–2025 term,
    QĐ 190 (2024) from the 2025–2030 term on.
    """
    issued = [r for r in RULE_SETS.values() if r.year < term_start]
    return max(issued, key=lambda r: r.year) if issued else QD_244_2014


def _check_sizes(candidates: int, seats: int) -> None:
    """Reject list sizes that cannot describe an election."""
    if seats < 1:
        raise ValueError(f"an election fills at least one seat, got {seats}")
    if candidates < 0:
        raise ValueError(f"the number of candidates cannot be negative, got {candidates}")


def surplus(candidates: int, seats: int) -> Fraction:
    """Return (candidates − seats) / seats exactly."""
    _check_sizes(candidates, seats)
    return Fraction(candidates - seats, seats)


def surplus_text(candidates: int, seats: int) -> str:
    """Return the surplus as displayed, e.g. "18.18%" for 13 candidates and 11 seats."""
    return format_percent(surplus(candidates, seats))


def _limit_places(limit: Fraction) -> int:
    """Say how many decimals a limit from the regulation is printed with: 30%, but 12.50%."""
    return 0 if (limit * 100).denominator == 1 else 2


def _limit_text(limit: Fraction) -> str:
    """Write a limit from the regulation as it is printed there, e.g. "30%" or "12.50%"."""
    return format_percent(limit, _limit_places(limit))


def _fitting_extras(seats: int, low: Fraction, high: Fraction) -> list[int]:
    """List the whole numbers of extra candidates whose surplus lies within [low, high]."""
    return [k for k in range(seats + 1) if low <= Fraction(k, seats) <= high]


def check_surplus(
    candidates: int,
    seats: int,
    rules: SurplusRules,
    stage: Stage,
    body: Body = Body.COMMITTEE,
) -> list[Problem]:
    """Return every way the list breaks the rule set; an empty list means it complies."""
    _check_sizes(candidates, seats)
    extra = candidates - seats
    ratio = Fraction(extra, seats)
    shown = format_percent(ratio)
    where = f"{candidates} candidates for {seats} seats"
    problems: list[Problem] = []

    if extra < 0:
        problems.append(
            Problem(
                ProblemCode.FEWER_CANDIDATES_THAN_SEATS,
                f"{where}: the list cannot fill every seat.",
            )
        )
    elif extra == 0 and body in rules.surplus_required_for:
        problems.append(
            Problem(
                ProblemCode.NO_SURPLUS,
                f"{where}: {rules.document} requires more candidates than seats "
                f"for the {body.value.replace('_', ' ')}.",
            )
        )
    if extra <= 0:
        return problems

    low, high = rules.small_body_seats
    if low <= seats <= high:
        # For small bodies the head-count cap replaces the percentage limits.
        if extra > rules.small_body_max_extra:
            problems.append(
                Problem(
                    ProblemCode.SMALL_BODY_TOO_MANY_EXTRA,
                    f"{where}: {rules.document} allows at most {rules.small_body_max_extra} "
                    f"extra candidate(s) for a body of {low}–{high} members, not {extra}.",
                )
            )
        return problems

    if ratio > rules.congress_max:
        problems.append(
            Problem(
                ProblemCode.ABOVE_CONGRESS_LIMIT,
                f"{where}: surplus {shown} is above the {_limit_text(rules.congress_max)} "
                f"maximum of {rules.document}.",
            )
        )
    if stage is Stage.PREPARATION and body in rules.preparation_applies_to:
        range_text = f"{_limit_text(rules.preparation_min)}–{_limit_text(rules.preparation_max)}"
        fitting = _fitting_extras(seats, rules.preparation_min, rules.preparation_max)
        # With some seat counts no whole number of people lands in the range (11 seats:
        # one extra is 9.09%, two are 18.18%); say so instead of leaving users puzzled.
        hint = (
            f" {', '.join(map(str, fitting))} extra candidate(s) would fit."
            if fitting
            else f" No whole number of extra candidates fits this range for {seats} seats."
        )
        if ratio < rules.preparation_min:
            problems.append(
                Problem(
                    ProblemCode.BELOW_PREPARATION_RANGE,
                    f"{where}: surplus {shown} is below the {range_text} the convening "
                    f"committee prepares under {rules.document}.{hint}",
                )
            )
        elif ratio > rules.preparation_max:
            problems.append(
                Problem(
                    ProblemCode.ABOVE_PREPARATION_RANGE,
                    f"{where}: surplus {shown} is above the {range_text} the convening "
                    f"committee prepares under {rules.document}.{hint}",
                )
            )
    return problems


# --- what people read ------------------------------------------------------------------


def gettext_noop(message: str) -> str:
    """Mark a message for the translation catalogue; it is translated where it is shown."""
    return message


# One sentence a problem, whoever shows it (the list check, the election's blockers).
MESSAGES: Mapping[ProblemCode, str] = {
    ProblemCode.FEWER_CANDIDATES_THAN_SEATS: gettext_noop("Số người ít hơn số lượng được bầu."),
    ProblemCode.NO_SURPLUS: gettext_noop(
        "%(document)s yêu cầu danh sách bầu nhiều hơn số lượng được bầu."
    ),
    ProblemCode.ABOVE_CONGRESS_LIMIT: gettext_noop(
        "Số dư %(surplus)s vượt mức tối đa %(max)s mà %(document)s cho phép đại hội quyết định."
    ),
    ProblemCode.SMALL_BODY_TOO_MANY_EXTRA: gettext_noop(
        "Cấp ủy từ %(smallest)s đến %(largest)s người chỉ được dư tối đa %(extra)s người "
        "(%(document)s)."
    ),
    ProblemCode.BELOW_PREPARATION_RANGE: gettext_noop(
        "Thấp hơn mức %(low)s–%(high)s cấp ủy triệu tập chuẩn bị (không bắt buộc)."
    ),
    ProblemCode.ABOVE_PREPARATION_RANGE: gettext_noop(
        "Cao hơn mức %(low)s–%(high)s cấp ủy triệu tập chuẩn bị (không bắt buộc; "
        "đại hội quyết định số dư đến %(max)s)."
    ),
}


def explain(
    code: ProblemCode,
    candidates: int,
    seats: int,
    rules: SurplusRules,
    *,
    translate: Callable[[str], str],
    percent: Callable[[Fraction, int], str],
) -> str:
    """Write the sentence for one problem, translated and with figures written by the caller.

    `percent(ratio, places)` writes a ratio as a percentage in the reader's language.
    """
    _check_sizes(candidates, seats)
    smallest, largest = rules.small_body_seats
    figures = {
        "document": rules.document,
        "surplus": percent(surplus(candidates, seats), 2),
        "max": percent(rules.congress_max, _limit_places(rules.congress_max)),
        "low": percent(rules.preparation_min, _limit_places(rules.preparation_min)),
        "high": percent(rules.preparation_max, _limit_places(rules.preparation_max)),
        "smallest": str(smallest),
        "largest": str(largest),
        "extra": str(rules.small_body_max_extra),
    }
    return translate(MESSAGES[code]) % figures
