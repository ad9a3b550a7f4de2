"""A round's comments: the filtered list, one entered by hand, a spreadsheet imported."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.core.errors import ActionRefused
from daihoi.core.paging import paginate
from daihoi.drafts import queries
from daihoi.drafts.access import can_edit
from daihoi.drafts.actions.comments import do_add_comment, do_import_comments
from daihoi.drafts.comment_import import CommentImportRejected
from daihoi.drafts.forms import CommentForm, CommentImportForm, HandleForm
from daihoi.drafts.models import Comment, Handling, Round, RoundState, SourceGroup
from daihoi.drafts.views.common import back_to, crumbs, get_round, query_suffix, refused
from daihoi.orgs import scope

COMMENTS_PAGE = 50


def _filtered(request: HttpRequest, comments: QuerySet[Comment]) -> QuerySet[Comment]:
    paragraph = request.GET.get("doan")
    if paragraph is not None:
        comments = comments.filter(paragraph=paragraph)
    group = request.GET.get("nhom", "")
    if group in SourceGroup.values:
        comments = comments.filter(source_group=group)
    state = request.GET.get("xuly", "")
    if state == "chua":
        comments = comments.filter(handling="")
    elif state in Handling.values:
        comments = comments.filter(handling=state)
    return comments


def comments_page(
    request: HttpRequest,
    round_: Round,
    *,
    comment: CommentForm | None = None,
    upload: CommentImportForm | None = None,
    handle: HandleForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The list (filtered by paragraph, group and handling), with the forms that write to it."""
    document = round_.document
    org = document.congress.organisation
    comments = _filtered(
        request,
        queries.visible_comments(request.user, round_).select_related(
            "applied_in", "group", "source_org"
        ),
    ).order_by("paragraph", "pk")
    args = [document.congress.campaign.slug, org.code, document.kind, round_.number]
    context = {
        "round": round_,
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": crumbs(request, org),
        "page": paginate(request, comments, per_page=COMMENTS_PAGE),
        "source_groups": list(SourceGroup),
        "handlings": list(Handling),
        "can_edit": can_edit(request.user, org) and round_.state != RoundState.CLOSED,
        "is_open": round_.state == RoundState.CIRCULATING,
        "query": request.GET,
        "suffix": query_suffix(request),
        "list_url": reverse("drafts_comments", args=args),
        "add_url": reverse("drafts_comment_add", args=args),
        "import_url": reverse("drafts_comments_import", args=args),
        "template_url": reverse("drafts_import_template", args=args),
        "comment_form": comment or CommentForm(round_=round_),
        "import_form": upload or CommentImportForm(),
        "handle_form": handle or HandleForm(round_=round_),
    }
    return render(request, "drafts/comments.html", context, status=status)


@login_required
@require_GET
def comments_view(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    return comments_page(request, get_round(request, campaign, code, kind, number))


@login_required
@require_POST
def comment_add(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = get_round(request, campaign, code, kind, number, write=True)
    form = CommentForm(request.POST, round_=round_)
    if not form.is_valid():
        return comments_page(request, round_, comment=form, status=400)
    try:
        do_add_comment(round_, **form.cleaned_data, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return refused(request, exc, comments_page, round_, comment=form)
    messages.success(request, _("Đã ghi ý kiến."))
    return back_to(request, round_, "drafts_comments")


@login_required
@require_POST
def comments_import(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = get_round(request, campaign, code, kind, number, write=True)
    form = CommentImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return comments_page(request, round_, upload=form, status=400)
    try:
        count = do_import_comments(
            round_,
            form.table,
            file_name=form.cleaned_data["file_name"],
            acting_user=scope.acting_user(request),
        )
    except CommentImportRejected as exc:
        form.reject(exc)
        return comments_page(request, round_, upload=form, status=400)
    except ActionRefused as exc:
        return refused(request, exc, comments_page, round_, upload=form)
    messages.success(request, _("Đã nhập %(n)s ý kiến.") % {"n": count})
    return back_to(request, round_, "drafts_comments")
