"""The hall's screen and the congress minutes: what the day shows and what it leaves on paper."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from daihoi.core.downloads import attachment
from daihoi.elections.queries import result_view
from daihoi.proceedings import access, documents, queries
from daihoi.proceedings.hall import hall

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse, HttpResponseBase

    from daihoi.campaigns.models import Congress

LATEST_SHOWN = 3


def _screen_context(congress: Congress) -> dict[str, Any]:

    current = queries.current_item(congress)
    announced = queries.announced_election(congress)
    context: dict[str, Any] = {
        "congress": congress,
        "org": congress.organisation,
        "current": current,
        "speakers": list(current.speakers.filter(spoken_at=None)[:3]) if current else [],
        "hall": hall(congress),
        # With an election's result on the screen, one vote leaves it room to be read.
        "votes": [
            queries.vote_view(v)
            for v in queries.latest_votes(congress, 1 if announced else LATEST_SHOWN)
        ],
        "announced": announced,
    }
    if announced is not None:
        context |= result_view(announced.result)  # type: ignore[arg-type]
    return context


@login_required
@require_GET
def projector(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The hall's screen: the item under way, the quorum, the latest votes and results."""
    congress = access.congress_for(request.user, campaign, code)
    return render(request, "proceedings/projector.html", _screen_context(congress))


@login_required
@require_GET
@never_cache
def projector_live(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The projector's content alone, fetched again every second."""
    congress = access.congress_for(request.user, campaign, code)
    return render(request, "proceedings/_screen.html", _screen_context(congress))


@login_required
@require_GET
def minutes_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    """The congress minutes as DOCX, for the secretariat to complete and sign."""
    congress = access.congress_for(request.user, campaign, code)
    return attachment(
        documents.minutes_document(congress),
        f"bien-ban-dai-hoi-{congress.organisation.code}.docx",
    )
