"""Who is summoned, who is present, whether the congress has its quorum, and the base."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from daihoi.assembly.models import (
    AssemblySettings,
    CheckIn,
    Delegate,
    DelegateBasis,
    Sitting,
    counted_q,
)
from daihoi.campaigns.models import Congress
from daihoi.lib.quorum import TWO_THIRDS, Rule
from daihoi.lib.tally import DelegatesCongress


@dataclass(frozen=True)
class Attendance:
    summoned: int  # official delegates summoned (not found invalid, not replaced)
    present: int  # official delegates checked in at the sitting
    required: int  # the least number present for a quorum under the congress's rule
    has_quorum: bool
    base: int  # the election base: summoned less the rule's exclusions
    sitting: Sitting | None
    rule: str = TWO_THIRDS.text
    strict: bool = False

    def as_json(self) -> dict[str, object]:
        sitting = self.sitting
        return {
            "summoned": self.summoned,
            "present": self.present,
            "required": self.required,
            "has_quorum": self.has_quorum,
            "base": self.base,
            "rule": self.rule,
            "strict": self.strict,
            "sitting": (
                None
                if sitting is None
                else {"id": sitting.pk, "label": str(sitting), "open": sitting.is_open}
            ),
        }


def quorum_rule(congress: Congress) -> Rule:
    found = AssemblySettings.objects.filter(congress=congress).first()
    return found.quorum_rule if found is not None else TWO_THIRDS


def sitting_open_today() -> bool:
    """Return whether any congress has a sitting open today (its desks are writing)."""
    # Today only: a sitting left open after its day must not hold imports back for ever.
    return Sitting.objects.filter(
        opened_at__isnull=False, closed_at__isnull=True, date=timezone.localdate()
    ).exists()


def current_sitting(congress: Congress) -> Sitting | None:
    """The open sitting, if any (the latest opened when, by mistake, two are open)."""
    return (
        Sitting.objects.filter(congress=congress, opened_at__isnull=False, closed_at__isnull=True)
        .order_by("-opened_at", "-pk")
        .first()
    )


def base_figures(congress: Congress) -> DelegatesCongress:
    """The figures of the base rule (see lib/tally.election_base) from the register."""
    figures = Delegate.objects.filter(counted_q(), congress=congress).aggregate(
        summoned=Count("pk"),
        # Members of the convening committee (ex-officio) absent for the whole congress.
        committee_absent=Count("pk", filter=Q(basis=DelegateBasis.EX_OFFICIO) & ~Q(absence="")),
        # Other officials absent for the whole congress: a replaced one is no longer
        # counted at all, so whoever is still absent here has no alternate in their place.
        absent_unreplaced=Count("pk", filter=~Q(basis=DelegateBasis.EX_OFFICIO) & ~Q(absence="")),
    )
    return DelegatesCongress(
        summoned=figures["summoned"],
        convening_committee_absent=figures["committee_absent"],
        delegates_absent_unreplaced=figures["absent_unreplaced"],
    )


def election_base_of(congress: Congress) -> int:
    """The base, or 0 while no one is summoned yet."""
    figures = base_figures(congress)
    return max(
        figures.summoned - figures.convening_committee_absent - figures.delegates_absent_unreplaced,
        0,
    )


def attendance(congress: Congress, sitting: Sitting | None = None) -> Attendance:
    """The live figures of a sitting (default: the open one; none open: nobody present)."""
    if sitting is None:
        sitting = current_sitting(congress)
    rule = quorum_rule(congress)
    figures = base_figures(congress)
    summoned = figures.summoned
    present = (
        CheckIn.objects.filter(counted_q("delegate"), sitting=sitting).count()
        if sitting is not None
        else 0
    )
    return Attendance(
        summoned=summoned,
        present=present,
        required=rule.required(summoned),
        has_quorum=rule.met(present, summoned),
        base=max(
            summoned - figures.convening_committee_absent - figures.delegates_absent_unreplaced,
            0,
        ),
        sitting=sitting,
        rule=rule.text,
        strict=rule.strict,
    )
