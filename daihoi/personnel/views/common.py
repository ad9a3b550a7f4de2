"""What the personnel pages share: breadcrumbs, refusals shown as messages, GET-only pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation

View = Callable[..., HttpResponse]


def page(view: View) -> View:
    """A page of personal data: signed in, GET only (its forms post elsewhere), never cached."""
    return never_cache(require_GET(login_required(view)))


def write(view: View) -> View:
    """One write: signed in, POST only; a page it shows again (an error) is never cached."""
    return never_cache(login_required(require_POST(view)))


def breadcrumbs(request: HttpRequest, org: Organisation) -> list[Organisation]:
    return tree.ancestors(org, below=scope.scope_root(request.user))


def refused(request: HttpRequest, exc: ActionRefused) -> None:
    for reason in exc.reasons:
        messages.error(request, reason)


def back_to(name: str, query: str = "", **kwargs: Any) -> HttpResponse:
    """Redirect to a page, keeping its search text (the list's candidates stay found)."""
    response = redirect(name, **kwargs)
    if query:
        response["Location"] += "?" + urlencode({"q": query})
    return response
