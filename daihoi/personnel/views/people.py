"""Cadres' records: a unit's people (search, add), the import, one person's record."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daihoi.core import uploads
from daihoi.core.paging import paginate
from daihoi.core.tables import TableError, read_table
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation
from daihoi.personnel import access
from daihoi.personnel.actions.people import (
    do_create_person,
    do_import_people,
    do_update_person,
    record_person_view,
)
from daihoi.personnel.forms import PeopleImportForm, PersonForm
from daihoi.personnel.models import Person
from daihoi.personnel.people_import import PeopleImportRejected, plan_people_import
from daihoi.personnel.queries import search
from daihoi.personnel.views.common import breadcrumbs, page, write

PEOPLE_PAGE = 100


def render_people(
    request: HttpRequest, org: Organisation, form: PersonForm | None = None
) -> HttpResponse:
    """A page of the unit's people (searched), audited; the add form as given or fresh."""
    query = request.GET.get("q", "")
    found = search(
        Person.objects.filter(tree.subtree_q(org.path, prefix="org_")).select_related(
            "organisation"
        ),
        query,
    ).order_by("search_name", "pk")
    paged = paginate(request, found, per_page=PEOPLE_PAGE)
    shown = list(paged.object_list)
    access.record_read(
        scope.acting_user(request),
        org,
        "people",
        query={"q": query, "trang": paged.number},
        people=[p.pk for p in shown],
        total=paged.paginator.count,
    )
    context = {
        "org": org,
        "breadcrumbs": breadcrumbs(request, org),
        "query": query,
        "people": shown,
        "page": paged,
        "total": paged.paginator.count,
        "form": form or PersonForm(),
    }
    partial = request.method == "GET" and request.htmx  # type: ignore[attr-defined]
    template = "personnel/_people_rows.html" if partial else "personnel/people.html"
    return render(request, template, context)


@page
def people(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """The people of a unit's subtree, searched by name, a page at a time; each view audited."""
    return render_people(request, access.personnel_org(request.user, structure, code))


@write
def person_add(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = access.personnel_org(request.user, structure, code, write=True)
    form = PersonForm(request.POST)
    if form.is_valid():
        person = do_create_person(org, form.cleaned_data, acting_user=scope.acting_user(request))
        messages.success(request, _("Đã thêm %(n)s.") % {"n": person.full_name})
        return redirect("personnel_people", structure=structure, code=code)
    return render_people(request, org, form)


def render_import(
    request: HttpRequest, org: Organisation, errors: Sequence[object] = (), status: int = 200
) -> HttpResponse:
    context = {"org": org, "errors": list(errors), "breadcrumbs": breadcrumbs(request, org)}
    return render(request, "personnel/import.html", context, status=status)


@page
def people_import(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """The import page; the file posts to `people_import_upload`."""
    return render_import(request, access.personnel_org(request.user, structure, code, write=True))


@write
def people_import_upload(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """The file is checked whole, then written in one go."""
    org = access.personnel_org(request.user, structure, code, write=True)
    form = PeopleImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_import(request, org, form.errors["file"], status=400)
    upload = form.cleaned_data["file"]
    try:
        planned = plan_people_import(
            org, read_table(upload.name or "", uploads.read_upload(upload))
        )
    except (TableError, PeopleImportRejected) as exc:
        return render_import(request, org, exc.errors, status=400)
    n = do_import_people(
        org, planned, acting_user=scope.acting_user(request), source=upload.name or ""
    )
    messages.success(request, _("Đã nhập %(n)s hồ sơ.") % {"n": n})
    return redirect("personnel_people", structure=structure, code=code)


def render_person(
    request: HttpRequest, person: Person, form: PersonForm | None = None
) -> HttpResponse:
    """One person's record, its lists, complaints and votes; each opening audited."""
    if form is None and access.may_write(request.user, person.organisation):
        form = PersonForm(instance=person)
    record_person_view(person, acting_user=scope.acting_user(request))
    context = {
        "form": form,
        "person": person,
        "org": person.organisation,
        "breadcrumbs": breadcrumbs(request, person.organisation),
        "lists": person.list_entries.select_related(
            "candidate_list__congress__campaign", "candidate_list__congress__organisation"
        ),
        "complaints": person.complaints.select_related("congress__campaign"),
        "votes": person.step_votes.select_related("step__process").order_by(
            "step__process", "step__number"
        ),
    }
    return render(request, "personnel/person.html", context)


@page
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_person(request, access.person_for_user(request.user, pk))


@write
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.person_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST, instance=person)
    if form.is_valid():
        do_update_person(
            person,
            {name: form.cleaned_data[name] for name in form.Meta.fields},
            acting_user=scope.acting_user(request),
        )
        messages.success(request, _("Đã lưu hồ sơ."))
        return redirect("personnel_person", pk=pk)
    # The form keeps what was typed; the rest of the page shows the record as stored.
    person.refresh_from_db()
    return render_person(request, person, form)
