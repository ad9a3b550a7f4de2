"""Writes to the programme: the default one, an item added, marked, moved, removed, edited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.core.errors import ActionRefused
from daihoi.orgs.scope import acting_user
from daihoi.proceedings import access
from daihoi.proceedings.actions import programme as actions
from daihoi.proceedings.forms import (
    AddItemForm,
    ConfirmForm,
    EditItemForm,
    ItemStateForm,
    MoveForm,
)
from daihoi.proceedings.models import ItemState
from daihoi.proceedings.views.common import item_for, status_of
from daihoi.proceedings.views.pages import render_item, render_presidium


def _to_presidium(campaign: str, code: str) -> HttpResponse:
    return redirect("proceedings_presidium", campaign=campaign, code=code)


@login_required
@require_POST
def create_default(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            n = actions.do_create_default_programme(congress, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã tạo chương trình mặc định gồm %(n)s mục.") % {"n": n})
            return _to_presidium(campaign, code)
    for error in form.non_field_errors():
        messages.error(request, str(error))
    return render_presidium(request, congress, status=status_of(form))


@login_required
@require_POST
def add_item(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    form = AddItemForm(request.POST, auto_id="add-%s")
    if form.is_valid():
        try:
            item = actions.do_add_item(
                congress, **form.cleaned_data, acting_user=acting_user(request)
            )
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã thêm mục «%(title)s».") % {"title": item.title})
            return _to_presidium(campaign, code)
    return render_presidium(request, congress, status=status_of(form), add_form=form)


@login_required
@require_POST
def set_state(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    item = item_for(congress, pk)
    form = ItemStateForm(request.POST)
    if form.is_valid():
        state = form.cleaned_data["state"]
        try:
            actions.do_set_item_state(item, state, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            done = {"title": item.title, "state": ItemState(state).label}
            messages.success(request, _("Mục «%(title)s»: %(state)s.") % done)
            return _to_presidium(campaign, code)
    return render_presidium(request, congress, status=status_of(form), row=(item.pk, form))


@login_required
@require_POST
def move_item(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    item = item_for(congress, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            actions.do_move_item(item, step=form.step, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã chuyển mục «%(title)s».") % {"title": item.title})
            return _to_presidium(campaign, code)
    return render_presidium(request, congress, status=status_of(form), row=(item.pk, form))


@login_required
@require_POST
def remove_item(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    item = item_for(congress, pk)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            actions.do_remove_item(item, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã xóa mục «%(title)s».") % {"title": item.title})
            return _to_presidium(campaign, code)
    return render_presidium(request, congress, status=status_of(form), row=(item.pk, form))


@login_required
@require_POST
def edit_item(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    item = item_for(congress, pk)
    form = EditItemForm(request.POST, auto_id="edit-%s")
    if form.is_valid():
        try:
            actions.do_edit_item(item, **form.cleaned_data, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã lưu mục."))
            return redirect("proceedings_item", campaign=campaign, code=code, pk=pk)
    return render_item(request, congress, item, status=status_of(form), edit_form=form)
