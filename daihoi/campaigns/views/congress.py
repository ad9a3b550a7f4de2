"""A congress record: its page, and saving its details."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns import access, approval_boxes, hooks, lifecycle
from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.actions.congress import DATE_FIELDS, do_update_congress
from daihoi.campaigns.actions.lifecycle import withdraw_problems
from daihoi.campaigns.forms import CongressForm
from daihoi.campaigns.models import Congress, CongressState
from daihoi.core.errors import ActionRefused
from daihoi.core.steps import timeline
from daihoi.orgs import scope, tree


def congress_urls(congress: Congress) -> dict[str, str]:
    """The URLs of the page's writes, nested under the congress."""
    args = [congress.campaign.slug, congress.organisation.code]
    names = ("save", "transition", "withdraw_step")
    return {name: reverse(f"congress_{name}", args=args) for name in names}


def render_congress(
    request: HttpRequest,
    congress: Congress,
    *,
    form: CongressForm | None = None,
    step_errors: list[str] | None = None,
    approval_forms: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Show the congress page; a write that was refused passes its own form, bound.

    The other forms are shown as stored, so one refusal never blanks another form.
    """
    user = scope.acting_user(request)
    org = congress.organisation
    superior = access.may_approve(user, congress)
    target = lifecycle.next_state(congress)
    urls = congress_urls(congress)
    may_write = access.may_edit_congress(user, congress)
    context: dict[str, Any] = {
        "congress": congress,
        "org": org,
        "campaign": congress.campaign,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(user)),
        "form": form or CongressForm(instance=congress, superior=superior),
        "urls": urls,
        "next_state": CongressState(target).label if target else None,
        "blockers": lifecycle.blockers(congress, target) if target else [],
        "step_links": hooks.next_step_links(request, congress) if target else [],
        "step_errors": step_errors or [],
        "current_state": congress.state,
        "next_undoable": target in lifecycle.WITHDRAWABLE,
        "may_withdraw": may_write and not withdraw_problems(congress, user),
        "can_write": may_write,
        "is_superior": superior,
        "approval_boxes": approval_boxes.boxes(congress, user, approval_forms),
        "states": timeline(congress, CongressState, lifecycle.STAMP),
        "panels": hooks.congress_sections(request, congress),
    }
    return render(request, "campaigns/congress.html", context, status=status)


@require_GET
@login_required
def congress_detail(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code)
    return render_congress(request, congress)


@login_required
@require_POST
def congress_save(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    user = scope.acting_user(request)
    form = CongressForm(
        request.POST, instance=congress, superior=access.may_choose_pilot(user, congress)
    )
    if form.is_valid():
        try:
            do_update_congress(
                congress,
                form.changes(),
                expected_version=form.cleaned_data["version"],
                acting_user=user,
            )
        except ActionRefused as exc:
            form.refuse(exc, DATE_FIELDS)
        else:
            messages.success(request, _("Đã lưu hồ sơ đại hội."))
            return redirect("congress_detail", campaign=campaign, code=code)
    # The form as typed; the record itself as stored (a ModelForm's validation
    # writes the typed values onto its instance).
    return render_congress(request, as_stored(congress), form=form)


def as_stored(congress: Congress) -> Congress:
    """The congress as stored, for the parts of the page other than a refused form."""
    return Congress.objects.select_related(*access.RELATED).get(pk=congress.pk)
