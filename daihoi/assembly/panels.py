"""The congress day's section on the congress page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q

from daihoi.assembly import access
from daihoi.assembly.models import CredentialState, Delegate, DelegateKind
from daihoi.assembly.quorum import attendance
from daihoi.campaigns.hooks import Panel

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Congress


def congress_panel(request: HttpRequest, congress: Congress) -> Panel | None:
    counts = Delegate.objects.filter(congress=congress).aggregate(
        officials=Count("pk", filter=Q(kind=DelegateKind.OFFICIAL)),
        alternates=Count("pk", filter=Q(kind=DelegateKind.ALTERNATE)),
        guests=Count("pk", filter=Q(kind=DelegateKind.GUEST)),
        pending=Count(
            "pk",
            filter=~Q(kind=DelegateKind.GUEST) & Q(credential=CredentialState.PENDING),
        ),
    )
    return Panel(
        "assembly/_panel.html",
        {
            "congress": congress,
            "counts": counts,
            "figures": attendance(congress),
            "can_manage": access.may_manage(request.user, congress),
            "may_check_in": access.may_check_in(request.user, congress),
        },
        order=60,
    )
