"""A congress's documents: the list, a new document, one document's page and its diff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.drafts import queries
from daihoi.drafts.access import can_edit, can_review
from daihoi.drafts.actions.documents import do_create_document
from daihoi.drafts.forms import ApproveForm, DocumentForm, ReviewForm, UploadForm
from daihoi.drafts.models import REQUIRED_KINDS, DocKind, DraftDocument
from daihoi.drafts.views.common import crumbs, get_congress, get_document, refused
from daihoi.lib.paragraphs import diff_paragraphs, word_diff
from daihoi.orgs import scope


def congress_page(
    request: HttpRequest,
    congress: Congress,
    *,
    form: DocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The congress's documents, the form opening another, and the superior's drafts."""
    org = congress.organisation
    rows = queries.document_rows(congress)
    have = {r["document"].kind for r in rows}
    superior = []
    for document in queries.superior_documents(org, congress.campaign_id):
        last = queries.latest_round(document)
        if last is not None and queries.circulated_to(last, org):
            superior.append((document, last))
    context = {
        "congress": congress,
        "campaign": congress.campaign,
        "org": org,
        "breadcrumbs": crumbs(request, org),
        "rows": rows,
        "missing_kinds": [k for k in DocKind if k.value not in have],
        "required": REQUIRED_KINDS,
        "can_edit": can_edit(request.user, org),
        "superior": superior,
        "today": timezone.localdate(),
        "form": form or DocumentForm(),
    }
    return render(request, "drafts/congress.html", context, status=status)


@login_required
@require_GET
def congress_documents(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return congress_page(request, get_congress(request, campaign, code))


@login_required
@require_POST
def document_create(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress(request, campaign, code, write=True)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        return congress_page(request, congress, form=form, status=400)
    try:
        document = do_create_document(
            congress,
            form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            owner=form.cleaned_data["owner"],
            deadline=form.cleaned_data["deadline"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return refused(request, exc, congress_page, congress, form=form)
    messages.success(request, _("Đã mở văn kiện «%(t)s».") % {"t": document.title})
    return redirect("drafts_document", campaign, code, document.kind)


def document_page(
    request: HttpRequest,
    document: DraftDocument,
    *,
    upload: UploadForm | None = None,
    review: ReviewForm | None = None,
    approve: ApproveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """A document's rounds, the upload of the next one and the superior's review."""
    org = document.congress.organisation
    rounds = list(
        document.rounds.annotate(
            n_comments=Count("comments"), n_open=Count("comments", filter=Q(comments__handling=""))
        ).order_by("-number")
    )
    context = {
        "document": document,
        "congress": document.congress,
        "campaign": document.congress.campaign,
        "org": org,
        "breadcrumbs": crumbs(request, org),
        "rounds": rounds,
        "last": rounds[0] if rounds else None,
        "can_edit": can_edit(request.user, org),
        "is_superior": can_review(request.user, org),
        "upload_form": upload or UploadForm(),
        "review_form": review or ReviewForm(),
        "approve_form": approve or ApproveForm(),
    }
    return render(request, "drafts/document.html", context, status=status)


@login_required
@require_GET
def document_detail(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    return document_page(request, get_document(request, campaign, code, kind))


@login_required
@require_GET
def diff_view(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    document = get_document(request, campaign, code, kind)
    org = document.congress.organisation
    rounds = list(document.rounds.order_by("number"))
    numbers = [r.number for r in rounds]

    def pick(name: str, default: int) -> int:
        text = request.GET.get(name, "")
        return int(text) if text.isdigit() and int(text) in numbers else default

    rows: list[dict[str, Any]] = []
    a = b = 0
    if len(rounds) >= 2:
        a = pick("a", numbers[-2])
        b = pick("b", numbers[-1])
        by_number = {r.number: r for r in rounds}
        for row in diff_paragraphs(by_number[a].numbered(), by_number[b].numbered()):
            left = right = None
            if row.tag == "changed" and row.old and row.new:
                left, right = word_diff(row.old.text, row.new.text)
            rows.append({"row": row, "left": left, "right": right})
    counts = {
        tag: sum(1 for r in rows if r["row"].tag == tag) for tag in ("changed", "added", "removed")
    }
    context = {
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": crumbs(request, org),
        "numbers": numbers,
        "a": a,
        "b": b,
        "rows": rows,
        "counts": counts,
        "only_changes": request.GET.get("chi-thay-doi") == "1",
    }
    return render(request, "drafts/diff.html", context)
