"""The five-step introduction: the process page, a step's record, feeding the list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope
from daihoi.personnel import access
from daihoi.personnel.actions.introduction import STEPS, StepInput, do_feed_list, do_record_step
from daihoi.personnel.forms import StepForm
from daihoi.personnel.models import STEP_BODIES, IntroductionProcess
from daihoi.personnel.queries import passed_at, starting_list
from daihoi.personnel.views.common import breadcrumbs, page, refused, write


def _step_form(process: IntroductionProcess, data: object = None) -> tuple[StepForm, int]:
    """The form of the next step, one row per person it asks about, and that step's number."""
    next_number = process.steps.count() + 1
    eligible = (
        passed_at(process, next_number - 1)
        if next_number > 1
        else list(starting_list(process).order_by("search_name")[:300])
    )
    return StepForm(data, eligible=eligible, skippable=next_number == 1), next_number


def render_process(
    request: HttpRequest, process: IntroductionProcess, form: StepForm | None = None
) -> HttpResponse:
    congress = process.congress
    steps = list(process.steps.prefetch_related("votes__person"))
    fresh, next_number = _step_form(process)
    form = form or fresh
    context = {
        "process": process,
        "congress": congress,
        "org": congress.organisation,
        "breadcrumbs": breadcrumbs(request, congress.organisation),
        "steps": steps,
        "next_number": next_number if next_number <= STEPS else None,
        "next_body": STEP_BODIES.get(next_number, ""),
        "eligible": form.eligible,
        "form": form,
        "can_write": access.may_write(request.user, congress.organisation),
        "finished": next_number > STEPS,
    }
    access.record_read(
        scope.acting_user(request),
        congress.organisation,
        "process",
        target=f"process:{process.pk}",
        people=[v.person_id for step in steps for v in step.votes.all()]
        + [p.pk for p in form.eligible],
    )
    return render(request, "personnel/process.html", context)


@page
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_process(request, access.process_for_user(request.user, pk))


@write
def process_step(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_for_user(request.user, pk, write=True)
    form, number = _step_form(process, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_record_step(
                process,
                StepInput(
                    number=number,
                    date=data["date"],
                    body=data["body"],
                    voters=data["voters"],
                    ballots=data["ballots"],
                    votes=data["votes"],
                ),
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            messages.success(request, _("Đã ghi kết quả bước %(n)s.") % {"n": number})
            return redirect("personnel_process", pk=pk)
    return render_process(request, process, form)


@write
def process_feed(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_for_user(request.user, pk, write=True)
    try:
        added = do_feed_list(process, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Đã đưa %(n)s người vào danh sách.") % {"n": added})
    return redirect("personnel_process", pk=pk)
