"""The drafts' sections on the congress page and the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from daihoi.campaigns.hooks import Panel
from daihoi.drafts import queries
from daihoi.drafts.access import can_edit
from daihoi.drafts.models import Round, RoundState
from daihoi.orgs import tree

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Campaign, Congress
    from daihoi.orgs.models import Organisation


def congress_panel(request: HttpRequest, congress: Congress) -> Panel | None:
    """The congress's documents, their rounds and states, and what still blocks approval."""
    rows = queries.document_rows(congress)
    return Panel(
        "drafts/_congress_panel.html",
        {
            "congress": congress,
            "rows": rows,
            "blockers": queries.approval_check(congress, "documents"),
            "can_edit": can_edit(request.user, congress.organisation),
        },
        order=20,
    )


def dashboard_panel(
    request: HttpRequest, campaign: Campaign, org: Organisation, as_of: dt.date
) -> Panel | None:
    """For each draft out for comments to this unit's subtree: x of y units have sent theirs."""
    paths = [org.path[: d * org.steplen] for d in range(1, org.depth + 1)]
    rounds = (
        Round.objects.filter(
            state=RoundState.CIRCULATING,
            document__congress__campaign=campaign,
            document__org_path__in=paths,
        )
        .select_related("document__congress__organisation")
        .order_by("document__org_path", "document__kind")[:10]
    )
    lines: list[dict[str, Any]] = []
    for round_ in rounds:
        # The province's own draft counts the units it was sent to; a draft from above
        # counts the units below this one (named ones, else its direct children).
        named = round_.circulated_units.only("path", "name", "code")
        if round_.document.org_path == org.path:
            units = list(named) or list(tree.children(org))
        else:
            units = list(named.filter(tree.subtree_q(org.path, include_self=False)))
            units = units or list(tree.children(org))
        if not units:
            continue
        lines.append(
            {
                "round": round_,
                "document": round_.document,
                "sent": queries.units_that_sent(round_, units),
                "units": len(units),
                "comments": round_.comments.filter(
                    tree.subtree_q(org.path, prefix="source_")
                ).count(),
            }
        )
    if not lines:
        return None
    return Panel("drafts/_dashboard_panel.html", {"lines": lines, "org": org}, order=40)
