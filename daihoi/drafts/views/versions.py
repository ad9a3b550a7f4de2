"""A document's text: the next round uploaded or typed, a round not yet sent corrected."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.versions import do_add_round, do_correct_round
from daihoi.drafts.forms import TextForm, UploadForm
from daihoi.drafts.models import DraftDocument, RoundState
from daihoi.drafts.queries import latest_round
from daihoi.drafts.views.common import crumbs, get_document, get_round, refused
from daihoi.drafts.views.documents import document_page
from daihoi.lib.paragraphs import to_text
from daihoi.orgs import scope


@login_required
@require_POST
def round_upload(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    """The next round from a Word file."""
    document = get_document(request, campaign, code, kind, write=True)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return document_page(request, document, upload=form, status=400)
    try:
        made = do_add_round(
            document,
            form.cleaned_data["numbered"],
            file_name=form.cleaned_data["file_name"],
            file_data=form.cleaned_data["data"],
            note=form.cleaned_data["note"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return refused(request, exc, document_page, document, upload=form)
    messages.success(
        request,
        _("Đã tải lên dự thảo lần %(n)s (%(p)s đoạn).")
        % {"n": made.number, "p": len(form.cleaned_data["numbered"])},
    )
    return redirect("drafts_document", campaign, code, kind)


def edit_page(
    request: HttpRequest,
    document: DraftDocument,
    *,
    form: TextForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The editor, starting from the latest round's text.

    A round not yet sent out is corrected in place; once sent, the text makes the next round.
    """
    org = document.congress.organisation
    last = latest_round(document)
    if form is None:
        form = TextForm(initial={"text": to_text(last.numbered()) if last else ""})
    context = {
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": crumbs(request, org),
        "last": last,
        "correcting": last is not None and last.state == RoundState.DRAFT,
        "form": form,
    }
    return render(request, "drafts/edit.html", context, status=status)


@login_required
@require_GET
def edit_round(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    return edit_page(request, get_document(request, campaign, code, kind, write=True))


@login_required
@require_POST
def round_add(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    """The next round from the text typed in the editor."""
    document = get_document(request, campaign, code, kind, write=True)
    form = TextForm(request.POST)
    if not form.is_valid():
        return edit_page(request, document, form=form, status=400)
    try:
        made = do_add_round(
            document,
            form.numbered,
            note=form.cleaned_data["note"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return refused(request, exc, edit_page, document, form=form)
    messages.success(request, _("Đã lưu dự thảo lần %(n)s.") % {"n": made.number})
    return redirect("drafts_round", campaign, code, kind, made.number)


@login_required
@require_POST
def round_correct(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    """A round not yet sent for comments, its text replaced; its number stays."""
    round_ = get_round(request, campaign, code, kind, number, write=True)
    form = TextForm(request.POST)
    if not form.is_valid():
        return edit_page(request, round_.document, form=form, status=400)
    try:
        do_correct_round(round_, form.numbered, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return refused(request, exc, edit_page, round_.document, form=form)
    messages.success(request, _("Đã lưu dự thảo lần %(n)s.") % {"n": number})
    return redirect("drafts_round", campaign, code, kind, number)
