"""What personnel adds to other apps' pages and gates (registered in apps.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from daihoi.campaigns.hooks import Panel
from daihoi.campaigns.models import ApprovalKind

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Campaign, Congress
    from daihoi.orgs.models import Organisation


def complaints_block_approval(congress: Congress, kind: str) -> list[str]:
    """An open complaint about someone on the lists blocks approving the personnel plan."""
    if kind != ApprovalKind.PERSONNEL:
        return []
    from daihoi.personnel.queries import approval_reasons

    return approval_reasons(congress)


def submission_items(congress: Congress, kind: str) -> list[dict[str, Any]]:
    """What a personnel submission freezes: each candidate list, its seats and who is on it."""
    if kind != ApprovalKind.PERSONNEL:
        return []
    from daihoi.personnel.models import CandidateList, ListMember

    members: dict[int, list[tuple[int, bool, bool]]] = {}
    for row in ListMember.objects.filter(candidate_list__congress=congress).values_list(
        "candidate_list_id", "person_id", "first_time", "standing"
    ):
        members.setdefault(row[0], []).append(row[1:])
    items = []
    for cl in CandidateList.objects.filter(congress=congress).order_by("kind"):
        listed = sorted(members.get(cl.pk, []))
        text = json.dumps([cl.seats, listed])
        items.append(
            {
                "what": "list",
                "id": cl.pk,
                "label": str(cl.get_kind_display()),
                "version": hashlib.sha256(text.encode()).hexdigest()[:20],
            }
        )
    return items


def congress_panel(request: HttpRequest, congress: Congress) -> Panel | None:
    from daihoi.personnel import access
    from daihoi.personnel.models import CandidateList, Complaint, ComplaintStatus

    if not access.may_read(request.user, congress.organisation):
        return None
    lists = list(CandidateList.objects.filter(congress=congress).order_by("pk"))
    open_complaints = Complaint.objects.filter(
        congress=congress, status=ComplaintStatus.OPEN
    ).count()
    return Panel(
        "personnel/_congress_panel.html",
        {"congress": congress, "lists": lists, "open_complaints": open_complaints},
        order=30,
    )


def dashboard_panel(
    request: HttpRequest, campaign: Campaign, org: Organisation, as_of: dt.date
) -> Panel | None:
    from daihoi.personnel.rollup import rollup

    figures = rollup(campaign, org.path, as_of)
    if not figures.total:
        return None
    return Panel(
        "personnel/_dashboard_panel.html",
        {"figures": figures, "campaign": campaign, "org": org, "as_of": as_of},
        order=40,
    )
