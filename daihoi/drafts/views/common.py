"""Permission-checked getters of the drafts pages and what every page shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.drafts.access import can_edit, can_review
from daihoi.drafts.models import CommentGroup, DraftDocument, Round
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation


def _may_draft(request: HttpRequest, org: Organisation) -> None:
    if not can_edit(request.user, org):
        raise PermissionDenied(_("Bạn không có quyền soạn văn kiện của tổ chức này."))


def get_congress(
    request: HttpRequest, campaign: str, code: str, *, write: bool = False
) -> Congress:
    """The congress if the user sees its unit (else 404) and, with `write`, drafts for it (403)."""
    congress = get_congress_for_user(request.user, campaign, code)
    if write:
        _may_draft(request, congress.organisation)
    return congress


def get_document(
    request: HttpRequest,
    campaign: str,
    code: str,
    kind: str,
    *,
    write: bool = False,
    review: bool = False,
) -> DraftDocument:
    """A congress's document of one kind; 403 to one who may not draft (write) or review it."""
    congress = get_congress(request, campaign, code)
    document = (
        DraftDocument.objects.select_related("congress__organisation", "congress__campaign")
        .filter(congress=congress, kind=kind)
        .first()
    )
    if document is None:
        raise Http404(_("Đại hội này chưa có văn kiện loại này."))
    org = document.congress.organisation
    if write:
        _may_draft(request, org)
    if review and not can_review(request.user, org):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới cho ý kiến và thông qua văn kiện."))
    return document


def get_round(
    request: HttpRequest,
    campaign: str,
    code: str,
    kind: str,
    number: int,
    *,
    write: bool = False,
) -> Round:
    """Round `number` of a document, its document attached; 403 to a reader when `write`."""
    document = get_document(request, campaign, code, kind, write=write)
    found = document.rounds.filter(number=number).first()
    if found is None:
        raise Http404(_("Không có dự thảo lần này."))
    found.document = document
    return found


def get_group(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int, group: int
) -> CommentGroup:
    """A comment group of a round, for its drafters only."""
    round_ = get_round(request, campaign, code, kind, number, write=True)
    found = get_object_or_404(CommentGroup, round=round_, pk=group)
    found.round = round_
    return found


def refused(
    request: HttpRequest,
    exc: ActionRefused,
    page: Callable[..., HttpResponse],
    *args: Any,
    **kwargs: Any,
) -> HttpResponse:
    """The page again with its forms as typed (409), saying at its top why the action was refused.

    `page(request, *args, **kwargs)` is the view's own page builder (round_page, …).
    """
    for reason in exc.reasons:
        messages.error(request, reason)
    return page(request, *args, status=409, **kwargs)


def crumbs(request: HttpRequest, org: Organisation) -> list[Organisation]:
    return tree.ancestors(org, below=scope.scope_root(request.user))


def query_suffix(request: HttpRequest) -> str:
    """The page's query string ('?…' or ''), kept by the forms that post from it."""
    query = request.GET.urlencode()
    return f"?{query}" if query else ""


def back_to(request: HttpRequest, round_: Round, page: str) -> HttpResponse:
    """A round's page again (`drafts_comments`, `drafts_groups`), at the filters and page
    the form was posted from."""
    document = round_.document
    congress = document.congress
    args = [congress.campaign.slug, congress.organisation.code, document.kind, round_.number]
    return redirect(reverse(page, args=args) + query_suffix(request))
