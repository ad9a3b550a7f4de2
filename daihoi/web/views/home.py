"""The home page: each person starts at their own work, whatever their roles (issue 17.1)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from daihoi.accounts.models import User
from daihoi.campaigns import progress
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.web import workspace


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = scope.acting_user(request)
    own = scope.scope_root(user)
    campaign = workspace.current_campaign(own)
    root = own
    if root is None and campaign is not None and scope.sees_everything(user):
        root = progress.campaign_root(campaign)
    sections = workspace.sections(user, campaign, root)
    return render(
        request,
        "web/home.html",
        {
            "sections": sections,
            "campaign": campaign,
            "unit": own,
            "is_staff": scope.is_staff(user),
            "roots": _roots(user) if own is None else [],
            # The department's section holds the work queue; other roles have it below.
            "queue_below": all(p.template != workspace.DEPARTMENT for p in sections),
        },
    )


def _roots(user: User) -> list[Organisation]:
    """The national administrator's trees, one per structure."""
    if not scope.sees_everything(user):
        return []
    return list(scope.visible_orgs(user).filter(depth=1).select_related("structure"))


@require_GET
@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    """The organisation tree at the top of what the user sees (the staff's way in)."""
    root = scope.scope_root(request.user)
    if root is not None:
        return redirect("org_detail", structure=root.structure.code, code=root.code)
    return redirect("home")
