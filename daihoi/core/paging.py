"""One way to cut a list of children into pages: the same size, parameter and refusal everywhere.

Every page that lists the units below one unit shows one page of them; what it
counts over the whole subtree comes from grouped queries, never from the list.
A page number that is not one (text, 0, past the end) opens the nearest page
instead of an error: a link copied from a list that has since shrunk still works.

A list too long to count on every request (the audit trail: millions of rows) is
counted only a little past the page asked for (`count_up_to`); its pager then says
there is more, without a total or a last page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50
PARAM = "trang"
# Beyond what LIMIT takes on either engine (a signed 64-bit integer): a page number of
# forty digits is still a page number, the last one.
MAX_ROWS = 2**62


class Pages(Paginator):
    """Django's paginator, told whether the list goes on past the rows it was given as its count."""

    more = False


def page_number(request: HttpRequest, param: str = PARAM) -> int:
    """The page asked for (`?trang=N`); 1 when it is missing, not a whole number or below 1."""
    asked = request.GET.get(param, "")
    try:
        return max(int(asked), 1)
    except ValueError:
        return 1


def count_up_to(items: QuerySet[Any], limit: int) -> tuple[int, bool]:
    """How many `items` there are, counted no further than `limit`, and whether more remain.

    Unordered, so the database stops after `limit` rows of whichever index it reads.
    """
    limit = min(limit, MAX_ROWS)
    found = items.order_by()[: limit + 1].count()
    return min(found, limit), found > limit


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    *,
    per_page: int = PER_PAGE,
    count: int | None = None,
    more: bool = False,
    param: str = PARAM,
) -> Page:
    """The page of `items` the request asks for (`?trang=N`), the first one if it asks badly.

    `count` is the number of items when the caller already knows it (treebeard's
    numchild, a grouped count): counting a large subtree again costs a scan. With
    `more`, `count` is only as far as `count_up_to` counted: there are more items,
    and it must reach past the page asked for, so that this page has a next one.
    """
    paginator = Pages(items, per_page)
    if count is not None:
        paginator.count = count  # type: ignore[misc]
    paginator.more = more
    return paginator.get_page(page_number(request, param))
