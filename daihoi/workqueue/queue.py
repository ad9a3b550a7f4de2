"""The work queue (Việc cần làm): what waits for a person, computed from the live state.

The cost does not grow with the subtree: every kind of work is counted in one SQL
statement (a COUNT over each source's first CAP rows as a scalar subquery), and the
page then reads the first few rows of each kind that has any, one query per kind.
The header's count is that single statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from daihoi.workqueue.desk import CAP, Desk, Group, Item, Source
from daihoi.workqueue.sources import SOURCES

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

# Items shown per kind; the rest are counted and linked.
LIMIT = 10


def _applying(desk: Desk) -> list[tuple[Source, QuerySet[Any]]]:
    found = []
    for source in SOURCES:
        rows = source.rows(desk)
        if rows is not None:
            found.append((source, rows))
    return found


def _count_all(querysets: list[QuerySet[Any]]) -> list[int]:
    """Count each queryset's rows, all in one statement."""
    parts: list[str] = []
    params: list[Any] = []
    for i, queryset in enumerate(querysets):
        # Counted up to CAP: past it the figure says "more than", and the count stops
        # reading rows (a live campaign's late congresses over the whole country).
        lean = queryset.order_by().values("pk")[:CAP]
        try:
            sql, args = lean.query.get_compiler(using=lean.db).as_sql()
        except EmptyResultSet:
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) q{i})")  # noqa: S608 - compiled by the ORM
        params.extend(args)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return [int(n) for n in row]


def _desk(user: User | AnonymousUser) -> Desk | None:
    if not user.is_authenticated:
        return None
    desk = Desk(user, timezone.localdate())  # type: ignore[arg-type]
    return desk if desk.placed else None


def groups_for(user: User | AnonymousUser, *, limit: int = LIMIT) -> list[Group]:
    """The person's work by kind, each kind with its total and its first `limit` items."""
    desk = _desk(user)
    if desk is None:
        return []
    applying = _applying(desk)
    totals = _count_all([rows for _source, rows in applying])
    groups = []
    for (source, rows), total in zip(applying, totals, strict=True):
        if total == 0:
            continue
        items = source.items(desk, rows, limit)
        groups.append(Group(source.kind, str(source.title), items, total, source.more_url(desk)))
    return groups


def items_for(user: User | AnonymousUser, *, limit: int = LIMIT) -> list[Item]:
    """What waits for the person, kind after kind (at most `limit` of each kind)."""
    return [item for group in groups_for(user, limit=limit) for item in group.items]


def count_for(user: User | AnonymousUser) -> int:
    """How many things wait for the person, all kinds together, in one query."""
    desk = _desk(user)
    if desk is None:
        return 0
    return sum(_count_all([rows for _source, rows in _applying(desk)]))


def groups_of_request(request: HttpRequest) -> list[Group]:
    """The work queue of the request's user, computed once per request (page and partial)."""
    cached: list[Group] | None = getattr(request, "_work_queue", None)
    if cached is None:
        cached = groups_for(request.user)
        request._work_queue = cached  # type: ignore[attr-defined]
    return cached


def count_of_request(request: HttpRequest) -> int:
    """The header's count: from the queue already computed for this request, or one query."""
    cached: list[Group] | None = getattr(request, "_work_queue", None)
    if cached is not None:
        return sum(group.total for group in cached)
    return count_for(request.user)
