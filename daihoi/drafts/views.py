"""Pages of the draft documents: a congress's documents, rounds, diff, comments, reading."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.congress_import import parse_day
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core import uploads
from daihoi.core.errors import ActionRefused
from daihoi.core.tables import TableError, read_table
from daihoi.db.limits import key_ids
from daihoi.drafts import access as drafts_access
from daihoi.drafts import actions, reports
from daihoi.drafts.comment_import import CommentImportRejected, plan_comments
from daihoi.drafts.models import (
    Comment,
    CommentGroup,
    DocKind,
    DraftDocument,
    Handling,
    Round,
    RoundState,
    SourceGroup,
)
from daihoi.lib.paragraphs import diff_paragraphs, key_label, parse_text, to_text, word_diff
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation

COMMENTS_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- lookups: everything through the user's scope -----------------------------------------


def _congress(request: HttpRequest, campaign: str, code: str) -> Congress:
    return get_congress_for_user(request.user, campaign, code)


def _document(request: HttpRequest, campaign: str, code: str, kind: str) -> DraftDocument:
    congress = _congress(request, campaign, code)
    document = (
        DraftDocument.objects.select_related("congress__organisation", "congress__campaign")
        .filter(congress=congress, kind=kind)
        .first()
    )
    if document is None:
        raise Http404(_("Đại hội này chưa có văn kiện loại này."))
    return document


def _round(request: HttpRequest, campaign: str, code: str, kind: str, number: int) -> Round:
    document = _document(request, campaign, code, kind)
    found = document.rounds.filter(number=number).first()
    if found is None:
        raise Http404(_("Không có dự thảo lần này."))
    found.document = document
    return found


def _refused(request: HttpRequest, exc: ActionRefused) -> None:
    for reason in exc.reasons:
        messages.error(request, reason)


def _crumbs(request: HttpRequest, org: Organisation) -> list[Organisation]:
    return tree.ancestors(org, below=scope.scope_root(request.user))


def _day(text: str) -> dt.date | None:
    return parse_day(text.strip()) if text.strip() else None


# --- a congress's documents ---------------------------------------------------------------


def document_rows(congress: Congress) -> list[dict[str, Any]]:
    """Each document of a congress with its latest round and open comments."""
    documents = list(
        DraftDocument.objects.filter(congress=congress).annotate(
            round_count=Count("rounds", distinct=True)
        )
    )
    rows = []
    for document in documents:
        last = actions.latest_round(document)
        rows.append(
            {
                "document": document,
                "last": last,
                "open": actions.unhandled(last).count() if last else 0,
                "comments": last.comments.count() if last else 0,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def congress_documents(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _congress(request, campaign, code)
    org = congress.organisation
    user = scope.acting_user(request)
    if request.method == "POST":
        try:
            document = actions.do_create_document(
                congress,
                request.POST.get("kind", ""),
                title=request.POST.get("title", ""),
                owner=request.POST.get("owner", ""),
                deadline=_day(request.POST.get("deadline", "")),
                acting_user=user,
            )
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Đã mở văn kiện «%(t)s».") % {"t": document.title})
            return redirect("drafts_document", campaign, code, document.kind)
    rows = document_rows(congress)
    have = {r["document"].kind for r in rows}
    superior = []
    for document in actions.superior_documents(org, congress.campaign_id):
        last = actions.latest_round(document)
        if last is not None and actions.circulated_to(last, org):
            superior.append((document, last))
    context = {
        "congress": congress,
        "campaign": congress.campaign,
        "org": org,
        "breadcrumbs": _crumbs(request, org),
        "rows": rows,
        "missing_kinds": [k for k in DocKind if k.value not in have],
        "required": actions.REQUIRED_KINDS,
        "can_edit": actions.can_edit(user, org),
        "superior": superior,
        "today": timezone.localdate(),
    }
    return render(request, "drafts/congress.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_detail(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    document = _document(request, campaign, code, kind)
    org = document.congress.organisation
    user = scope.acting_user(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "upload":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ActionRefused([_("Hãy chọn tệp Word (.docx) của dự thảo.")])
                data = actions.read_upload(upload)
                numbered = actions.read_docx_upload(upload.name or "", data)
                made = actions.do_add_round(
                    document,
                    numbered,
                    file_name=upload.name or "",
                    file_data=data,
                    note=request.POST.get("note", ""),
                    acting_user=user,
                )
                messages.success(
                    request,
                    _("Đã tải lên dự thảo lần %(n)s (%(p)s đoạn).")
                    % {"n": made.number, "p": len(numbered)},
                )
            elif action == "review":
                actions.do_review_document(
                    document, note=request.POST.get("note", ""), acting_user=user
                )
                messages.success(request, _("Đã ghi ý kiến của cấp trên."))
            elif action == "approve":
                actions.do_approve_document(
                    document, note=request.POST.get("note", ""), acting_user=user
                )
                messages.success(request, _("Đã ghi nhận cấp trên nhất trí thông qua."))
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            return redirect("drafts_document", campaign, code, kind)
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
        "breadcrumbs": _crumbs(request, org),
        "rounds": rounds,
        "last": rounds[0] if rounds else None,
        "can_edit": actions.can_edit(user, org),
        "is_superior": scope.is_superior_of(user, org),
    }
    return render(request, "drafts/document.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_round(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    """Write the next round in the app, starting from the latest round's text."""
    document = _document(request, campaign, code, kind)
    org = document.congress.organisation
    user = scope.acting_user(request)
    if not actions.can_edit(user, org):
        raise PermissionDenied(_("Bạn không có quyền soạn văn kiện của tổ chức này."))
    last = actions.latest_round(document)
    text = request.POST.get("text", "") if request.method == "POST" else ""
    # A round not yet sent out is corrected in place; once sent, edits make the next round.
    correcting = last is not None and last.state == RoundState.DRAFT
    if request.method == "POST":
        try:
            if correcting and last is not None:
                made = actions.do_correct_round(last, parse_text(text), acting_user=user)
            else:
                made = actions.do_add_round(
                    document, parse_text(text), note=request.POST.get("note", ""), acting_user=user
                )
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo lần %(n)s.") % {"n": made.number})
            return redirect("drafts_round", campaign, code, kind, made.number)
    context = {
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": _crumbs(request, org),
        "text": text or (to_text(last.numbered()) if last else ""),
        "last": last,
        "correcting": correcting,
    }
    return render(request, "drafts/edit.html", context)


@login_required
def diff_view(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    document = _document(request, campaign, code, kind)
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
        "breadcrumbs": _crumbs(request, org),
        "numbers": numbers,
        "a": a,
        "b": b,
        "rows": rows,
        "counts": counts,
        "only_changes": request.GET.get("chi-thay-doi") == "1",
    }
    return render(request, "drafts/diff.html", context)


# --- one round ------------------------------------------------------------------------------


def _child_units(org: Organisation) -> QuerySet[Organisation]:
    return tree.children(org)


@login_required
@require_http_methods(["GET", "POST"])
def round_detail(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = _round(request, campaign, code, kind, number)
    document = round_.document
    org = document.congress.organisation
    user = scope.acting_user(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "circulate":
                units: list[Organisation] = []
                if request.POST.get("all_units"):
                    units = list(_child_units(org))
                else:
                    codes = [
                        c.strip() for c in request.POST.get("units", "").split(",") if c.strip()
                    ]
                    found = {
                        o.code: o
                        for o in scope.visible_orgs(user).filter(
                            structure_id=org.structure_id, code__in=codes
                        )
                    }
                    unknown = [c for c in codes if c not in found]
                    if unknown:
                        raise ActionRefused(
                            [_("Không tìm thấy đơn vị mã: %(c)s.") % {"c": ", ".join(unknown)}]
                        )
                    units = list(found.values())
                deadline_text = request.POST.get("deadline", "")
                deadline = _day(deadline_text)
                if deadline_text.strip() and deadline is None:
                    raise ActionRefused(
                        [_("Hạn góp ý «%(v)s» không hợp lệ (dd/mm/yyyy).") % {"v": deadline_text}]
                    )
                actions.do_circulate_round(
                    round_,
                    groups=request.POST.getlist("groups"),
                    units=units,
                    deadline=deadline,
                    acting_user=user,
                )
                messages.success(request, _("Đã gửi dự thảo đi lấy ý kiến."))
            elif action == "close":
                actions.do_close_round(round_, acting_user=user)
                messages.success(request, _("Đã khép lại dự thảo lần %(n)s.") % {"n": number})
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            return redirect("drafts_round", campaign, code, kind, number)
    comments = actions.visible_comments(user, round_)
    per_paragraph = dict(
        comments.order_by()
        .values_list("paragraph")
        .annotate(n=Count("pk"))
        .values_list("paragraph", "n")
    )
    sections = [b for b in round_.numbered() if b.level is not None]
    context = {
        "round": round_,
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": _crumbs(request, org),
        "blocks": [(b, per_paragraph.get(b.key, 0)) for b in round_.numbered()],
        "sections": sections,
        "general": per_paragraph.get("", 0),
        "total": comments.count(),
        "open": comments.filter(handling="").count(),
        "units": round_.circulated_units.order_by("path")[:50],
        "unit_count": round_.circulated_units.count(),
        "groups_out": [
            SourceGroup(g).label for g in round_.circulated_groups if g in SourceGroup.values
        ],
        "source_groups": list(SourceGroup),
        "can_edit": actions.can_edit(user, org),
        "children": actions.counts_by_child(round_, org),
    }
    return render(request, "drafts/round.html", context)


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


def _ids(request: HttpRequest) -> list[int]:
    return key_ids(request.POST.getlist("ids"))


def _applied(round_: Round, text: str) -> Round | None:
    if not text.isdigit():
        return None
    return round_.document.rounds.filter(number=int(text)).first()


@login_required
@require_http_methods(["GET", "POST"])
def comments_view(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = _round(request, campaign, code, kind, number)
    document = round_.document
    org = document.congress.organisation
    user = scope.acting_user(request)
    import_errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add":
                actions.do_add_comment(
                    round_,
                    text=request.POST.get("text", ""),
                    received_on=_day(request.POST.get("received_on", "")),
                    paragraph=request.POST.get("paragraph", "").strip(),
                    source_group=request.POST.get("source_group", SourceGroup.MEMBERS),
                    source_name=request.POST.get("source_name", ""),
                    acting_user=user,
                )
                messages.success(request, _("Đã ghi ý kiến."))
            elif action == "import":
                count = _import(request, round_, user, None, import_errors)
                if count is not None:
                    messages.success(request, _("Đã nhập %(n)s ý kiến.") % {"n": count})
            elif action == "handle":
                count = actions.do_handle_comments(
                    round_,
                    _ids(request),
                    handling=request.POST.get("handling", ""),
                    response=request.POST.get("response", ""),
                    applied_in=_applied(round_, request.POST.get("applied_in", "")),
                    acting_user=user,
                )
                messages.success(request, _("Đã ghi việc xử lý %(n)s ý kiến.") % {"n": count})
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            if not import_errors:
                return redirect(request.get_full_path())
    comments = _filtered(
        request,
        actions.visible_comments(user, round_).select_related("applied_in", "group", "source_org"),
    ).order_by("paragraph", "pk")
    page = Paginator(comments, COMMENTS_PAGE).get_page(request.GET.get("trang"))
    context = {
        "round": round_,
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": _crumbs(request, org),
        "page": page,
        "paragraphs": [(b.key, key_label(b.key), b.text[:80]) for b in round_.numbered()],
        "source_groups": list(SourceGroup),
        "handlings": list(Handling),
        "later_rounds": document.rounds.filter(number__gt=round_.number).order_by("number"),
        "can_edit": actions.can_edit(user, org) and round_.state != RoundState.CLOSED,
        "is_open": round_.state == RoundState.CIRCULATING,
        "import_errors": import_errors,
        "query": request.GET,
        "filters": _without_page(request),
        "template_url": reverse("drafts_import_template", args=[campaign, code, kind, number]),
        "today": timezone.localdate(),
    }
    return render(request, "drafts/comments.html", context)


def _without_page(request: HttpRequest) -> str:
    """The list's filters as a query string, for the pager's links."""
    kept = request.GET.copy()
    kept.pop("trang", None)
    return kept.urlencode()


def _import(
    request: HttpRequest,
    round_: Round,
    user: Any,
    source_org: Organisation | None,
    errors: list[str],
) -> int | None:
    upload = request.FILES.get("file")
    if upload is None:
        raise ActionRefused([_("Hãy chọn tệp Excel (.xlsx) hoặc CSV.")])
    try:
        table = read_table(upload.name or "", uploads.read_upload(upload))
        rows = plan_comments(
            round_,
            table,
            today=timezone.localdate(),
            scope_root=source_org or scope.scope_root(user),
            default_unit=source_org,
        )
    except (TableError, CommentImportRejected) as exc:
        errors.extend(str(e) for e in exc.errors[:200])
        if len(exc.errors) > 200:
            errors.append(_("… và %(n)s lỗi khác.") % {"n": len(exc.errors) - 200})
        return None
    return actions.do_import_comments(
        round_, rows, file_name=upload.name or "", source_org=source_org, acting_user=user
    )


@login_required
@require_http_methods(["GET", "POST"])
def groups_view(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = _round(request, campaign, code, kind, number)
    document = round_.document
    org = document.congress.organisation
    user = scope.acting_user(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            group = None
            if request.POST.get("group", "").isdigit():
                group = get_object_or_404(CommentGroup, round=round_, pk=int(request.POST["group"]))
            if action == "propose":
                made = actions.do_propose_groups(round_, acting_user=user)
                messages.success(request, _("Đã đề xuất %(n)s nhóm ý kiến.") % {"n": made})
            elif action == "confirm" and group is not None:
                actions.do_confirm_group(
                    group, summary=request.POST.get("summary", ""), acting_user=user
                )
                messages.success(request, _("Đã xác nhận nhóm."))
            elif action == "split" and group is not None:
                actions.do_split_group(group, _ids(request), acting_user=user)
                messages.success(request, _("Đã tách các ý kiến đã chọn khỏi nhóm."))
            elif action == "handle" and group is not None:
                count = actions.do_handle_comments(
                    round_,
                    list(group.comments.values_list("pk", flat=True)),
                    handling=request.POST.get("handling", ""),
                    response=request.POST.get("response", ""),
                    applied_in=_applied(round_, request.POST.get("applied_in", "")),
                    acting_user=user,
                )
                messages.success(request, _("Đã xử lý cả nhóm: %(n)s ý kiến.") % {"n": count})
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            return redirect(request.get_full_path())
    groups = round_.groups.annotate(
        size=Count("comments"), open=Count("comments", filter=Q(comments__handling=""))
    ).order_by("confirmed", "-size", "pk")
    page = Paginator(groups, 20).get_page(request.GET.get("trang"))
    shown = {g.pk: g for g in page.object_list}
    members: dict[int, list[Comment]] = {pk: [] for pk in shown}
    for comment in Comment.objects.filter(group_id__in=list(shown)).order_by("pk"):
        assert comment.group_id is not None  # noqa: S101 - filtered on it
        members[comment.group_id].append(comment)
    context = {
        "round": round_,
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": _crumbs(request, org),
        "page": page,
        "groups": [(g, members[g.pk]) for g in page.object_list],
        "handlings": list(Handling),
        "later_rounds": document.rounds.filter(number__gt=round_.number).order_by("number"),
        "can_edit": actions.can_edit(user, org) and round_.state != RoundState.CLOSED,
        "ungrouped": round_.comments.filter(group__isnull=True, handling="").count(),
    }
    return render(request, "drafts/groups.html", context)


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def summary_xlsx(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = _round(request, campaign, code, kind, number)
    comments = actions.visible_comments(request.user, round_)
    return _download(
        reports.summary_xlsx(round_, comments), XLSX, f"tong-hop-gop-y-{kind}-lan-{number}.xlsx"
    )


@login_required
def summary_docx(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = _round(request, campaign, code, kind, number)
    comments = actions.visible_comments(request.user, round_)
    return _download(
        reports.summary_docx(round_, comments), DOCX, f"tong-hop-gop-y-{kind}-lan-{number}.docx"
    )


@login_required
def import_template(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    """A spreadsheet to fill in: the import's columns and one example row of this round."""
    round_ = _round(request, campaign, code, kind, number)
    return _download(reports.import_template(round_), XLSX, f"mau-gop-y-{kind}-lan-{number}.xlsx")


# --- a subordinate unit's comments on the superior's draft --------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def upward(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """A unit sends its comments on a superior's draft; they land on the superior's round."""
    congress = _congress(request, campaign, code)
    unit = congress.organisation
    user = scope.acting_user(request)
    if not actions.can_edit(user, unit):
        raise PermissionDenied(_("Bạn không có quyền gửi ý kiến thay đơn vị này."))
    document = get_object_or_404(actions.superior_documents(unit, congress.campaign_id), pk=pk)
    round_ = actions.latest_round(document)
    if round_ is None or not actions.circulated_to(round_, unit):
        raise Http404(_("Dự thảo này không được gửi lấy ý kiến tới đơn vị của bạn."))
    import_errors: list[str] = []
    if request.method == "POST":
        try:
            if request.POST.get("action") == "import":
                count = _import(request, round_, user, unit, import_errors)
                if count is not None:
                    messages.success(request, _("Đã gửi %(n)s ý kiến lên cấp trên.") % {"n": count})
            else:
                actions.do_add_comment(
                    round_,
                    text=request.POST.get("text", ""),
                    received_on=_day(request.POST.get("received_on", "")),
                    paragraph=request.POST.get("paragraph", "").strip(),
                    source_name=request.POST.get("source_name", ""),
                    source_org=unit,
                    acting_user=user,
                )
                messages.success(request, _("Đã gửi ý kiến lên cấp trên."))
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            if not import_errors:
                return redirect("drafts_upward", campaign, code, pk)
    mine = round_.comments.filter(actions.path_scope_q(user, "source_path")).filter(
        tree.subtree_q(unit.path, prefix="source_")
    )
    context = {
        "round": round_,
        "document": document,
        "congress": congress,
        "org": unit,
        "campaign": congress.campaign,
        "breadcrumbs": _crumbs(request, unit),
        "blocks": round_.numbered(),
        "paragraphs": [(b.key, key_label(b.key), b.text[:80]) for b in round_.numbered()],
        "comments": mine.order_by("-pk")[:100],
        "count": mine.count(),
        "children": actions.counts_by_child(round_, unit),
        "import_errors": import_errors,
        "today": timezone.localdate(),
    }
    return render(request, "drafts/upward.html", context)


# --- paperless congress: delegates read the approved documents ----------------------------


def _reading_congress(request: HttpRequest, campaign: str, code: str) -> Congress:
    """The congress whose documents a user may read: in their scope, or as its delegate.

    A delegate belongs to a unit below the congress's organisation, so the
    ordinary scope (downwards only) would hide the very congress he sits in;
    access.may_read_approved lets him read that one congress, not those above it.
    """
    camp = get_object_or_404(Campaign.objects.select_related("structure"), slug=campaign)
    congress = (
        Congress.objects.select_related("campaign", "organisation")
        .filter(campaign=camp, organisation__code=code, organisation__structure=camp.structure)
        .first()
    )
    if congress is None:
        raise Http404(_("Không tìm thấy đại hội."))
    if not drafts_access.may_read_approved(request.user, congress.organisation):
        raise Http404(_("Không tìm thấy đại hội."))
    return congress


@login_required
def reading(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _reading_congress(request, campaign, code)
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
def reading_docx(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    congress = _reading_congress(request, campaign, code)
    document = (
        DraftDocument.objects.filter(congress=congress, kind=kind, approved_round__isnull=False)
        .select_related("approved_round", "congress__organisation")
        .first()
    )
    if document is None or document.approved_round is None:
        raise Http404(_("Văn kiện này chưa được thông qua."))
    return _download(reports.round_docx(document.approved_round), DOCX, f"{kind}.docx")
