"""The superior's approvals of a congress's documents and personnel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.forms import ApprovalForm
from daihoi.campaigns.models import ApprovalKind
from daihoi.campaigns.views.congress import as_stored, render_congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope


def _approve(request: HttpRequest, campaign: str, code: str, kind: ApprovalKind) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    user = scope.acting_user(request)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        try:
            do_approve_congress(congress, kind, acting_user=user, note=form.cleaned_data["note"])
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã ghi nhận phê duyệt."))
            return redirect("congress_detail", campaign=campaign, code=code)
    # Only this approval's form comes back bound, with its reasons; the congress
    # form and the rest of the page are shown as stored.
    return render_congress(request, as_stored(congress), approval_forms={kind.value: form})


@login_required
@require_POST
def congress_approve_documents(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _approve(request, campaign, code, ApprovalKind.DOCUMENTS)


@login_required
@require_POST
def congress_approve_personnel(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _approve(request, campaign, code, ApprovalKind.PERSONNEL)
