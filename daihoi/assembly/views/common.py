"""What the assembly views share: the permission-checked getters and the pages' context."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from daihoi.assembly import access
from daihoi.assembly.models import Delegate, Sitting
from daihoi.campaigns.access import RELATED, get_campaign, get_congress_for_user
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.drafts.access import is_delegate_to
from daihoi.orgs import scope


def congress_for(request: HttpRequest, campaign: str, code: str) -> Congress:
    """The congress of an organisation the user may see; outside their subtree a 404."""
    return get_congress_for_user(request.user, campaign, code)


def congress_to_manage(request: HttpRequest, campaign: str, code: str) -> Congress:
    """The congress whose register the user keeps: 404 outside the subtree, 403 inside."""
    return get_congress_for_user(request.user, campaign, code, write=True)


def congress_for_cards(request: HttpRequest, campaign: str, code: str) -> Congress:
    """The congress whose cards the user sees: the register's keepers, or one of its delegates.

    A delegate's unit is below the congress's organisation, outside their scope
    (drafts.access.is_delegate_to): the congress they sit in is found for them
    alone. Anyone else in scope is refused (403), outside it the congress is a 404.
    """
    camp = get_campaign(campaign)
    congress = (
        Congress.objects.select_related(*RELATED)
        .filter(campaign=camp, organisation__code=code, organisation__structure=camp.structure)
        .first()
    )
    if congress is None:
        raise Http404(_("Không tìm thấy đại hội."))
    org = congress.organisation
    if is_delegate_to(request.user, org):
        return congress
    if not scope.can_see(request.user, org):
        raise Http404(_("Không tìm thấy đại hội."))
    if not access.may_manage(request.user, congress):
        raise PermissionDenied(_("Chỉ ban tổ chức in thẻ đại biểu."))
    return congress


def delegate_to_manage(request: HttpRequest, campaign: str, code: str, pk: int) -> Delegate:
    """A delegate of a congress the user keeps; another congress's delegate is a 404."""
    congress = congress_to_manage(request, campaign, code)
    delegate = get_object_or_404(Delegate.objects.select_related("unit"), congress=congress, pk=pk)
    delegate.congress = congress
    return delegate


def sitting_to_manage(request: HttpRequest, campaign: str, code: str, pk: int) -> Sitting:
    """A sitting of a congress the user keeps."""
    congress = congress_to_manage(request, campaign, code)
    sitting = Sitting.objects.filter(congress=congress, pk=pk).first()
    if sitting is None:
        raise Http404(_("Không tìm thấy phiên họp."))
    sitting.congress = congress
    return sitting


def refused(request: HttpRequest, exc: ActionRefused) -> None:
    """Each reason of a refusal as a message on the next page."""
    for reason in exc.reasons:
        messages.error(request, reason)


def context(request: HttpRequest, congress: Congress, **extra: Any) -> dict[str, Any]:
    return {
        "congress": congress,
        "org": congress.organisation,
        "campaign": congress.campaign,
        "can_manage": access.may_manage(request.user, congress),
        "may_check_in": access.may_check_in(request.user, congress),
        **extra,
    }
