"""A congress's personnel hub: its lists, processes, complaints and elected committee.

The page's three forms each post to their own URL (open a list, open a process,
register a complaint); a form with errors comes back on this page with what was
typed, the complaint section open and the first bad field focused.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election, ElectionState
from daihoi.orgs import scope
from daihoi.personnel import access
from daihoi.personnel.actions.complaints import do_register_complaint
from daihoi.personnel.actions.elected import do_record_elected_from_election
from daihoi.personnel.actions.introduction import do_start_introduction
from daihoi.personnel.actions.lists import do_create_list
from daihoi.personnel.checks import check_elected, check_list
from daihoi.personnel.forms import ComplaintForm, ElectionForm, ListForm, ProcessForm
from daihoi.personnel.models import CandidateList, Complaint, IntroductionProcess
from daihoi.personnel.queries import people_for
from daihoi.personnel.views.common import breadcrumbs, page, refused, write


def _congress(request: HttpRequest, campaign: str, code: str, *, write: bool = False) -> Congress:
    return get_congress_for_user(
        request.user, campaign, code, write=write, org_for=access.personnel_org
    )


def _complaint_form(congress: Congress, data: Any = None) -> ComplaintForm:
    return ComplaintForm(data, people=people_for(congress).order_by("search_name"))


def _announced(congress: Congress) -> Any:
    return Election.objects.filter(
        congress=congress, state__in=[ElectionState.ANNOUNCED, ElectionState.SEALED]
    )


def render_congress(request: HttpRequest, congress: Congress, **forms: BaseForm) -> HttpResponse:
    """The hub, with the forms given (bound, with their errors) and fresh ones for the rest."""
    org = congress.organisation
    forms.setdefault("list_form", ListForm())
    forms.setdefault("process_form", ProcessForm())
    forms.setdefault("complaint_form", _complaint_form(congress))
    complaints = list(Complaint.objects.filter(congress=congress).select_related("person"))
    context = {
        "congress": congress,
        "org": org,
        "campaign": congress.campaign,
        "breadcrumbs": breadcrumbs(request, org),
        "lists": [
            (cl, check_list(cl))
            for cl in CandidateList.objects.filter(congress=congress).order_by("pk")
        ],
        "processes": IntroductionProcess.objects.filter(congress=congress).prefetch_related(
            "steps"
        ),
        "complaints": complaints,
        "elected": check_elected(congress),
        **forms,
        "has_errors": any(form.errors for form in forms.values()),
        "is_superior": scope.is_superior_of(request.user, org),
        "elections": _announced(congress),
    }
    # The page names the people complained about.
    access.record_read(
        scope.acting_user(request),
        org,
        "congress",
        target=f"congress:{congress.pk}",
        people=[c.person_id for c in complaints],
    )
    return render(request, "personnel/congress.html", context)


@page
def congress_personnel(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return render_congress(request, _congress(request, campaign, code))


@write
def list_create(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _congress(request, campaign, code, write=True)
    form = ListForm(request.POST)
    if form.is_valid():
        try:
            made = do_create_list(
                congress,
                form.cleaned_data["kind"],
                form.cleaned_data["seats"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            return redirect("personnel_list", pk=made.pk)
    return render_congress(request, congress, list_form=form)


@write
def process_start(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _congress(request, campaign, code, write=True)
    form = ProcessForm(request.POST)
    if form.is_valid():
        try:
            process = do_start_introduction(
                congress,
                form.cleaned_data["kind"],
                form.cleaned_data["track"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            return redirect("personnel_process", pk=process.pk)
    return render_congress(request, congress, process_form=form)


@write
def complaint_register(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _congress(request, campaign, code, write=True)
    form = _complaint_form(congress, request.POST)
    if form.is_valid():
        values = dict(form.cleaned_data)
        person = values.pop("person")
        try:
            do_register_complaint(congress, person, values, acting_user=scope.acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            messages.success(request, _("Đã ghi nhận đơn thư."))
            return redirect("personnel_congress", campaign=campaign, code=code)
    return render_congress(request, congress, complaint_form=form)


@write
def elected_record(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Take the elected committee from one of the congress's announced elections."""
    congress = _congress(request, campaign, code, write=True)
    form = ElectionForm(request.POST, elections=Election.objects.filter(congress=congress))
    try:
        if not form.is_valid():
            raise ActionRefused([_("Không tìm thấy cuộc bầu cử này.")], ["election_missing"])
        n = do_record_elected_from_election(
            form.cleaned_data["election"], acting_user=scope.acting_user(request)
        )
        messages.success(request, _("Đã ghi %(n)s người trúng cử.") % {"n": n})
    except ActionRefused as exc:
        refused(request, exc)
    return redirect("personnel_congress", campaign=campaign, code=code)
