"""The presidium's page and its quorum box; the page of one item."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from daihoi.proceedings import access
from daihoi.proceedings.hall import hall
from daihoi.proceedings.views.common import item_for
from daihoi.proceedings.views.pages import render_item, render_presidium


@login_required
@require_GET
def presidium(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The programme with its controls, the live quorum and the vote of the item under way."""
    congress = access.congress_for(request.user, campaign, code)
    return render_presidium(request, congress)


@login_required
@require_GET
@never_cache
def quorum(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The presidium page's quorum box, fetched again every second."""
    congress = access.congress_for(request.user, campaign, code)
    return render(request, "proceedings/_quorum.html", {"hall": hall(congress)})


@login_required
@require_GET
def item_detail(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """One item: its speakers, its votes, its wording and rule."""
    congress = access.congress_for(request.user, campaign, code)
    return render_item(request, congress, item_for(congress, pk))
