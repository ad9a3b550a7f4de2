"""Who may sit on a counting board (issue 17.5): the congress's delegates not on any of
its candidate lists, and the staff marked as technical, chosen by name.

A delegate's account is the one made from the congress's register (its
`register_key` names the congress; the register itself lives above elections).
Accounts a department made for a board (the counting-board role) stay eligible,
as before. Everyone must see the congress's organisation, or they could not open
the election (the board view checks it). The action checks `eligible` again; the
form offers `pool`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from daihoi.accounts.models import User
from daihoi.core.roles import TREE_WRITERS, Role
from daihoi.elections.models import Candidate, Election
from daihoi.lib.text import fold

if TYPE_CHECKING:
    from daihoi.orgs.models import Organisation


def delegate_key_prefix(election: Election) -> str:
    return f"delegate:{election.congress_id}:"


def _seeing_q(org: Organisation) -> Q:
    """Accounts of the organisation or above it: those who may open its elections."""
    step = org.steplen
    paths = [org.path[:i] for i in range(step, len(org.path) + 1, step)]
    return Q(organisation__path__in=paths)


def listed_names(election: Election) -> set[str]:
    """Every name on any candidate list of the election's congress, folded."""
    rows = Candidate.objects.filter(election__congress_id=election.congress_id)
    return {fold(n) for n in rows.values_list("full_name", flat=True)}


def _kinds(user: User, election: Election) -> bool:
    """A delegate of this congress, technical staff, or an account made for a board."""
    return (
        user.register_key.startswith(delegate_key_prefix(election))
        or user.technical_staff
        or user.has_role(Role.COUNTING_BOARD)
    )


def pool(election: Election) -> list[User]:
    """The people the organisers choose from, by name (those on the board too).

    The accounts of the congress's organisation and above are few (its staff and
    delegates, the levels above): filtered here rather than on the JSON roles.
    """
    org = election.congress.organisation
    listed = listed_names(election)
    board = set(election.board.values_list("user_id", flat=True))
    users = User.objects.filter(is_active=True).filter(_seeing_q(org) | Q(pk__in=board))
    people = [
        u
        for u in users
        if (u.pk in board or _kinds(u, election)) and fold(u.display_name) not in listed
    ]
    return sorted(people, key=lambda u: (fold(u.display_name), u.pk))


def kind_label(user: User, election: Election) -> str:
    if user.register_key.startswith(delegate_key_prefix(election)):
        return _("đại biểu")
    if user.technical_staff:
        return _("nhân viên kỹ thuật")
    return _("ban kiểm phiếu")


def eligible(user: User, election: Election) -> bool:
    """Whether the user may be put on this election's board (names on lists apart)."""
    # Whether they can open the election (their unit at or above the congress's) is
    # the page's check (the pool offers only those; a forged id is refused there).
    # The organising department's own staff may also fill a technical seat.
    return user.is_active and (_kinds(user, election) or user.has_role(*TREE_WRITERS))
