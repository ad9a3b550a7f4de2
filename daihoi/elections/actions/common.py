"""What the organisers' actions share: the election locked, not sealed, and theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from daihoi.elections import access
from daihoi.elections.guards import locked, refuse_sealed
from daihoi.elections.models import Election

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def managed(election: Election, user: User) -> Election:
    """Lock the election for a change by its organisers: not sealed, and theirs to manage."""
    current = locked(election)
    refuse_sealed(current)
    if not access.can_manage(user, current):
        raise PermissionDenied
    return current
