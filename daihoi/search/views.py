"""The search page and the header's popup: one GET view, two templates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from daihoi.search.queries import PAGE_LIMIT, POPUP_LIMIT, search_all


@never_cache  # people's names may be among the results: no copy kept in a browser's cache
@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Everything the user may see whose name matches ?q=, grouped by kind."""
    query = request.GET.get("q", "")
    popup = bool(request.htmx)  # type: ignore[attr-defined]
    results = search_all(request.user, query, limit=POPUP_LIMIT if popup else PAGE_LIMIT)
    if popup and not results.groups:
        return HttpResponse("")  # too short to search: the popup stays closed (.popup:empty)
    context = {"query": query, "results": results, "popup": popup}
    template = "search/_results.html" if popup else "search/page.html"
    return render(request, template, context)
