"""The approvals page's state of every unit below, computed by the database.

The page counts the units below by state (whole, whatever the page shown) and
lists one page of them. Both come from one annotation on the children: a LEFT
JOIN to their congress in the campaign and a CASE over the same precedence as
queries.approval_rows (approved, held, waiting for the units below, waiting,
returned, not submitted), so a district with 100,000 cells is counted in one
grouped query and never loaded into Python (issue 19.5).
"""

from __future__ import annotations

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat

from daihoi.campaigns.models import (
    Approval,
    Campaign,
    Congress,
    LevelPlan,
    Submission,
    SubmissionState,
)
from daihoi.campaigns.queries import HELD_STATES, RowState
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation

# Above every path under a unit: its path followed by the alphabet's last letter.
_TOP = Organisation.alphabet[-1] * 255


def _lower_pending(campaign: Campaign, org: Organisation, kind: str, rule: str) -> Exists:
    """Whether a child has a unit of its own that has not done what `rule` asks first."""
    below = Congress.objects.filter(
        campaign=campaign,
        level__rank=org.level.rank + 2,
        level__structure_id=org.structure_id,
        org_path__gt=OuterRef("path"),
        org_path__lte=Concat(OuterRef("path"), Value(_TOP), output_field=CharField()),
    )
    if rule == "held":
        below = below.exclude(state__in=HELD_STATES)
    else:
        below = below.exclude(Exists(Approval.objects.filter(congress=OuterRef("pk"), kind=kind)))
    return Exists(below)


def children_by_state(campaign: Campaign, org: Organisation, kind: str) -> QuerySet[Organisation]:
    """The units directly below `org`, each annotated with `row_state` for `kind`, by path."""
    children = tree.children(org).annotate(
        own=FilteredRelation("congresses", condition=Q(congresses__campaign=campaign))
    )
    approved = Exists(Approval.objects.filter(congress=OuterRef("own__pk"), kind=kind))
    latest = Subquery(
        Submission.objects.filter(congress=OuterRef("own__pk"), kind=kind)
        .order_by("-submitted_at", "-pk")
        .values("state")[:1]
    )
    rule = (
        LevelPlan.objects.filter(campaign=campaign, level__rank=org.level.rank + 1)
        .values_list("lower_first", flat=True)
        .first()
    )
    whens = [
        When(Q(own__pk__isnull=False) & approved, then=Value(RowState.APPROVED)),
        When(own__state__in=HELD_STATES, then=Value(RowState.HELD)),
    ]
    if rule:
        whens.append(
            When(
                _lower_pending(campaign, org, kind, rule),
                then=Value(RowState.LOWER),
            )
        )
    whens += [
        When(latest_state=SubmissionState.WAITING, then=Value(RowState.WAITING)),
        When(
            latest_state__in=(SubmissionState.RETURNED, SubmissionState.WITHDRAWN),
            then=Value(RowState.RETURNED),
        ),
    ]
    return children.annotate(latest_state=latest).annotate(
        row_state=Case(*whens, default=Value(RowState.NOT_SUBMITTED), output_field=CharField())
    )


def state_counts(campaign: Campaign, org: Organisation, kind: str) -> dict[str, int]:
    """How many units below are in each state, in one grouped query."""
    counts = {state.value: 0 for state in RowState}
    found = (
        children_by_state(campaign, org, kind)
        .values("row_state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in found:
        counts[row["row_state"]] = row["n"]
    return counts
