"""The home page: a user starts at their own organisation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from daihoi.orgs import scope
from daihoi.orgs.models import Organisation


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "counts_ballots_only", False) and not request.user.is_superuser:
        # A typist signs in to count, not to browse the province's tree (issue 17.1).
        return redirect("my_elections")
    root = scope.scope_root(request.user)
    if root is not None:
        return redirect("org_detail", structure=root.structure.code, code=root.code)
    roots = (
        scope.visible_orgs(request.user).filter(depth=1).select_related("structure")
        if scope.sees_everything(request.user)
        else Organisation.objects.none()
    )
    return render(request, "home.html", {"roots": roots})
