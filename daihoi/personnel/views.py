"""Personnel pages: people, lists with their live check, the five steps, complaints, inspections."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.forms import parse_as_of
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core import uploads
from daihoi.core.errors import ActionRefused
from daihoi.core.tables import TableError, read_table
from daihoi.db.limits import key_ids
from daihoi.elections.models import Election, ElectionState
from daihoi.lib.text import fold
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation
from daihoi.personnel import access, actions
from daihoi.personnel.checks import check_elected, check_list
from daihoi.personnel.forms import (
    ComplaintForm,
    ListForm,
    PersonForm,
    ProcessForm,
    StepForm,
    TeamForm,
    VisitForm,
)
from daihoi.personnel.models import (
    STEP_BODIES,
    CandidateList,
    Complaint,
    ComplaintStatus,
    InspectionTeam,
    InspectionVisit,
    IntroductionProcess,
    Person,
)
from daihoi.personnel.people_import import PeopleImportRejected, plan_people_import
from daihoi.personnel.rollup import rollup

PEOPLE_PAGE = 100
SEARCH_SHOWN = 30


def _refused(request: HttpRequest, exc: ActionRefused) -> None:
    for reason in exc.reasons:
        messages.error(request, reason)


def _breadcrumbs(request: HttpRequest, org: Organisation) -> list[Organisation]:
    return tree.ancestors(org, below=scope.scope_root(request.user))


def _congress(request: HttpRequest, campaign: str, code: str) -> Congress:
    return get_congress_for_user(request.user, campaign, code, org_for=access.personnel_org)


def _search(queryset: Any, query: str) -> Any:
    folded = fold(query)
    return queryset.filter(search_name__contains=folded) if folded else queryset


# People -----------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def people(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """The people of a unit's subtree, searched by name, a page at a time; each view audited."""
    org = access.personnel_org(request.user, structure, code)
    form = PersonForm(request.POST or None)
    if request.method == "POST":
        access.require(request.user, org, write=True)
        if form.is_valid():
            person = actions.do_create_person(
                org, form.cleaned_data, acting_user=scope.acting_user(request)
            )
            messages.success(request, _("Đã thêm %(n)s.") % {"n": person.full_name})
            return redirect("personnel_people", structure=structure, code=code)
    query = request.GET.get("q", "")
    found = _search(
        Person.objects.filter(tree.subtree_q(org.path, prefix="org_")).select_related(
            "organisation"
        ),
        query,
    ).order_by("search_name", "pk")
    page = Paginator(found, PEOPLE_PAGE).get_page(request.GET.get("trang"))
    shown = list(page.object_list)
    access.record_read(
        scope.acting_user(request),
        org,
        "people",
        query={"q": query, "trang": page.number},
        people=[p.pk for p in shown],
        total=page.paginator.count,
    )
    context = {
        "org": org,
        "breadcrumbs": _breadcrumbs(request, org),
        "query": query,
        "people": shown,
        "page": page,
        "total": page.paginator.count,
        "form": form,
    }
    template = "personnel/_people_rows.html" if request.htmx else "personnel/people.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def people_import(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = access.personnel_org(request.user, structure, code, write=True)
    errors: list[object] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("Hãy chọn tệp .csv hoặc .xlsx.")]
        else:
            try:
                planned = plan_people_import(
                    org, read_table(upload.name or "", uploads.read_upload(upload))
                )
            except (TableError, PeopleImportRejected) as exc:
                errors = list(exc.errors)
            else:
                n = actions.do_import_people(
                    org, planned, acting_user=scope.acting_user(request), source=upload.name or ""
                )
                messages.success(request, _("Đã nhập %(n)s hồ sơ.") % {"n": n})
                return redirect("personnel_people", structure=structure, code=code)
    return render(
        request,
        "personnel/import.html",
        {"org": org, "errors": errors, "breadcrumbs": _breadcrumbs(request, org)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.select_related("organisation", "organisation__structure"), pk=pk
    )
    access.require(request.user, person.organisation)
    can_write = access.may_write(request.user, person.organisation)
    form = PersonForm(request.POST or None, instance=person) if can_write else None
    if request.method == "POST":
        access.require(request.user, person.organisation, write=True)
        if form is not None and form.is_valid():
            actions.do_update_person(
                person,
                {name: form.cleaned_data[name] for name in form.Meta.fields},
                acting_user=scope.acting_user(request),
            )
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("personnel_person", pk=pk)
        person.refresh_from_db()
    actions.record_person_view(person, acting_user=scope.acting_user(request))
    context = {
        "form": form,
        "person": person,
        "org": person.organisation,
        "breadcrumbs": _breadcrumbs(request, person.organisation),
        "lists": person.list_entries.select_related(
            "candidate_list__congress__campaign", "candidate_list__congress__organisation"
        ),
        "complaints": person.complaints.select_related("congress__campaign"),
        "votes": person.step_votes.select_related("step__process").order_by(
            "step__process", "step__number"
        ),
    }
    return render(request, "personnel/person.html", context)


# The congress's personnel hub -----------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def congress_personnel(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _congress(request, campaign, code)
    org = congress.organisation
    list_form = ListForm(request.POST if request.POST.get("action") == "list" else None)
    process_form = ProcessForm(request.POST if request.POST.get("action") == "process" else None)
    people_qs = actions.people_for(congress).order_by("search_name")
    complaint_form = ComplaintForm(
        request.POST if request.POST.get("action") == "complaint" else None, people=people_qs
    )
    if request.method == "POST":
        access.require(request.user, org, write=True)
        user = scope.acting_user(request)
        try:
            action = request.POST.get("action")
            if action == "list" and list_form.is_valid():
                made = actions.do_create_list(
                    congress,
                    list_form.cleaned_data["kind"],
                    list_form.cleaned_data["seats"],
                    acting_user=user,
                )
                return redirect("personnel_list", pk=made.pk)
            if action == "process" and process_form.is_valid():
                process = actions.do_start_introduction(
                    congress,
                    process_form.cleaned_data["kind"],
                    process_form.cleaned_data["track"],
                    acting_user=user,
                )
                return redirect("personnel_process", pk=process.pk)
            if action == "complaint" and complaint_form.is_valid():
                values = dict(complaint_form.cleaned_data)
                person = values.pop("person")
                actions.do_register_complaint(congress, person, values, acting_user=user)
                messages.success(request, _("Đã ghi nhận đơn thư."))
                return redirect("personnel_congress", campaign=campaign, code=code)
        except ActionRefused as exc:
            _refused(request, exc)
    complaints = list(Complaint.objects.filter(congress=congress).select_related("person"))
    context = {
        "congress": congress,
        "org": org,
        "campaign": congress.campaign,
        "breadcrumbs": _breadcrumbs(request, org),
        "lists": [
            (cl, check_list(cl))
            for cl in CandidateList.objects.filter(congress=congress).order_by("pk")
        ],
        "processes": IntroductionProcess.objects.filter(congress=congress).prefetch_related(
            "steps"
        ),
        "complaints": complaints,
        "elected": check_elected(congress),
        "list_form": list_form,
        "process_form": process_form,
        "complaint_form": complaint_form,
        "is_superior": scope.is_superior_of(request.user, org),
        "elections": Election.objects.filter(
            congress=congress, state__in=[ElectionState.ANNOUNCED, ElectionState.SEALED]
        ),
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


# A candidate list and its live composition check -------------------------------------------


def _list_for(request: HttpRequest, pk: int) -> CandidateList:
    cl = get_object_or_404(
        CandidateList.objects.select_related(
            "congress__organisation__structure", "congress__campaign"
        ),
        pk=pk,
    )
    access.require(request.user, cl.congress.organisation)
    return cl


def _person_in(congress: Congress, text: str | None) -> Person:
    # Never trust an id from the client: look it up among the congress's own people.
    person = (
        actions.people_for(congress).filter(pk=int(text)).first()
        if text and text.isdigit()
        else None
    )
    if person is None:
        raise ActionRefused([_("Không tìm thấy người này trong đảng bộ.")])
    return person


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def candidate_list(request: HttpRequest, pk: int) -> HttpResponse:
    cl = _list_for(request, pk)
    congress = cl.congress
    if request.method == "POST":
        access.require(request.user, congress.organisation, write=True)
        user = scope.acting_user(request)
        action = request.POST.get("action")
        try:
            if action == "add":
                person = _person_in(congress, request.POST.get("person"))
                actions.do_add_to_list(
                    cl, person, standing=bool(request.POST.get("standing")), acting_user=user
                )
            elif action == "remove":
                actions.do_remove_from_list(
                    cl, _person_in(congress, request.POST.get("person")), acting_user=user
                )
            elif action == "standing":
                actions.do_set_standing(
                    cl,
                    _person_in(congress, request.POST.get("person")),
                    bool(request.POST.get("standing")),
                    acting_user=user,
                )
            elif action == "elected":
                ids = key_ids(request.POST.getlist("elected"))
                n = actions.do_record_elected_from_list(cl, ids, acting_user=user)
                messages.success(request, _("Đã ghi %(n)s người trúng cử.") % {"n": n})
            elif action == "adopt":
                actions.do_adopt_list(cl, acting_user=user)
                messages.success(request, _("Đã thông qua danh sách."))
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        query = request.POST.get("q", "")
        return redirect(f"{request.path}?q={query}" if query else request.path)
    context = _list_context(request, cl)
    access.record_read(
        scope.acting_user(request),
        congress.organisation,
        "list",
        target=f"list:{cl.pk}",
        query={"q": context["query"]},
        people=[m.person_id for m, _flags in context["members"]]
        + [p.pk for p in context["candidates"]],
    )
    return render(request, "personnel/list.html", context)


def _list_context(request: HttpRequest, cl: CandidateList) -> dict[str, Any]:
    congress = cl.congress
    members = list(cl.members.select_related("person", "person__organisation"))
    on_list = {m.person_id for m in members}
    query = request.GET.get("q", "")
    candidates = (
        _search(actions.people_for(congress), query)
        .exclude(pk__in=on_list)
        .select_related("organisation")
        .order_by("search_name")[:SEARCH_SHOWN]
    )
    flagged = actions.flagged_people(congress)
    return {
        "cl": cl,
        "congress": congress,
        "org": congress.organisation,
        "breadcrumbs": _breadcrumbs(request, congress.organisation),
        "members": [(m, flagged.get(m.person_id, [])) for m in members],
        "check": check_list(cl),
        "blockers": actions.adoption_blockers(cl),
        "query": query,
        "candidates": candidates,
        "flagged": flagged,
        "can_write": access.may_write(request.user, congress.organisation),
    }


# The five steps -------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(
        IntroductionProcess.objects.select_related(
            "congress__organisation__structure", "congress__campaign"
        ),
        pk=pk,
    )
    congress = process.congress
    access.require(request.user, congress.organisation)
    steps = list(process.steps.prefetch_related("votes__person"))
    next_number = len(steps) + 1
    eligible = (
        actions.passed_at(process, next_number - 1)
        if next_number > 1
        else list(actions.starting_list(process).order_by("search_name")[:300])
    )
    form = StepForm(request.POST if request.POST.get("action") == "step" else None)
    if request.method == "POST":
        access.require(request.user, congress.organisation, write=True)
        user = scope.acting_user(request)
        try:
            if request.POST.get("action") == "feed":
                added = actions.do_feed_list(process, acting_user=user)
                messages.success(request, _("Đã đưa %(n)s người vào danh sách.") % {"n": added})
                return redirect("personnel_process", pk=pk)
            if form.is_valid():
                votes = _votes(request, eligible)
                actions.do_record_step(
                    process,
                    actions.StepInput(
                        number=next_number,
                        date=form.cleaned_data["date"],
                        body=form.cleaned_data["body"],
                        voters=form.cleaned_data["voters"],
                        ballots=form.cleaned_data["ballots"],
                        votes=votes,
                    ),
                    acting_user=user,
                )
                messages.success(request, _("Đã ghi kết quả bước %(n)s.") % {"n": next_number})
                return redirect("personnel_process", pk=pk)
        except ActionRefused as exc:
            _refused(request, exc)
    context = {
        "process": process,
        "congress": congress,
        "org": congress.organisation,
        "breadcrumbs": _breadcrumbs(request, congress.organisation),
        "steps": steps,
        "next_number": next_number if next_number <= actions.STEPS else None,
        "next_body": STEP_BODIES.get(next_number, ""),
        "eligible": eligible,
        "form": form,
        "can_write": access.may_write(request.user, congress.organisation),
        "finished": next_number > actions.STEPS,
    }
    access.record_read(
        scope.acting_user(request),
        congress.organisation,
        "process",
        target=f"process:{process.pk}",
        people=[v.person_id for step in steps for v in step.votes.all()] + [p.pk for p in eligible],
    )
    return render(request, "personnel/process.html", context)


def _votes(request: HttpRequest, eligible: list[Person]) -> dict[int, int]:
    votes: dict[int, int] = {}
    problems: list[str] = []
    for person in eligible:
        text = request.POST.get(f"votes-{person.pk}", "").strip()
        if text == "" and request.POST.get(f"skip-{person.pk}"):
            continue
        if not text.isdigit():
            problems.append(
                _("%(n)s: số phiếu «%(v)s» không hợp lệ.") % {"n": person.full_name, "v": text}
            )
            continue
        votes[person.pk] = int(text)
    if problems:
        raise ActionRefused(problems)
    return votes


# Complaints ----------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(
        Complaint.objects.select_related(
            "congress__organisation__structure", "congress__campaign", "person", "overridden_by"
        ),
        pk=pk,
    )
    org = complaint.congress.organisation
    access.require(request.user, org)
    if request.method == "POST":
        user = scope.acting_user(request)
        try:
            if request.POST.get("action") == "settle":
                access.require(request.user, org, write=True)
                actions.do_settle_complaint(
                    complaint, request.POST.get("outcome", ""), acting_user=user
                )
            elif request.POST.get("action") == "override":
                actions.do_override_complaint(
                    complaint, request.POST.get("reason", ""), acting_user=user
                )
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
            messages.success(request, _("Đã ghi nhận."))
            return redirect("personnel_complaint", pk=pk)
        except ActionRefused as exc:
            _refused(request, exc)
    context = {
        "complaint": complaint,
        "congress": complaint.congress,
        "org": org,
        "breadcrumbs": _breadcrumbs(request, org),
        "can_write": access.may_write(request.user, org),
        "is_superior": scope.is_superior_of(request.user, org),
        "open": complaint.status == ComplaintStatus.OPEN,
    }
    access.record_read(
        scope.acting_user(request),
        org,
        "complaint",
        target=f"complaint:{complaint.pk}",
        people=[complaint.person_id],
    )
    return render(request, "personnel/complaint.html", context)


# The elected committee --------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["POST"])
def elected_record(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _congress(request, campaign, code)
    access.require(request.user, congress.organisation, write=True)
    election = Election.objects.filter(
        congress=congress, pk=request.POST.get("election") or 0
    ).first()
    try:
        if election is None:
            raise ActionRefused([_("Không tìm thấy cuộc bầu cử này.")])
        n = actions.do_record_elected_from_election(
            election, acting_user=scope.acting_user(request)
        )
        messages.success(request, _("Đã ghi %(n)s người trúng cử.") % {"n": n})
    except ActionRefused as exc:
        _refused(request, exc)
    return redirect("personnel_congress", campaign=campaign, code=code)


# Inspection teams ---------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def inspections(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp = get_object_or_404(Campaign.objects.select_related("structure"), slug=campaign)
    org = access.personnel_org(request.user, camp.structure.code, code)
    form = TeamForm(request.POST or None)
    if request.method == "POST":
        if not scope.can_write(request.user, org):
            raise PermissionDenied
        if form.is_valid():
            try:
                team = actions.do_create_team(
                    camp, org, **form.cleaned_data, acting_user=scope.acting_user(request)
                )
            except ActionRefused as exc:
                _refused(request, exc)
            else:
                return redirect("personnel_team", pk=team.pk)
    teams = InspectionTeam.objects.filter(campaign=camp, organisation=org).prefetch_related(
        "visits__unit"
    )
    context = {
        "campaign": camp,
        "org": org,
        "breadcrumbs": _breadcrumbs(request, org),
        "teams": teams,
        "form": form,
        "can_write": scope.can_write(request.user, org),
    }
    # No cadre's record here, but the teams' members and findings are the committee's
    # confidential work: reads are logged like the records'.
    access.record_read(
        scope.acting_user(request), org, "inspections", target=f"inspections:{org.pk}:{camp.pk}"
    )
    return render(request, "personnel/inspections.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(
        InspectionTeam.objects.select_related("organisation__structure", "campaign"), pk=pk
    )
    org = team.organisation
    access.require(request.user, org)
    form = VisitForm(request.POST if request.POST.get("action") == "visit" else None)
    if request.method == "POST":
        if not scope.can_write(request.user, org):
            raise PermissionDenied
        user = scope.acting_user(request)
        try:
            if request.POST.get("action") == "visit" and form.is_valid():
                unit = Organisation.objects.filter(
                    tree.subtree_q(org.path, include_self=False),
                    structure_id=org.structure_id,
                    code=form.cleaned_data["unit"],
                ).first()
                if unit is None:
                    raise ActionRefused(
                        [
                            _("Không có đơn vị mã «%(c)s» thuộc %(o)s.")
                            % {"c": form.cleaned_data["unit"], "o": org.name}
                        ]
                    )
                actions.do_add_visit(
                    team,
                    unit,
                    date=form.cleaned_data["date"],
                    findings=form.cleaned_data["findings"],
                    follow_up=form.cleaned_data["follow_up"],
                    acting_user=user,
                )
                return redirect("personnel_team", pk=pk)
            if request.POST.get("action") == "update":
                visit = get_object_or_404(InspectionVisit, team=team, pk=request.POST.get("visit"))
                actions.do_update_visit(
                    visit,
                    findings=request.POST.get("findings", ""),
                    follow_up=request.POST.get("follow_up", ""),
                    done=bool(request.POST.get("done")),
                    acting_user=user,
                )
                return redirect("personnel_team", pk=pk)
        except ActionRefused as exc:
            _refused(request, exc)
    context = {
        "team": team,
        "org": org,
        "breadcrumbs": _breadcrumbs(request, org),
        "visits": team.visits.select_related("unit"),
        "form": form,
        "can_write": scope.can_write(request.user, org),
    }
    access.record_read(scope.acting_user(request), org, "team", target=f"team:{team.pk}")
    return render(request, "personnel/team.html", context)


# Roll-up ----------------------------------------------------------------------------


def _rollup_inputs(
    request: HttpRequest, campaign: str, code: str
) -> tuple[Campaign, Organisation, Any]:
    camp = get_object_or_404(Campaign.objects.select_related("structure"), slug=campaign)
    # Aggregates only, no personal data: anyone who sees the organisation sees them.
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, _error = parse_as_of(request.GET.get("ngay"), timezone.localdate())
    return camp, org, as_of


def rollup_rows(camp: Campaign, org: Organisation, as_of: Any) -> list[tuple[Organisation, Any]]:
    return [(child, rollup(camp, child.path, as_of)) for child in tree.children(org)]


@never_cache
@login_required
def rollup_page(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org, as_of = _rollup_inputs(request, campaign, code)
    context = {
        "campaign": camp,
        "org": org,
        "as_of": as_of,
        "breadcrumbs": _breadcrumbs(request, org),
        "figures": rollup(camp, org.path, as_of),
        "children": rollup_rows(camp, org, as_of),
    }
    return render(request, "personnel/rollup.html", context)


@never_cache
@login_required
def rollup_xlsx(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    from daihoi.personnel.reports import rollup_workbook

    camp, org, as_of = _rollup_inputs(request, campaign, code)
    data = rollup_workbook(
        camp, org, as_of, rollup(camp, org.path, as_of), rollup_rows(camp, org, as_of)
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="co-cau-{org.code}-{as_of:%Y%m%d}.xlsx"'
    )
    return response


@never_cache
@login_required
def rollup_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    from daihoi.personnel.reports import rollup_document

    camp, org, as_of = _rollup_inputs(request, campaign, code)
    data = rollup_document(
        camp, org, as_of, rollup(camp, org.path, as_of), rollup_rows(camp, org, as_of)
    )
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="co-cau-{org.code}-{as_of:%Y%m%d}.docx"'
    )
    return response


# Targets -----------------------------------------------------------------------------------

SETTING_FIELDS = [
    "reference_date",
    "first_time_born_from",
    "reelection_born_from",
    "retirement_months_male",
    "retirement_months_female",
    "first_time_min_months",
    "reelection_min_months",
]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, campaign: str) -> HttpResponse:
    """A campaign's composition targets and age rules: read by all, changed nationally."""
    from django import forms as djforms

    from daihoi.campaigns.models import CompositionTarget
    from daihoi.personnel.forms import DATE_INPUTS
    from daihoi.personnel.models import PersonnelSettings

    camp = get_object_or_404(Campaign, slug=campaign)
    rows = list(CompositionTarget.objects.filter(campaign=camp).order_by("pk"))
    settings = PersonnelSettings.objects.filter(campaign=camp).first() or PersonnelSettings(
        campaign=camp
    )
    SettingsForm = djforms.modelform_factory(PersonnelSettings, fields=SETTING_FIELDS)  # noqa: N806
    form = SettingsForm(request.POST or None, instance=settings)
    for field in form.fields.values():
        if isinstance(field, djforms.DateField):
            field.input_formats = DATE_INPUTS
    errors: list[str] = []
    if request.method == "POST":
        if not actions.may_edit_targets(request.user, camp):
            raise PermissionDenied
        changes, errors = _target_changes(request, rows)
        if form.is_valid() and not errors:
            try:
                actions.do_update_targets(
                    camp,
                    changes,
                    {name: form.cleaned_data[name] for name in SETTING_FIELDS},
                    acting_user=scope.acting_user(request),
                )
            except ActionRefused as exc:
                errors = exc.reasons
            else:
                messages.success(request, _("Đã lưu chỉ tiêu."))
                return redirect("personnel_targets", campaign=campaign)
    context = {
        "campaign": camp,
        "rows": rows,
        "form": form,
        "errors": errors,
        "can_edit": actions.may_edit_targets(request.user, camp),
    }
    return render(request, "personnel/targets.html", context)


def _target_changes(
    request: HttpRequest, rows: list[Any]
) -> tuple[list[actions.TargetChange], list[str]]:
    from decimal import Decimal, InvalidOperation

    changes: list[actions.TargetChange] = []
    errors: list[str] = []
    for row in rows:
        values: list[Decimal | None] = []
        for bound in ("minimum", "maximum"):
            text = request.POST.get(f"{bound}-{row.code}", "").strip().replace(",", ".")
            try:
                value = Decimal(text) if text else None
            except InvalidOperation:
                value = None
                errors.append(
                    _("%(label)s: «%(v)s» không phải là số.") % {"label": row.label, "v": text}
                )
            if value is not None and not 0 <= value <= 100:
                errors.append(
                    _("%(label)s: %(v)s nằm ngoài 0–100%%.") % {"label": row.label, "v": text}
                )
            values.append(value)
        changes.append(
            actions.TargetChange(
                row.code, values[0], values[1], bool(request.POST.get(f"hard-{row.code}"))
            )
        )
    return changes, errors
