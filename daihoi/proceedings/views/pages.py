"""The two pages the day's forms live on, drawn with any form a refused write sends back.

A write that fails re-renders its page with its own form bound (the values typed,
the errors next to the fields) and every other form fresh, so a refusal never
blanks the rest of the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.shortcuts import render

from daihoi.proceedings import queries
from daihoi.proceedings.forms import (
    ITEM,
    PRESIDIUM,
    AddItemForm,
    CorrectVoteForm,
    DayForm,
    EditItemForm,
    SpeakerForm,
    VoteForm,
)
from daihoi.proceedings.hall import hall
from daihoi.proceedings.models import AgendaItem, ItemState, SessionKind, ShowOfHands
from daihoi.proceedings.views.common import frame

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from daihoi.campaigns.models import Congress


def vote_form(item: AgendaItem, back: str) -> VoteForm:
    return VoteForm(
        initial={"motion": item.title, "disagree": 0, "abstain": 0, "back": back},
        auto_id=f"vote-{item.pk}-%s",
    )


def correct_form(vote: ShowOfHands, back: str) -> CorrectVoteForm:
    initial = {"agree": vote.agree, "disagree": vote.disagree, "abstain": vote.abstain}
    return CorrectVoteForm(initial=initial | {"back": back}, auto_id=f"correct-{vote.pk}-%s")


def vote_rows(
    votes: list[ShowOfHands], bound: dict[int, CorrectVoteForm], back: str
) -> list[dict[str, Any]]:
    """Each vote for display, with its correction form (the bound one if it was refused)."""
    return [
        queries.vote_view(v) | {"form": bound.get(v.pk) or correct_form(v, back)} for v in votes
    ]


def errors_of(form: DayForm) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


def render_presidium(
    request: HttpRequest,
    congress: Congress,
    *,
    status: int = 200,
    add_form: AddItemForm | None = None,
    vote: VoteForm | None = None,
    corrections: dict[int, CorrectVoteForm] | None = None,
    row: tuple[int, DayForm] | None = None,
) -> HttpResponse:
    """The programme with its controls, the live quorum and the vote of the item under way."""
    rows = queries.programme_rows(congress)
    if row is not None:
        for r in rows:
            if r["item"].pk == row[0]:
                r["errors"] = errors_of(row[1])
    found = next((r for r in rows if r["item"].state == ItemState.CURRENT), None)
    current: AgendaItem | None = found["item"] if found else None
    context = frame(request, congress) | {
        "sessions": [
            (label, [r for r in rows if r["item"].session == value])
            for value, label in SessionKind.choices
        ],
        "current": current,
        "current_votes": vote_rows(found["votes"], corrections or {}, PRESIDIUM) if found else [],
        "vote_form": vote or (vote_form(current, PRESIDIUM) if current else None),
        "add_form": add_form or AddItemForm(auto_id="add-%s"),
        "hall": hall(congress),
    }
    return render(request, "proceedings/presidium.html", context, status=status)


def render_item(
    request: HttpRequest,
    congress: Congress,
    item: AgendaItem,
    *,
    status: int = 200,
    speaker_form: SpeakerForm | None = None,
    edit_form: EditItemForm | None = None,
    vote: VoteForm | None = None,
    corrections: dict[int, CorrectVoteForm] | None = None,
    speaker: tuple[int, DayForm] | None = None,
) -> HttpResponse:
    """One item: its speakers, its votes with the hall's quorum, its wording and rule."""
    speakers = list(item.speakers.all())
    errors = {speaker[0]: errors_of(speaker[1])} if speaker else {}
    votes = list(item.votes.order_by("recorded_at", "pk"))
    context = frame(request, congress) | {
        "item": item,
        "speakers": [{"speaker": s, "errors": errors.get(s.pk)} for s in speakers],
        "votes": vote_rows(votes, corrections or {}, ITEM),
        "elections": queries.elections_of_item(congress, item),
        "vote_form": vote or vote_form(item, ITEM),
        "speaker_form": speaker_form or SpeakerForm(auto_id="speaker-%s"),
        "edit_form": edit_form
        or EditItemForm(
            initial={"title": item.title, "vote_rule": item.vote_rule}, auto_id="edit-%s"
        ),
        "hall": hall(congress),
    }
    return render(request, "proceedings/item.html", context, status=status)
