"""One round: its text with the comments per paragraph, sending it out, closing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.accounts.models import User
from daihoi.core.errors import ActionRefused
from daihoi.drafts import queries
from daihoi.drafts.access import can_edit
from daihoi.drafts.actions.rounds import do_circulate_round, do_close_round
from daihoi.drafts.forms import CirculateForm, CloseRoundForm
from daihoi.drafts.models import Round, SourceGroup
from daihoi.drafts.views.common import crumbs, get_round, refused
from daihoi.orgs import scope


def _circulate_form(request: HttpRequest, round_: Round) -> CirculateForm:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the views ask for a login first
    data = request.POST if request.method == "POST" else None
    return CirculateForm(data, org=round_.document.congress.organisation, user=user)


def round_page(
    request: HttpRequest,
    round_: Round,
    *,
    circulate: CirculateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    document = round_.document
    org = document.congress.organisation
    comments = queries.visible_comments(request.user, round_)
    per_paragraph = dict(
        comments.order_by()
        .values_list("paragraph")
        .annotate(n=Count("pk"))
        .values_list("paragraph", "n")
    )
    context = {
        "round": round_,
        "document": document,
        "org": org,
        "campaign": document.congress.campaign,
        "breadcrumbs": crumbs(request, org),
        "blocks": [(b, per_paragraph.get(b.key, 0)) for b in round_.numbered()],
        "sections": [b for b in round_.numbered() if b.level is not None],
        "general": per_paragraph.get("", 0),
        "total": comments.count(),
        "open": comments.filter(handling="").count(),
        "units": round_.circulated_units.order_by("path")[:50],
        "unit_count": round_.circulated_units.count(),
        "groups_out": [
            SourceGroup(g).label for g in round_.circulated_groups if g in SourceGroup.values
        ],
        "source_groups": list(SourceGroup),
        "can_edit": can_edit(request.user, org),
        "children": queries.counts_by_child(round_, org),
        "circulate_form": circulate or _circulate_form(request, round_),
    }
    return render(request, "drafts/round.html", context, status=status)


@login_required
@require_GET
def round_detail(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    return round_page(request, get_round(request, campaign, code, kind, number))


@login_required
@require_POST
def round_circulate(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = get_round(request, campaign, code, kind, number, write=True)
    form = _circulate_form(request, round_)
    if not form.is_valid():
        return round_page(request, round_, circulate=form, status=400)
    try:
        do_circulate_round(
            round_,
            groups=form.cleaned_data["groups"],
            units=form.cleaned_data["unit_list"],
            deadline=form.cleaned_data["deadline"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return refused(request, exc, round_page, round_, circulate=form)
    messages.success(request, _("Đã gửi dự thảo đi lấy ý kiến."))
    return redirect("drafts_round", campaign, code, kind, number)


@login_required
@require_POST
def round_close(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> HttpResponse:
    round_ = get_round(request, campaign, code, kind, number, write=True)
    form = CloseRoundForm(request.POST)
    if not form.is_valid():
        return round_page(request, round_, status=400)
    try:
        do_close_round(round_, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return refused(request, exc, round_page, round_)
    messages.success(request, _("Đã khép lại dự thảo lần %(n)s.") % {"n": number})
    return redirect("drafts_round", campaign, code, kind, number)
