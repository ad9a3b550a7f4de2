"""One way to cut a list of children into pages: the same size, parameter and refusal everywhere.

Every page that lists the units below one unit shows one page of them; what it
counts over the whole subtree comes from grouped queries, never from the list.
A page number that is not one (text, 0, past the end) opens the nearest page
instead of an error: a link copied from a list that has since shrunk still works.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50
PARAM = "trang"


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    *,
    per_page: int = PER_PAGE,
    count: int | None = None,
    param: str = PARAM,
) -> Page:
    """The page of `items` the request asks for (`?trang=N`), the first one if it asks badly.

    `count` is the number of items when the caller already knows it (treebeard's
    numchild, a grouped count): counting a large subtree again costs a scan.
    """
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # type: ignore[misc]
    return paginator.get_page(request.GET.get(param))
