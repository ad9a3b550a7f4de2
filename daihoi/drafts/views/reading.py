"""Paperless congress: delegates read the approved documents, on screen or as Word files."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.models import Congress
from daihoi.core.downloads import attachment
from daihoi.drafts import reports
from daihoi.drafts.access import may_read_approved
from daihoi.drafts.models import DocKind, DraftDocument


def get_reading_congress(request: HttpRequest, campaign: str, code: str) -> Congress:
    """The congress whose documents a user may read: in their scope, or as its delegate.

    A delegate belongs to a unit below the congress's organisation, so the
    ordinary scope (downwards only) would hide the very congress he sits in;
    access.may_read_approved lets him read that one congress, not those above it.
    """
    camp = get_campaign(campaign)
    congress = (
        Congress.objects.select_related("campaign", "organisation")
        .filter(campaign=camp, organisation__code=code, organisation__structure=camp.structure)
        .first()
    )
    if congress is None or not may_read_approved(request.user, congress.organisation):
        raise Http404(_("Không tìm thấy đại hội."))
    return congress


@login_required
def reading(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_reading_congress(request, campaign, code)
    documents = list(
        DraftDocument.objects.filter(congress=congress, approved_round__isnull=False)
        .select_related("approved_round")
        .order_by("kind")
    )
    order = {k: i for i, k in enumerate(DocKind.values)}
    documents.sort(key=lambda d: order.get(d.kind, 99))
    wanted = request.GET.get("vk", documents[0].kind if documents else "")
    current = next((d for d in documents if d.kind == wanted), None)
    blocks = current.approved_round.numbered() if current and current.approved_round else []
    context = {
        "congress": congress,
        "campaign": congress.campaign,
        "org": congress.organisation,
        "documents": documents,
        "current": current,
        "blocks": blocks,
        "sections": [b for b in blocks if b.level is not None],
    }
    return render(request, "drafts/reading.html", context)


@login_required
def reading_docx(request: HttpRequest, campaign: str, code: str, kind: str) -> FileResponse:
    congress = get_reading_congress(request, campaign, code)
    document = (
        DraftDocument.objects.filter(congress=congress, kind=kind, approved_round__isnull=False)
        .select_related("approved_round", "congress__organisation")
        .first()
    )
    if document is None or document.approved_round is None:
        raise Http404(_("Văn kiện này chưa được thông qua."))
    return attachment(reports.round_docx(document.approved_round), f"{kind}.docx")
