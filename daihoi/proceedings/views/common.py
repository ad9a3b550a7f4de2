"""What the day's views share: the scoped lookups and the frame of every page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.shortcuts import get_object_or_404

from daihoi.orgs import scope, tree
from daihoi.proceedings import access
from daihoi.proceedings.forms import DayForm
from daihoi.proceedings.models import AgendaItem, ShowOfHands, Speaker

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Congress

# What a refused write answers: the page again, the refusal next to the form.
INVALID, REFUSED = 400, 409


def status_of(form: DayForm) -> int:
    """400 for what the form refused, 409 for what the rules of the day refused."""
    return REFUSED if form.refused else INVALID


def item_for(congress: Congress, pk: int) -> AgendaItem:
    """An item of the congress already scoped: another province's item is a 404."""
    return get_object_or_404(
        AgendaItem.objects.select_related("congress"), pk=pk, congress=congress
    )


def speaker_for(congress: Congress, pk: int) -> Speaker:
    return get_object_or_404(
        Speaker.objects.select_related("item__congress"), pk=pk, item__congress=congress
    )


def vote_for(congress: Congress, pk: int) -> ShowOfHands:
    return get_object_or_404(
        ShowOfHands.objects.select_related("congress", "item"), pk=pk, congress=congress
    )


def frame(request: HttpRequest, congress: Congress) -> dict[str, Any]:
    """The congress, its organisation, the breadcrumbs and whether the user runs the day."""
    org = congress.organisation
    return {
        "congress": congress,
        "campaign": congress.campaign,
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "can_write": access.may_run(request.user, congress),
    }
