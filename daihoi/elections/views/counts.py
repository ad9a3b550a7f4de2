"""The figures of the count: the election base and the ballots issued and collected."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.core.errors import ActionRefused
from daihoi.elections import access
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.forms import BallotCountsForm, BaseForm
from daihoi.elections.views.common import detail_page
from daihoi.orgs import scope


@login_required
@require_POST
def election_base(request: HttpRequest, pk: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, pk, write=True)
    form = BaseForm(request.POST, auto_id="id_base_%s")
    if not form.is_valid():
        return detail_page(request, election, name="base_form", form=form)
    try:
        do_set_base(
            election, base=form.cleaned_data["base"], acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        return detail_page(request, election, name="base_form", form=form, refused=exc)
    messages.success(request, _("Đã ghi cơ sở tính kết quả."))
    return redirect("election_detail", pk=election.pk)


@login_required
@require_POST
def election_ballot_counts(request: HttpRequest, pk: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, pk, write=True)
    form = BallotCountsForm(request.POST, auto_id="id_counts_%s")
    if not form.is_valid():
        return detail_page(request, election, name="counts_form", form=form)
    try:
        do_record_ballot_counts(
            election,
            issued=form.cleaned_data["issued"],
            collected=form.cleaned_data["collected"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return detail_page(request, election, name="counts_form", form=form, refused=exc)
    messages.success(request, _("Đã ghi số phiếu."))
    return redirect("election_detail", pk=election.pk)
