"""The results section of the congress page: what a report still lacks, and where to send it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from daihoi.campaigns import access
from daihoi.campaigns.hooks import Panel
from daihoi.campaigns.models import CongressState
from daihoi.results import requirements

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Congress

SHOWN = (CongressState.HELD, CongressState.REPORTED)


def congress_panel(request: HttpRequest, congress: Congress) -> Panel | None:
    """From the day it is held: the results recorded, and the report's page for its writers."""
    if congress.state not in SHOWN:
        return None
    return Panel(
        "results/_congress_panel.html",
        {
            "congress": congress,
            "recorded": requirements.recorded(congress),
            "may_report": congress.state == CongressState.HELD
            and access.may_edit_congress(request.user, congress),
        },
        order=65,
    )


def step_link(request: HttpRequest, congress: Congress) -> tuple[str, str] | None:
    """Beside "results reported" on the congress page: where the report is made."""
    if congress.state != CongressState.HELD or not access.may_edit_congress(request.user, congress):
        return None
    url = reverse("results_page", args=[congress.campaign.slug, congress.organisation.code])
    return _("Báo cáo kết quả đại hội (biểu mẫu hoặc tệp Excel)"), url
