"""The list of names on the ballot: saved while in draft, and a floor nomination voted on."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.core.errors import ActionRefused
from daihoi.elections import access
from daihoi.elections.actions.candidates import do_record_floor_nomination, do_set_candidates
from daihoi.elections.forms import CandidatesForm, FloorNominationForm
from daihoi.elections.views.common import detail_page
from daihoi.orgs import scope


@login_required
@require_POST
def election_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, pk, write=True)
    form = CandidatesForm(request.POST, auto_id="id_list_%s")
    if not form.is_valid():
        return detail_page(request, election, name="candidates_form", form=form)
    try:
        do_set_candidates(election, form.full_names(), acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return detail_page(request, election, name="candidates_form", form=form, refused=exc)
    messages.success(request, _("Đã lưu danh sách bầu cử."))
    return redirect("election_detail", pk=election.pk)


@login_required
@require_POST
def election_floor_nomination(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the congress's opinion vote on a name proposed from the floor."""
    election = access.get_election_for_user(request.user, pk, write=True)
    form = FloorNominationForm(request.POST, auto_id="id_floor_%s")
    if not form.is_valid():
        return detail_page(request, election, name="floor_form", form=form)
    try:
        entered = do_record_floor_nomination(
            election,
            form.cleaned_data["full_name"],
            agree=form.cleaned_data["agree"],
            present=form.cleaned_data["present"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return detail_page(request, election, name="floor_form", form=form, refused=exc)
    if entered:
        messages.success(request, _("Đã đưa người được đề cử vào danh sách (trên 30% đồng ý)."))
    else:
        messages.success(
            request, _("Không đủ trên 30% đại biểu có mặt đồng ý: không đưa vào danh sách.")
        )
    return redirect("election_detail", pk=election.pk)
