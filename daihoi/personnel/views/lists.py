"""A candidate list with its live composition check, and each change to it at its own URL.

/nhan-su/danh-sach/<pk>/nguoi/<person>/them/ puts a person on the list, .../bo/ takes
them off, .../btv/ marks the standing committee; /trung-cu/ records the elected,
/thong-qua/ adopts. A refusal comes back as a message on the list, the search kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope
from daihoi.personnel import access
from daihoi.personnel.actions.elected import do_record_elected_from_list
from daihoi.personnel.actions.lists import (
    do_add_to_list,
    do_adopt_list,
    do_remove_from_list,
    do_set_standing,
)
from daihoi.personnel.checks import check_list
from daihoi.personnel.forms import ElectedForm, MemberForm, StandingForm
from daihoi.personnel.models import CandidateList, Person
from daihoi.personnel.queries import adoption_blockers, flagged_people, people_for, search
from daihoi.personnel.views.common import back_to, breadcrumbs, page, refused, write

SEARCH_SHOWN = 30


def _context(request: HttpRequest, cl: CandidateList) -> dict[str, Any]:
    congress = cl.congress
    members = list(cl.members.select_related("person", "person__organisation"))
    on_list = {m.person_id for m in members}
    query = request.GET.get("q", "")
    candidates = (
        search(people_for(congress), query)
        .exclude(pk__in=on_list)
        .select_related("organisation")
        .order_by("search_name")[:SEARCH_SHOWN]
    )
    flagged = flagged_people(congress)
    return {
        "cl": cl,
        "congress": congress,
        "org": congress.organisation,
        "breadcrumbs": breadcrumbs(request, congress.organisation),
        "members": [(m, flagged.get(m.person_id, [])) for m in members],
        "check": check_list(cl),
        "blockers": adoption_blockers(cl),
        "query": query,
        "candidates": candidates,
        "flagged": flagged,
        "can_write": access.may_write(request.user, congress.organisation),
    }


@page
def candidate_list(request: HttpRequest, pk: int) -> HttpResponse:
    cl = access.list_for_user(request.user, pk)
    context = _context(request, cl)
    access.record_read(
        scope.acting_user(request),
        cl.congress.organisation,
        "list",
        target=f"list:{cl.pk}",
        query={"q": context["query"]},
        people=[m.person_id for m, _flags in context["members"]]
        + [p.pk for p in context["candidates"]],
    )
    return render(request, "personnel/list.html", context)


def _person(cl: CandidateList, person: int) -> Person:
    # Only the congress's own people: an id from elsewhere is not found.
    return get_object_or_404(people_for(cl.congress), pk=person)


def _back(request: HttpRequest, cl: CandidateList) -> HttpResponse:
    return back_to("personnel_list", request.POST.get("q", ""), pk=cl.pk)


@write
def list_add(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    cl = access.list_for_user(request.user, pk, write=True)
    who = _person(cl, person)
    form = MemberForm(request.POST)
    form.is_valid()  # a box: ticked or not, never invalid
    try:
        do_add_to_list(
            cl,
            who,
            standing=form.cleaned_data.get("standing", False),
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        refused(request, exc)
    return _back(request, cl)


@write
def list_remove(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    cl = access.list_for_user(request.user, pk, write=True)
    who = _person(cl, person)
    try:
        do_remove_from_list(cl, who, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Đã bỏ %(n)s khỏi danh sách.") % {"n": who.full_name})
    return _back(request, cl)


@write
def list_standing(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    cl = access.list_for_user(request.user, pk, write=True)
    who = _person(cl, person)
    form = StandingForm(request.POST)
    form.is_valid()
    try:
        do_set_standing(
            cl,
            who,
            form.cleaned_data.get("standing", False),
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        refused(request, exc)
    return _back(request, cl)


@write
def list_elected(request: HttpRequest, pk: int) -> HttpResponse:
    cl = access.list_for_user(request.user, pk, write=True)
    form = ElectedForm(request.POST)
    form.is_valid()
    try:
        n = do_record_elected_from_list(
            cl, form.cleaned_data.get("elected", []), acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Đã ghi %(n)s người trúng cử.") % {"n": n})
    return _back(request, cl)


@write
def list_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    cl = access.list_for_user(request.user, pk, write=True)
    try:
        do_adopt_list(cl, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Đã thông qua danh sách."))
    return _back(request, cl)
