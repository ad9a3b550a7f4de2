"""Finding organisations by name, with or without diacritics, within the user's subtree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from daihoi.lib.text import fold
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

SEARCH_LIMIT = 30


def search_orgs(
    user: User | AnonymousUser, query: str, limit: int = SEARCH_LIMIT
) -> list[Organisation]:
    """Return an exact code match first, then names containing the query, higher levels first."""
    query = query.replace("\x00", "")  # PostgreSQL refuses the byte; no name holds it
    folded = fold(query)
    if len(folded) < 2:
        return []
    visible = scope.visible_orgs(user).select_related("level", "structure", "unit_type")
    # By code first, through the (structure, code) index; scope is checked per row
    # because a path range here would make the database scan the path index instead.
    by_code = Organisation.objects.select_related("level", "structure", "unit_type")
    results = [org for org in by_code.filter(code=query.strip()) if scope.can_see(user, org)]
    seen = {org.pk for org in results}
    by_name = visible.filter(search_name__contains=folded).order_by("depth", "search_name")
    results += [org for org in by_name[:limit] if org.pk not in seen]
    return results[:limit]
