"""Writes to an item's list of speakers: added, marked as having spoken, moved, removed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs.scope import acting_user
from daihoi.proceedings import access
from daihoi.proceedings.actions import speakers as actions
from daihoi.proceedings.forms import ConfirmForm, DayForm, MoveForm, SpeakerForm, SpokenForm
from daihoi.proceedings.models import Speaker
from daihoi.proceedings.views.common import item_for, speaker_for, status_of
from daihoi.proceedings.views.pages import render_item


def _to_item(campaign: str, code: str, pk: int) -> HttpResponse:
    return redirect("proceedings_item", campaign=campaign, code=code, pk=pk)


def _again(
    request: HttpRequest, congress: Congress, speaker: Speaker, form: DayForm
) -> HttpResponse:
    """The item's page again, the refusal on the speaker's row."""
    return render_item(
        request, congress, speaker.item, status=status_of(form), speaker=(speaker.pk, form)
    )


@login_required
@require_POST
def add_speaker(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    item = item_for(congress, pk)
    form = SpeakerForm(request.POST, auto_id="speaker-%s")
    if form.is_valid():
        try:
            speaker = actions.do_add_speaker(
                item, **form.cleaned_data, acting_user=acting_user(request)
            )
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            done = {"name": speaker.full_name}
            messages.success(request, _("Đã thêm «%(name)s» vào danh sách phát biểu.") % done)
            return _to_item(campaign, code, pk)
    return render_item(request, congress, item, status=status_of(form), speaker_form=form)


@login_required
@require_POST
def mark_spoken(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    speaker = speaker_for(congress, pk)
    form = SpokenForm(request.POST)
    if form.is_valid():
        spoken = form.cleaned_data["spoken"]
        try:
            actions.do_mark_spoken(speaker, spoken=spoken, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã cập nhật «%(name)s».") % {"name": speaker.full_name})
            return _to_item(campaign, code, speaker.item_id)
    return _again(request, congress, speaker, form)


@login_required
@require_POST
def move_speaker(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    speaker = speaker_for(congress, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            actions.do_move_speaker(speaker, step=form.step, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            messages.success(request, _("Đã chuyển «%(name)s».") % {"name": speaker.full_name})
            return _to_item(campaign, code, speaker.item_id)
    return _again(request, congress, speaker, form)


@login_required
@require_POST
def remove_speaker(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    speaker = speaker_for(congress, pk)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            actions.do_remove_speaker(speaker, acting_user=acting_user(request))
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            done = {"name": speaker.full_name}
            messages.success(request, _("Đã xóa «%(name)s» khỏi danh sách phát biểu.") % done)
            return _to_item(campaign, code, speaker.item_id)
    return _again(request, congress, speaker, form)
