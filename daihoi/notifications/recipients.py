"""Who is told: the people holding given roles at given units (a few accounts per unit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from daihoi.accounts.models import User
from daihoi.core.roles import Role

if TYPE_CHECKING:
    from daihoi.orgs.models import Organisation

STAFF = (Role.ORG_STAFF, Role.ADMIN)


def holders(units: Iterable[Organisation | None], roles: Iterable[str] = STAFF) -> list[User]:
    """The active accounts of these units holding any of `roles`.

    Roles are a JSON list, which SQLite cannot search by element; a unit has a handful
    of accounts, so they are read by the indexed organisation column and kept here.
    """
    ids = {unit.pk for unit in units if unit is not None}
    wanted = set(roles)
    return [
        user
        for user in User.objects.filter(organisation_id__in=ids, is_active=True).select_related(
            "organisation"
        )
        if wanted.intersection(user.roles)
    ]
