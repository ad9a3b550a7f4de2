"""Handling comments: those ticked in the list, or a whole group at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.handling import do_handle_comments
from daihoi.drafts.forms import GroupHandleForm, HandleForm
from daihoi.drafts.views.comments import comments_page
from daihoi.drafts.views.common import back_to, get_group, get_round, refused
from daihoi.drafts.views.groups import groups_page
from daihoi.orgs import scope


@login_required
@require_POST
def comments_handle(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = get_round(request, campaign, code, kind, number, write=True)
    form = HandleForm(request.POST, round_=round_)
    if not form.is_valid():
        return comments_page(request, round_, handle=form, status=400)
    try:
        count = do_handle_comments(
            round_,
            form.cleaned_data["ids"],
            handling=form.cleaned_data["handling"],
            response=form.cleaned_data["response"],
            applied_in=form.applied_in_round,
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return refused(request, exc, comments_page, round_, handle=form)
    messages.success(request, _("Đã ghi việc xử lý %(n)s ý kiến.") % {"n": count})
    return back_to(request, round_, "drafts_comments")


@login_required
@require_POST
def group_handle(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int, group: int
) -> HttpResponse:
    found = get_group(request, campaign, code, kind, number, group)
    form = GroupHandleForm(request.POST, round_=found.round, auto_id=False)
    if not form.is_valid():
        return groups_page(request, found.round, failed=(found.pk, form), status=400)
    try:
        count = do_handle_comments(
            found.round,
            list(found.comments.values_list("pk", flat=True)),
            handling=form.cleaned_data["handling"],
            response=form.cleaned_data["response"],
            applied_in=form.applied_in_round,
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return refused(request, exc, groups_page, found.round, failed=(found.pk, form))
    messages.success(request, _("Đã xử lý cả nhóm: %(n)s ý kiến.") % {"n": count})
    return back_to(request, found.round, "drafts_groups")
