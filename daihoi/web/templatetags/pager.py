"""`{% pager page %}`: the one pager every paginated page shows, under its list.

Links keep the page's other parameters (a date, a filter) and change only the
page number, so moving through pages never loses what the user chose. A list counted
only part of the way (paging.count_up_to) shows no total and no last page.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page

from daihoi.core.paging import PARAM, Pages

register = template.Library()


def _url(context: template.Context, param: str, number: int, base: str = "") -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"{base}?{param}={number}"
    query[param] = str(number)
    return f"{base}?{query.urlencode()}"


@register.inclusion_tag("web/_pager.html", takes_context=True)
def pager(
    context: template.Context, page: Page, param: str = PARAM, target: str = "", url: str = ""
) -> dict[str, Any]:
    """The pager of `page`; with `target`, htmx swaps that element instead of the whole page.

    `url` is the list's own address, for a page also drawn by a form's POST (a refusal
    shown at the action's URL): its links then lead back to the list, not to the action.
    """
    shown = page.has_other_pages()
    more = isinstance(page.paginator, Pages) and page.paginator.more
    return {
        "page": page,
        "shown": shown,
        "more": more,
        "target": target,
        "first": _url(context, param, 1, url) if shown and page.number > 2 else "",
        "previous": _url(context, param, page.number - 1, url) if page.has_previous() else "",
        "next": _url(context, param, page.number + 1, url) if page.has_next() else "",
        "last": _url(context, param, page.paginator.num_pages, url)
        if shown and not more and page.number < page.paginator.num_pages - 1
        else "",
    }
