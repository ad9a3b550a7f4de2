"""The congress page's section for the congress day: the presidium, the projector, the minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from daihoi.campaigns import hooks
from daihoi.orgs import scope
from daihoi.proceedings.models import AgendaItem, ItemState, ShowOfHands

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Congress


def congress_panel(request: HttpRequest, congress: Congress) -> hooks.Panel | None:
    items = AgendaItem.objects.filter(congress=congress)
    return hooks.Panel(
        template="proceedings/_panel.html",
        context={
            "congress": congress,
            "items": items.count(),
            "done": items.filter(state=ItemState.DONE).count(),
            "current": items.filter(state=ItemState.CURRENT).first(),
            "votes": ShowOfHands.objects.filter(congress=congress).count(),
            "can_write": scope.can_write(request.user, congress.organisation),
        },
        order=60,
    )
