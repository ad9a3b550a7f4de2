"""Groups of like comments: proposed by the machine, confirmed or split by a person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.core.errors import ActionRefused
from daihoi.core.paging import paginate
from daihoi.drafts.access import can_edit
from daihoi.drafts.actions.groups import do_confirm_group, do_propose_groups, do_split_group
from daihoi.drafts.forms import (
    ConfirmGroupForm,
    DraftsForm,
    GroupHandleForm,
    ProposeGroupsForm,
    SplitGroupForm,
)
from daihoi.drafts.models import Comment, Round, RoundState
from daihoi.drafts.views.common import back_to, crumbs, get_group, get_round, query_suffix, refused
from daihoi.orgs import scope

GROUPS_PAGE = 20


def _forms(round_: Round, failed: DraftsForm | None) -> dict[str, DraftsForm]:
    """A group's three forms, fresh, but for the one posted that came back with errors."""
    forms: dict[str, DraftsForm] = {
        "split": SplitGroupForm(auto_id=False),
        "confirm": ConfirmGroupForm(auto_id=False),
        "handle": GroupHandleForm(round_=round_, auto_id=False),
    }
    for name, form in forms.items():
        if failed is not None and type(failed) is type(form):
            forms[name] = failed
    return forms


def groups_page(
    request: HttpRequest,
    round_: Round,
    *,
    failed: tuple[int, DraftsForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The round's groups, largest unconfirmed first, each with its members and forms."""
    document = round_.document
    org = document.congress.organisation
    groups = round_.groups.annotate(
        size=Count("comments"), open=Count("comments", filter=Q(comments__handling=""))
    ).order_by("confirmed", "-size", "pk")
    page = paginate(request, groups, per_page=GROUPS_PAGE)
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
        "breadcrumbs": crumbs(request, org),
        "page": page,
        "groups": [
            (g, members[g.pk], _forms(round_, failed[1] if failed and failed[0] == g.pk else None))
            for g in page.object_list
        ],
        "list_url": reverse(
            "drafts_groups",
            args=[document.congress.campaign.slug, org.code, document.kind, round_.number],
        ),
        "suffix": query_suffix(request),
        "can_edit": can_edit(request.user, org) and round_.state != RoundState.CLOSED,
        "ungrouped": round_.comments.filter(group__isnull=True, handling="").count(),
    }
    return render(request, "drafts/groups.html", context, status=status)


@login_required
@require_GET
def groups_view(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    return groups_page(request, get_round(request, campaign, code, kind, number))


@login_required
@require_POST
def groups_propose(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = get_round(request, campaign, code, kind, number, write=True)
    form = ProposeGroupsForm(request.POST)
    if not form.is_valid():
        return groups_page(request, round_, status=400)
    try:
        made = do_propose_groups(round_, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return refused(request, exc, groups_page, round_)
    messages.success(request, _("Đã đề xuất %(n)s nhóm ý kiến.") % {"n": made})
    return back_to(request, round_, "drafts_groups")


@login_required
@require_POST
def group_confirm(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int, group: int
) -> HttpResponse:
    found = get_group(request, campaign, code, kind, number, group)
    form = ConfirmGroupForm(request.POST, auto_id=False)
    if not form.is_valid():
        return groups_page(request, found.round, failed=(found.pk, form), status=400)
    try:
        do_confirm_group(
            found, summary=form.cleaned_data["summary"], acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        return refused(request, exc, groups_page, found.round, failed=(found.pk, form))
    messages.success(request, _("Đã xác nhận nhóm."))
    return back_to(request, found.round, "drafts_groups")


@login_required
@require_POST
def group_split(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int, group: int
) -> HttpResponse:
    found = get_group(request, campaign, code, kind, number, group)
    form = SplitGroupForm(request.POST, auto_id=False)
    if not form.is_valid():
        return groups_page(request, found.round, failed=(found.pk, form), status=400)
    try:
        do_split_group(found, form.cleaned_data["ids"], acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return refused(request, exc, groups_page, found.round, failed=(found.pk, form))
    messages.success(request, _("Đã tách các ý kiến đã chọn khỏi nhóm."))
    return back_to(request, found.round, "drafts_groups")
