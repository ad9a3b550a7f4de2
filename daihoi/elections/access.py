"""Who may do what to an election: the permission-checked getter and the named duties.

The organisers (the tree's writers over the congress's organisation) manage the
election; the counting board's duties come from its rows: the head decides and
changes the board while counting, a member named for it rules on disputed
papers, the technical staff key at their team's desk. The actions check these
again under the row lock; the pages use them to offer only what will be allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from daihoi.elections.models import BoardMember, BoardRole, Election
from daihoi.orgs import scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

    AnyUser = User | AnonymousUser


def get_election_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Election:
    """The election if the user may see it; outside their subtree it does not exist (404).

    With `write`, only its organisers get it (403 for the others in the subtree).
    """
    election = get_object_or_404(
        Election.objects.select_related(
            "congress__organisation__structure",
            "congress__organisation__level",
            "congress__campaign",
        ),
        pk=pk,
    )
    org = election.congress.organisation
    scope.get_org_for_user(user, org.structure.code, org.code, write=write)
    return election


def board_member(user: AnyUser, election: Election) -> BoardMember | None:
    if not user.is_authenticated:
        return None
    return election.board.filter(user_id=user.pk).first()


def can_manage(user: AnyUser, election: Election) -> bool:
    """The organisers: writers over the congress's organisation."""
    return scope.can_write(user, election.congress.organisation)


def decides(member: BoardMember | None) -> bool:
    """The head, or a member the board named to rule on disputed papers."""
    return member is not None and (
        member.role == BoardRole.HEAD or (member.role == BoardRole.MEMBER and member.may_rule)
    )


def is_head(member: BoardMember | None) -> bool:
    return member is not None and member.role == BoardRole.HEAD


def counts(member: BoardMember | None) -> bool:
    """A member of the board proper (head or member), not its technical staff."""
    return member is not None and member.role != BoardRole.TECHNICAL


def keys_for(member: BoardMember | None, team: int) -> bool:
    """Whether the member keys papers at this team's desk."""
    return member is not None and team >= 1 and member.team == team


def may_reconcile(user: AnyUser, election: Election) -> bool:
    """The board proper and the organisers open the reconciliation page."""
    return counts(board_member(user, election)) or can_manage(user, election)
