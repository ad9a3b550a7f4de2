"""The superior's review (cho ý kiến) and approval (thông qua) of a document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.approval import do_approve_document, do_review_document
from daihoi.drafts.forms import ApproveForm, ReviewForm
from daihoi.drafts.views.common import get_document, refused
from daihoi.drafts.views.documents import document_page
from daihoi.orgs import scope


@login_required
@require_POST
def document_review(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    document = get_document(request, campaign, code, kind, review=True)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return document_page(request, document, review=form, status=400)
    try:
        do_review_document(
            document, note=form.cleaned_data["note"], acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        return refused(request, exc, document_page, document, review=form)
    messages.success(request, _("Đã ghi ý kiến của cấp trên."))
    return redirect("drafts_document", campaign, code, kind)


@login_required
@require_POST
def document_approve(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    document = get_document(request, campaign, code, kind, review=True)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return document_page(request, document, approve=form, status=400)
    try:
        do_approve_document(
            document, note=form.cleaned_data["note"], acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        return refused(request, exc, document_page, document, approve=form)
    messages.success(request, _("Đã ghi nhận cấp trên nhất trí thông qua."))
    return redirect("drafts_document", campaign, code, kind)
