"""Who may do what with draft documents: named capabilities, checked by actions and getters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from daihoi.accounts.models import Role
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

DRAFT_WRITERS = (Role.ADMIN, Role.ORG_STAFF, Role.SUBCOMMITTEE)


def can_edit(user: User | AnonymousUser, org: Organisation) -> bool:
    """Whether the user drafts for org: its staff or subcommittee, or above.

    Drafting covers the rounds, the comments entered and their handling.
    """
    if not user.is_authenticated or not scope.can_see(user, org):
        return False
    return scope.sees_everything(user) or user.has_role(*DRAFT_WRITERS)  # type: ignore[union-attr]


def can_review(user: User | AnonymousUser, org: Organisation) -> bool:
    """Whether the user gives the superior's review and approval of org's documents."""
    return scope.is_superior_of(user, org)


def is_delegate_to(user: User | AnonymousUser, org: Organisation) -> bool:
    """Whether user is a delegate account of a unit directly below org, i.e. sits in its congress.

    Congresses run bottom-up: a unit's delegates sit in the congress of the unit
    directly above it, not in the congresses further up (the province's, the
    national one). A delegate account belongs to the unit that elected it, so
    its congress is its unit's parent's, and only that one.
    """
    if not user.is_authenticated or not user.has_role(Role.DELEGATE):  # type: ignore[union-attr]
        return False
    own: Organisation | None = getattr(user, "organisation", None)
    return (
        own is not None
        and own.structure_id == org.structure_id
        and own.depth == org.depth + 1
        and own.path.startswith(org.path)
    )


def may_read_approved(user: User | AnonymousUser, org: Organisation) -> bool:
    """Whether user may read the approved documents of org's congress."""
    return scope.can_see(user, org) or is_delegate_to(user, org)
