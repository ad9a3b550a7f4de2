"""The breadcrumb trail every page shows: home › units › congress › election › the page's own.

Built from what the page's context already holds (`breadcrumbs`: the unit's
ancestors within the user's scope, `org`, `congress`, `election`), plus any
(label, url) pairs a view sets as `crumbs`, so a page gets its trail without
another query. A step links only where the user may open it: the tree is the
staff's (scope.is_staff), a congress or election outside the user's subtree (a
delegate's congress is above their unit) shows as text.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Congress
from daihoi.elections.models import Election
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation

register = template.Library()

Crumb = tuple[str, str]  # (label, url); an empty url is shown as text


def _org_crumb(user: Any, org: Organisation, staff: bool) -> Crumb:
    if staff and scope.can_see(user, org):
        return (org.name, reverse("org_detail", args=[org.structure.code, org.code]))
    return (org.name, "")


def trail(context: dict[str, Any] | template.Context) -> list[Crumb]:
    """The page's trail as (label, url) pairs; empty on the home page and when signed out."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return []
    home = reverse("home")
    if request.path == home:
        return []
    staff = scope.is_staff(user)
    found: list[Crumb] = [(_("Trang chủ"), home)]
    for ancestor in context.get("breadcrumbs") or []:
        if isinstance(ancestor, Organisation):
            found.append(_org_crumb(user, ancestor, staff))
    org = context.get("org")
    if isinstance(org, Organisation):
        found.append(_org_crumb(user, org, staff))
    congress = context.get("congress")
    if isinstance(congress, Congress):
        url = ""
        if scope.can_see(user, congress.organisation):
            url = reverse(
                "congress_detail", args=[congress.campaign.slug, congress.organisation.code]
            )
        found.append((_("Hồ sơ đại hội"), url))
    election = context.get("election")
    if isinstance(election, Election):
        url = ""
        if scope.can_see(user, election.congress.organisation):
            url = reverse("election_detail", args=[election.pk])
        found.append((election.title, url))
    found.extend(context.get("crumbs") or [])
    # The page itself ends the trail as text, not as a link to where one already is.
    return [(label, "" if url == request.path else url) for label, url in found]


@register.inclusion_tag("web/_crumbs.html", takes_context=True)
def crumbs(context: template.Context) -> dict[str, Any]:
    return {"trail": trail(context)}


@register.filter
def is_staff(user: Any) -> bool:
    """Whether the user browses the tree and its trail (the header shows them its links)."""
    return scope.is_staff(user)
