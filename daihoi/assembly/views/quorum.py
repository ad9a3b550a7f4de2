"""The presidium's page: live figures, the sittings, the quorum rule, the elections' base."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.assembly import queries
from daihoi.assembly.actions.quorum import do_set_base_from_register, do_set_quorum_rule
from daihoi.assembly.actions.sittings import do_close_sitting, do_open_sitting
from daihoi.assembly.forms import QuorumRuleForm, SittingForm, focus_first_error, refuse_into
from daihoi.assembly.models import Sitting
from daihoi.assembly.quorum import attendance, quorum_rule
from daihoi.assembly.views.common import (
    congress_for,
    congress_to_manage,
    context,
    refused,
    sitting_to_manage,
)
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope


def page(request: HttpRequest, congress: Congress, status: int = 200, **forms: Any) -> HttpResponse:
    """The presidium's page; a form given (bound, with errors) replaces the blank one."""
    for form in forms.values():
        focus_first_error(form)
    rule = quorum_rule(congress)
    sitting_form = forms.get("sitting_form") or SittingForm(
        initial={"date": congress.held_date or timezone.localdate()}
    )
    rule_form = forms.get("rule_form") or QuorumRuleForm(
        initial={
            "numerator": rule.numerator,
            "denominator": rule.denominator,
            "strict": rule.strict,
        }
    )
    campaign, code = congress.campaign.slug, congress.organisation.code
    return render(
        request,
        "assembly/quorum.html",
        context(
            request,
            congress,
            figures=attendance(congress),
            sittings=queries.sittings_with_counts(congress),
            sitting_form=sitting_form,
            rule_form=rule_form,
            elections=queries.elections(congress),
            undos=queries.undos(congress),
            json_url=reverse("assembly_quorum_json", args=[campaign, code]),
        ),
        status=status,
    )


def _back(congress: Congress) -> HttpResponse:
    return redirect(
        "assembly_quorum", campaign=congress.campaign.slug, code=congress.organisation.code
    )


@never_cache
@login_required
@require_GET
def quorum(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return page(request, congress_for(request, campaign, code))


@never_cache
@login_required
@require_GET
def quorum_json(request: HttpRequest, campaign: str, code: str) -> JsonResponse:
    """The live Attendance as JSON, polled by the presidium's page and the projector."""
    congress = congress_for(request, campaign, code)
    chosen = request.GET.get("phien", "")
    sitting = (
        Sitting.objects.filter(congress=congress, pk=int(chosen)).first()
        if chosen.isdigit()
        else None
    )
    return JsonResponse(attendance(congress, sitting).as_json())


@require_POST
@login_required
def sitting_open(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Open a sitting (made the first time); the sitting open before it closes."""
    congress = congress_to_manage(request, campaign, code)
    form = SittingForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            opened = do_open_sitting(
                congress,
                kind=d["kind"],
                date=d["date"],
                part=d["part"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            refuse_into(
                form,
                exc.reasons,
                exc.codes,
                {"sitting_kind_invalid": "kind", "sitting_part_invalid": "part"},
            )
        else:
            messages.success(request, _("Đã khai mạc: %(s)s.") % {"s": opened})
            return _back(congress)
    return page(request, congress, 400, sitting_form=form)


@require_POST
@login_required
def sitting_close(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """Close a sitting: its desks check no one in any more."""
    sitting = sitting_to_manage(request, campaign, code, pk)
    do_close_sitting(sitting, acting_user=scope.acting_user(request))
    messages.success(request, _("Đã kết thúc: %(s)s.") % {"s": sitting})
    return _back(sitting.congress)


@require_POST
@login_required
def quorum_rule_set(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Set the least share of the summoned officials present for a quorum."""
    congress = congress_to_manage(request, campaign, code)
    form = QuorumRuleForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            do_set_quorum_rule(
                congress,
                numerator=d["numerator"],
                denominator=d["denominator"],
                strict=d["strict"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            refuse_into(form, exc.reasons, exc.codes, {"quorum_rule_invalid": "numerator"})
        else:
            messages.success(request, _("Đã lưu tỉ lệ tối thiểu."))
            return _back(congress)
    return page(request, congress, 400, rule_form=form)


@require_POST
@login_required
def election_base(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    """Set an election's base from the register: summoned less the rules' exclusions."""
    congress = congress_to_manage(request, campaign, code)
    election = next((e for e in queries.elections(congress) if e.pk == pk), None)
    if election is None:
        raise Http404(_("Không tìm thấy cuộc bầu cử."))
    try:
        value = do_set_base_from_register(election, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(
            request,
            _("Cơ sở tính kết quả của «%(e)s»: %(n)s.") % {"e": election.title, "n": value},
        )
    return _back(congress)
