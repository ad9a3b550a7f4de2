"""Writes of the show of hands: a vote recorded on an item, a mistyped figure corrected."""

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
from daihoi.proceedings.actions import votes as actions
from daihoi.proceedings.forms import PRESIDIUM, CorrectVoteForm, VoteForm
from daihoi.proceedings.models import AgendaItem, ItemState, ShowOfHands
from daihoi.proceedings.views.common import item_for, status_of, vote_for
from daihoi.proceedings.views.pages import render_item, render_presidium


def _figures(vote: ShowOfHands) -> dict[str, object]:
    verdict = _("được thông qua") if vote.adopted else _("không được thông qua")
    return {"motion": vote.motion, "agree": vote.agree, "present": vote.present, "verdict": verdict}


def _on_presidium(form: VoteForm, item: AgendaItem) -> bool:
    """Whether the form was sent from the presidium's page about the item under way there."""
    back = form.cleaned_data.get("back") if hasattr(form, "cleaned_data") else ""
    return back == PRESIDIUM and item.state == ItemState.CURRENT


def _back(form: VoteForm, congress: Congress, item: AgendaItem) -> HttpResponse:
    kwargs = {"campaign": congress.campaign.slug, "code": congress.organisation.code}
    if _on_presidium(form, item):
        return redirect("proceedings_presidium", **kwargs)
    return redirect("proceedings_item", pk=item.pk, **kwargs)


@login_required
@require_POST
def record_vote(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    item = item_for(congress, pk)
    form = VoteForm(request.POST, auto_id=f"vote-{item.pk}-%s")
    if form.is_valid():
        motion = form.cleaned_data["motion"]
        try:
            vote = actions.do_record_vote(
                item, **form.counts, motion=motion, acting_user=acting_user(request)
            )
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            text = _(
                "Đã ghi biểu quyết «%(motion)s»: tán thành %(agree)s/%(present)s có mặt — "
                "%(verdict)s."
            )
            messages.success(request, text % _figures(vote))
            return _back(form, congress, item)
    if _on_presidium(form, item):
        return render_presidium(request, congress, status=status_of(form), vote=form)
    return render_item(request, congress, item, status=status_of(form), vote=form)


@login_required
@require_POST
def correct_vote(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = access.congress_to_run(request.user, campaign, code)
    vote = vote_for(congress, pk)
    form = CorrectVoteForm(request.POST, auto_id=f"correct-{vote.pk}-%s")
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            vote = actions.do_correct_vote(
                vote, **form.counts, reason=reason, acting_user=acting_user(request)
            )
        except ActionRefused as exc:
            form.refuse(exc)
        else:
            text = _(
                "Đã sửa biểu quyết «%(motion)s»: tán thành %(agree)s/%(present)s có mặt — "
                "%(verdict)s."
            )
            messages.success(request, text % _figures(vote))
            return _back(form, congress, vote.item)
    corrections = {vote.pk: form}
    if _on_presidium(form, vote.item):
        return render_presidium(request, congress, status=status_of(form), corrections=corrections)
    item = vote.item
    return render_item(request, congress, item, status=status_of(form), corrections=corrections)
