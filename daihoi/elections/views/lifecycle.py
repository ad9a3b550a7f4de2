"""The election's steps: the next one, and the further round a result calls for."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.core.errors import ActionRefused
from daihoi.elections import access, queries
from daihoi.elections.actions.lifecycle import do_open_next_round, do_transition_election
from daihoi.elections.forms import NextRoundForm, TransitionForm
from daihoi.elections.models import ElectionState
from daihoi.elections.views.common import detail_page
from daihoi.orgs import scope

S = ElectionState


@login_required
@require_POST
def election_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the next step (the one the page offered); reconciling leads to the result."""
    election = access.get_election_for_user(request.user, pk)
    form = TransitionForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused([_("Bước chuyển không hợp lệ.")], ["bad_target"])
        target = form.cleaned_data["target"] or queries.NEXT.get(election.state)
        if target is None:
            raise ActionRefused([_("Cuộc bầu cử đã ở bước cuối.")], ["last_step"])
        do_transition_election(election, target, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return detail_page(request, election, name="transition", refused=exc)
    if target == S.RECONCILED:
        messages.success(request, _("Đã đối chiếu xong; kết quả đã có."))
        return redirect("election_results", pk=election.pk)
    messages.success(request, _("Đã chuyển sang «%(state)s».") % {"state": S(target).label})
    return redirect("election_detail", pk=election.pk)


@login_required
@require_POST
def election_next_round(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the re-vote among the tied, or the further round for the seats left."""
    election = access.get_election_for_user(request.user, pk, write=True)
    form = NextRoundForm(request.POST, auto_id="id_round_%s")
    if not form.is_valid():
        return detail_page(request, election, name="next_round_form", form=form)
    try:
        following = do_open_next_round(
            election, full_names=form.full_names(), acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        return detail_page(request, election, name="next_round_form", form=form, refused=exc)
    messages.success(request, _("Đã mở %(title)s.") % {"title": following.title})
    return redirect("election_detail", pk=election.pk)
