"""Moving a congress to its next step, and taking the last step back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.campaigns import lifecycle
from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.actions.lifecycle import do_transition_congress, do_withdraw_step
from daihoi.campaigns.forms import StepForm
from daihoi.campaigns.models import CongressState
from daihoi.campaigns.views.congress import as_stored, render_congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope


@login_required
@require_POST
def congress_transition(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    form = StepForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused([str(e) for e in form.non_field_errors()])
        target = lifecycle.next_state(congress)
        if target is None:
            raise ActionRefused([_("Đại hội đã ở bước cuối.")], ["last_step"])
        do_transition_congress(
            congress,
            target,
            acting_user=scope.acting_user(request),
            expected_state=form.expected_state(),
        )
    except ActionRefused as exc:
        return render_congress(request, as_stored(congress), step_errors=exc.reasons)
    messages.success(
        request, _("Đã chuyển sang «%(state)s».") % {"state": CongressState(target).label}
    )
    return redirect("congress_detail", campaign=campaign, code=code)


@login_required
@require_POST
def congress_withdraw_step(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    form = StepForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused([str(e) for e in form.non_field_errors()])
        moved = do_withdraw_step(
            congress, acting_user=scope.acting_user(request), expected_state=form.expected_state()
        )
    except ActionRefused as exc:
        return render_congress(request, as_stored(congress), step_errors=exc.reasons)
    messages.success(
        request,
        _("Đã rút lại bước vừa chuyển; đại hội trở về «%(state)s».")
        % {"state": CongressState(moved.state).label},
    )
    return redirect("congress_detail", campaign=campaign, code=code)
