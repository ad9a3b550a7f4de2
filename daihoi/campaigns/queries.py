"""Reads of the campaign pages: the congress page's lists, the bulk editor's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Approval, ApprovalKind, Campaign, Congress
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


def approvals(congress: Congress) -> QuerySet[Approval]:
    return congress.approvals.select_related("approved_by", "approver_organisation")


def missing_approvals(congress: Congress) -> list[ApprovalKind]:
    """The approvals the superior has not recorded yet, in their order."""
    done = set(congress.approvals.values_list("kind", flat=True))
    return [kind for kind in ApprovalKind if kind not in done]


# ---------------------------------------------------------------------------
# The bulk date editor: every organisation under a unit, with its congress if any


def levels_below(org: Organisation) -> list[Level]:
    return tree.levels_below(org)


def subordinate_units(org: Organisation) -> QuerySet[Organisation]:
    """The units directly under `org`, to narrow the bulk editor to one of them."""
    return tree.children(org)


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
