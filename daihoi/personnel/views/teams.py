"""Inspection teams: a unit's teams (and a new one), a team's page, its visits.

A visit is added at /nhan-su/doan-kiem-tra/<pk>/buoi/them/ and its follow-up
changed at .../buoi/<visit>/; a form with errors comes back on the team's page.
"""

from __future__ import annotations

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from daihoi.campaigns.models import Campaign
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.personnel import access
from daihoi.personnel.actions.teams import do_add_visit, do_create_team, do_update_visit
from daihoi.personnel.forms import TeamForm, VisitForm, VisitUpdateForm
from daihoi.personnel.models import InspectionTeam, InspectionVisit
from daihoi.personnel.views.common import breadcrumbs, page, write


def render_inspections(
    request: HttpRequest, camp: Campaign, org: Organisation, form: TeamForm | None = None
) -> HttpResponse:
    teams = InspectionTeam.objects.filter(campaign=camp, organisation=org).prefetch_related(
        "visits__unit"
    )
    context = {
        "campaign": camp,
        "org": org,
        "breadcrumbs": breadcrumbs(request, org),
        "teams": teams,
        "form": form or TeamForm(),
        "can_write": access.may_manage_teams(request.user, org),
    }
    # No cadre's record here, but the teams' members and findings are the committee's
    # confidential work: reads are logged like the records'.
    access.record_read(
        scope.acting_user(request), org, "inspections", target=f"inspections:{org.pk}:{camp.pk}"
    )
    return render(request, "personnel/inspections.html", context)


@page
def inspections(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """A unit's inspection teams in a campaign, and the form that sends a new one."""
    camp, org = access.teams_org_for_user(request.user, campaign, code)
    return render_inspections(request, camp, org)


@write
def team_create(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org = access.teams_org_for_user(request.user, campaign, code, write=True)
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            team = do_create_team(
                camp, org, **form.cleaned_data, acting_user=scope.acting_user(request)
            )
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            return redirect("personnel_team", pk=team.pk)
    return render_inspections(request, camp, org, form)


def render_team(request: HttpRequest, team: InspectionTeam, **forms: BaseForm) -> HttpResponse:
    org = team.organisation
    forms.setdefault("form", VisitForm(org=org))
    failed = forms.pop("update_form", None)
    visits = list(team.visits.select_related("unit"))
    for visit in visits:
        # Each visit's own follow-up form; the one that failed keeps what was typed.
        visit.form = (  # type: ignore[attr-defined]
            failed
            if failed is not None and failed.prefix == f"visit-{visit.pk}"
            else VisitUpdateForm(
                prefix=f"visit-{visit.pk}",
                initial={
                    "findings": visit.findings,
                    "follow_up": visit.follow_up,
                    "done": visit.follow_up_done,
                },
            )
        )
    context = {
        "team": team,
        "org": org,
        "breadcrumbs": breadcrumbs(request, org),
        "visits": visits,
        "can_write": access.may_manage_teams(request.user, org),
        **forms,
    }
    access.record_read(scope.acting_user(request), org, "team", target=f"team:{team.pk}")
    return render(request, "personnel/team.html", context)


@page
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_team(request, access.team_for_user(request.user, pk))


@write
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = access.team_for_user(request.user, pk, write=True)
    form = VisitForm(request.POST, org=team.organisation)
    if form.is_valid():
        try:
            do_add_visit(
                team,
                form.cleaned_data["unit"],
                date=form.cleaned_data["date"],
                findings=form.cleaned_data["findings"],
                follow_up=form.cleaned_data["follow_up"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            form.refuse(exc.reasons)
        else:
            return redirect("personnel_team", pk=pk)
    return render_team(request, team, form=form)


@write
def visit_update(request: HttpRequest, pk: int, visit: int) -> HttpResponse:
    team = access.team_for_user(request.user, pk, write=True)
    found = get_object_or_404(InspectionVisit.objects.select_related("team"), team=team, pk=visit)
    form = VisitUpdateForm(request.POST, prefix=f"visit-{found.pk}")
    if form.is_valid():
        do_update_visit(
            found,
            findings=form.cleaned_data["findings"],
            follow_up=form.cleaned_data["follow_up"],
            done=form.cleaned_data["done"],
            acting_user=scope.acting_user(request),
        )
        return redirect("personnel_team", pk=pk)
    return render_team(request, team, update_form=form)
