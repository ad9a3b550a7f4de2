"""The elections' section on the congress page: each election, its state and where to go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from daihoi.campaigns.hooks import Panel
from daihoi.elections.models import BoardMember, BoardRole, Election, ElectionState
from daihoi.orgs import scope

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Congress


def _may_rule(member: BoardMember | None) -> bool:
    return member is not None and (
        member.role == BoardRole.HEAD or (member.role == BoardRole.MEMBER and member.may_rule)
    )


def congress_panel(request: HttpRequest, congress: Congress) -> Panel | None:
    """List the congress's elections, with the desk or reconciliation page for the board."""
    elections = list(Election.objects.filter(congress=congress).order_by("pk"))
    can_manage = scope.can_write(request.user, congress.organisation)
    if not elections and not can_manage:
        return None
    board = (
        {
            m.election_id: m
            for m in BoardMember.objects.filter(election__in=elections, user_id=request.user.pk)
        }
        if request.user.pk is not None
        else {}
    )
    rows = []
    for election in elections:
        member = board.get(election.pk)
        counting = election.state == ElectionState.COUNTING
        rows.append(
            {
                "election": election,
                "desk_team": member.team if member and member.team and counting else None,
                "reconcile": counting and (can_manage or _may_rule(member)),
            }
        )
    return Panel(
        "elections/_congress_panel.html",
        {"congress": congress, "rows": rows, "can_manage": can_manage},
        order=70,
    )
