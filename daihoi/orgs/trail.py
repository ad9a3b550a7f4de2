"""The audit trail of a unit and every unit below it, newest first, one page at a time.

The trail only grows (to millions of entries over a national campaign), so its page
neither counts it whole nor sorts a large subtree's entries whole:

- it counts only a little past the page asked for (paging.count_up_to): the pager
  says "more" instead of a total;
- a unit with many entries below it (a province, the root) is read by walking the
  trail by date and keeping its units' entries, which stops after one page; a unit
  with few reads its units' entries by unit and sorts them. PostgreSQL chooses between
  the two by itself; SQLite took the second at the root (0.8 s of processor over a
  million entries, bench/audit_page.py), or with stale statistics the first for a
  cell, which reads the whole trail: there the choice is made here, from the count
  the pager takes anyway.
"""

from __future__ import annotations

from math import isqrt

from django.core.paginator import Page
from django.db.models import F, Max, QuerySet
from django.http import HttpRequest

from daihoi.audit.models import AuditEntry
from daihoi.core import paging
from daihoi.db.functions import Unindexed
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation

# Walking by date reads an index entry and a unit's row per entry, several times
# cheaper than fetching and sorting an entry (SQLite, bench/audit_page.py: 0.17 µs
# against 0.9-1.8 µs a row); the threshold between the two ways is divided by it.
WALK_ADVANTAGE = 3


def _entries(org: Organisation, hidden: list[str], *, by_date: bool) -> QuerySet[AuditEntry]:
    """The entries about `org` and the units below it, newest first.

    On SQLite the index the other way would take is closed (`+column`), so each way
    keeps its plan whatever the planner's statistics say (stale ones after the trail
    grew chose either); elsewhere both are the same statement.
    """
    units = Organisation.objects.filter(tree.subtree_q(org.path)).values("pk")
    entries = AuditEntry.objects.all()
    if by_date:
        entries = entries.alias(unit=Unindexed(F("organisation_id"))).filter(unit__in=units)
        entries = entries.order_by("-at", "-id")
    else:
        entries = entries.filter(organisation__in=units)
        entries = entries.order_by(Unindexed(F("at")).desc(), Unindexed(F("id")).desc())
    for prefix in hidden:
        entries = entries.exclude(action__startswith=prefix)
    return entries


def _threshold(number: int, size: int) -> int:
    """Past this many entries below the unit, walking the trail by date reads fewer rows.

    Walking reads about (the rows up to page `number`) × `size` / (the unit's entries)
    rows; reading the unit's own reads its entries: they cross at the square root.
    """
    return isqrt(number * paging.PER_PAGE * size) // WALK_ADVANTAGE


def trail_page(request: HttpRequest, org: Organisation, hidden: list[str]) -> Page:
    """The page of `org`'s trail the request asks for, without the actions in `hidden`."""
    number = paging.page_number(request)
    below = _entries(org, hidden, by_date=False)
    # The chain numbers every entry: its last number is the trail's size, read from an index.
    size = AuditEntry.objects.aggregate(last=Max("seq"))["last"] or 0
    limit = max((number + 1) * paging.PER_PAGE, _threshold(number, size) + 1)
    counted, more = paging.count_up_to(below, limit)
    if not more:
        # Counted to the end: a page past it opens the last one, chosen for as the last one.
        number = min(number, max(1, -(-counted // paging.PER_PAGE)))
    entries = _entries(org, hidden, by_date=True) if counted > _threshold(number, size) else below
    return paging.paginate(request, entries, count=counted, more=more)
