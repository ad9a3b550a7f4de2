"""Reads of the campaign pages: the congress page's lists, the bulk editor's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Campaign,
    Congress,
    CongressState,
    LevelPlan,
    Submission,
    SubmissionState,
)
from daihoi.orgs import tree
from daihoi.orgs.models import Level, Organisation


@dataclass(frozen=True)
class Step:
    """Who moved a congress into its current state, and when."""

    state: str
    actor_id: int | None
    at: dt.datetime


def last_step(congress: Congress) -> Step | None:
    """Return the transition that put the congress in its current state, if one did.

    An import or the bulk editor may mark a congress held without a transition: then
    there is none, and nobody can take that state back as their own step.
    """
    entry = (
        AuditEntry.objects.filter(
            organisation_id=congress.organisation_id,
            action="congress.transition",
            after__campaign=congress.campaign.slug,
        )
        .order_by("-seq")
        .only("actor_id", "at", "after")
        .first()
    )
    if entry is None or (entry.after or {}).get("state") != congress.state:
        return None
    return Step(congress.state, entry.actor_id, entry.at)


# ---------------------------------------------------------------------------
# The bulk date editor: every organisation under a unit, with its congress if any


def levels_below(org: Organisation) -> list[Level]:
    return tree.levels_below(org)


def subordinate_units(org: Organisation) -> QuerySet[Organisation]:
    """The units directly under `org`, to narrow the bulk editor to one of them."""
    return tree.children(org)


# Units a code field suggests (a <datalist>): a district's usual units all fit; past
# that a page stays this size and the rest are typed by their code (issue 19.5).
UNIT_SUGGESTIONS = 300


def unit_suggestions(org: Organisation) -> tuple[list[tuple[str, str]], bool]:
    """(code, name) of the first UNIT_SUGGESTIONS units directly under `org`, and whether
    there are more."""
    found = list(tree.children(org).values_list("code", "name")[: UNIT_SUGGESTIONS + 1])
    return found[:UNIT_SUGGESTIONS], len(found) > UNIT_SUGGESTIONS


def units_below(
    org: Organisation, *, level: Level | None = None, unit: Organisation | None = None
) -> QuerySet[Organisation]:
    """Every organisation strictly under `org` (or under `unit`, itself included), by path."""
    if unit is not None:
        condition = tree.subtree_q(unit.path)
    else:
        condition = tree.subtree_q(org.path, include_self=False)
    found = Organisation.objects.filter(condition, structure_id=org.structure_id)
    if level is not None:
        found = found.filter(level=level)
    return found.select_related("level").order_by("path")


def congresses_of(campaign: Campaign, orgs: list[Organisation]) -> dict[int, Congress]:
    """The congress records of these organisations in the campaign, by organisation id."""
    return {
        c.organisation_id: c
        for c in Congress.objects.filter(campaign=campaign, organisation__in=[o.pk for o in orgs])
    }


# ---------------------------------------------------------------------------
# Approvals: what waits for a unit's decision, and its units below by state


def approvals_waiting(org: Organisation) -> QuerySet[Submission]:
    """The submissions waiting for `org`'s decision: its direct children's, in every campaign.

    One query (the caller slices it); oldest first, with what a list row shows.
    """
    return (
        Submission.objects.filter(
            tree.subtree_q(org.path, prefix="congress__org_", include_self=False),
            state=SubmissionState.WAITING,
            congress__level__rank=org.level.rank + 1,
            congress__level__structure_id=org.structure_id,
        )
        .select_related("congress__organisation", "congress__campaign", "submitted_by")
        .order_by("submitted_at", "pk")
    )


HELD_STATES = (CongressState.HELD, CongressState.REPORTED)


class RowState(models.TextChoices):
    NOT_SUBMITTED = "chua-gui", _("Chưa gửi")
    WAITING = "cho-duyet", _("Chờ duyệt")
    RETURNED = "tra-lai", _("Đã trả lại")
    APPROVED = "da-duyet", _("Đã duyệt")
    LOWER = "cho-cap-duoi", _("Chờ cấp dưới")
    # Held without an approval in the app (reported by import or in the bulk editor):
    # past the approvals, nothing left to decide.
    HELD = "da-to-chuc", _("Đã tổ chức, không qua duyệt")


@dataclass
class KindStatus:
    state: RowState
    submission: Submission | None = None
    lower_pending: int = 0


@dataclass
class ApprovalRow:
    """One unit below on the approvals page: its congress and where each approval stands."""

    org: Organisation
    congress: Congress | None
    statuses: dict[str, KindStatus] = field(default_factory=dict)


def _pending_below(
    campaign: Campaign, org: Organisation, rules: dict[int, str]
) -> dict[tuple[str, str, str], int]:
    """(child path, kind, rule) -> how many of that child's own children have not done it.

    One grouped query over the level two below, counted in the database by the
    child's path prefix (a province's communes are thousands of rows otherwise).
    """
    pending: dict[tuple[str, str, str], int] = {}
    if not any(rules.values()):
        return pending
    width = len(org.path) + org.steplen
    held = Q(state__in=HELD_STATES)
    counts = (
        Congress.objects.filter(
            tree.subtree_q(org.path, prefix="org_", include_self=False),
            campaign=campaign,
            level__rank=org.level.rank + 2,
        )
        .annotate(child=Substr("org_path", 1, width))
        .values("child")
        .annotate(
            total=Count("pk", distinct=True),
            held=Count("pk", filter=held, distinct=True),
            **{
                f"approved_{kind}": Count("approvals", filter=Q(approvals__kind=kind))
                for kind in ApprovalKind.values
            },
        )
    )
    for row in counts:
        for kind in ApprovalKind.values:
            pending[(row["child"], kind, "held")] = row["total"] - row["held"]
            pending[(row["child"], kind, "approved")] = row["total"] - row[f"approved_{kind}"]
    return pending


def approval_rows(
    campaign: Campaign, org: Organisation, units: list[Organisation] | None = None
) -> list[ApprovalRow]:
    """Every unit directly below `org` (or these of them: a page) with the state of each
    approval, in a fixed few queries."""
    if units is None:
        units = list(tree.children(org))
    congresses = {
        c.organisation_id: c
        for c in Congress.objects.filter(campaign=campaign, organisation__in=[u.pk for u in units])
    }
    ids = [c.pk for c in congresses.values()]
    approved = set(Approval.objects.filter(congress__in=ids).values_list("congress_id", "kind"))
    latest: dict[tuple[int, str], Submission] = {}
    for found in Submission.objects.filter(congress__in=ids).order_by("submitted_at", "pk"):
        latest[(found.congress_id, found.kind)] = found
    rules = dict(LevelPlan.objects.filter(campaign=campaign).values_list("level_id", "lower_first"))
    pending = _pending_below(campaign, org, rules)
    rows = []
    for unit in units:
        congress = congresses.get(unit.pk)
        row = ApprovalRow(unit, congress)
        for kind in ApprovalKind.values:
            sub = latest.get((congress.pk, kind)) if congress else None
            rule = rules.get(unit.level_id, "")
            lower = pending.get((unit.path, kind, rule), 0) if rule else 0
            if congress is not None and (congress.pk, kind) in approved:
                state = RowState.APPROVED
            elif congress is not None and congress.state in HELD_STATES:
                state = RowState.HELD
            elif lower:
                state = RowState.LOWER
            elif sub is not None and sub.state == SubmissionState.WAITING:
                state = RowState.WAITING
            elif sub is not None and sub.state in (
                SubmissionState.RETURNED,
                SubmissionState.WITHDRAWN,
            ):
                state = RowState.RETURNED
            else:
                state = RowState.NOT_SUBMITTED
            row.statuses[kind] = KindStatus(state, sub, lower)
        rows.append(row)
    return rows


def congresses_below(campaign: Campaign, org: Organisation) -> QuerySet[Congress]:
    """The congress records of the units directly below `org`: what its department approves."""
    return Congress.objects.filter(
        tree.subtree_q(org.path, prefix="org_", include_self=False),
        campaign=campaign,
        level__rank=org.level.rank + 1,
        level__structure_id=org.structure_id,
    ).select_related("organisation", "campaign", "level")
