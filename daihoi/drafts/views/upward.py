"""A unit's comments on its superior's draft: they land on the superior's round."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.drafts import queries
from daihoi.drafts.actions.comments import do_add_comment, do_import_comments
from daihoi.drafts.comment_import import CommentImportRejected
from daihoi.drafts.forms import CommentForm, CommentImportForm
from daihoi.drafts.models import DraftDocument, Round
from daihoi.drafts.views.common import crumbs, get_congress, refused
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation


@dataclass
class Upward:
    congress: Congress
    unit: Organisation
    document: DraftDocument
    round: Round


def get_upward(request: HttpRequest, campaign: str, code: str, pk: int) -> Upward:
    """The superior's document `pk` as sent to this unit; 403 to one who may not speak for it."""
    congress = get_congress(request, campaign, code, write=True)
    unit = congress.organisation
    document = get_object_or_404(queries.superior_documents(unit, congress.campaign_id), pk=pk)
    round_ = queries.latest_round(document)
    if round_ is None or not queries.circulated_to(round_, unit):
        raise Http404(_("Dự thảo này không được gửi lấy ý kiến tới đơn vị của bạn."))
    return Upward(congress, unit, document, round_)


def upward_page(
    request: HttpRequest,
    up: Upward,
    *,
    comment: CommentForm | None = None,
    upload: CommentImportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    round_, unit = up.round, up.unit
    mine = round_.comments.filter(queries.path_scope_q(request.user, "source_path")).filter(
        tree.subtree_q(unit.path, prefix="source_")
    )
    args = [up.congress.campaign.slug, unit.code, up.document.pk]
    context = {
        "round": round_,
        "document": up.document,
        "congress": up.congress,
        "org": unit,
        "campaign": up.congress.campaign,
        "breadcrumbs": crumbs(request, unit),
        "blocks": round_.numbered(),
        "comments": mine.order_by("-pk")[:100],
        "count": mine.count(),
        "children": queries.counts_by_child(round_, unit),
        "add_url": reverse("drafts_upward_comment", args=args),
        "import_url": reverse("drafts_upward_import", args=args),
        "comment_form": comment or CommentForm(round_=round_, with_group=False),
        "import_form": upload or CommentImportForm(),
    }
    return render(request, "drafts/upward.html", context, status=status)


@login_required
@require_GET
def upward(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    return upward_page(request, get_upward(request, campaign, code, pk))


@login_required
@require_POST
def upward_comment(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    up = get_upward(request, campaign, code, pk)
    form = CommentForm(request.POST, round_=up.round, with_group=False)
    if not form.is_valid():
        return upward_page(request, up, comment=form, status=400)
    try:
        do_add_comment(
            up.round,
            **form.cleaned_data,
            source_org=up.unit,
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return refused(request, exc, upward_page, up, comment=form)
    messages.success(request, _("Đã gửi ý kiến lên cấp trên."))
    return redirect("drafts_upward", campaign, code, pk)


@login_required
@require_POST
def upward_import(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    up = get_upward(request, campaign, code, pk)
    form = CommentImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return upward_page(request, up, upload=form, status=400)
    try:
        count = do_import_comments(
            up.round,
            form.table,
            file_name=form.cleaned_data["file_name"],
            source_org=up.unit,
            acting_user=scope.acting_user(request),
        )
    except CommentImportRejected as exc:
        form.reject(exc)
        return upward_page(request, up, upload=form, status=400)
    except ActionRefused as exc:
        return refused(request, exc, upward_page, up, upload=form)
    messages.success(request, _("Đã gửi %(n)s ý kiến lên cấp trên.") % {"n": count})
    return redirect("drafts_upward", campaign, code, pk)
