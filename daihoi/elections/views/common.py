"""What the election pages share: the page's frame, and the overview shown again on a refusal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from daihoi.core.errors import ActionRefused
from daihoi.core.steps import timeline
from daihoi.elections import access, queries
from daihoi.elections.docx_common import MINUTES_STATES
from daihoi.elections.forms import (
    BallotCountsForm,
    BaseForm,
    BoardMemberForm,
    CandidatesForm,
    FloorNominationForm,
    NextRoundForm,
)
from daihoi.elections.models import Candidate, Election, ElectionState
from daihoi.orgs import scope, tree

S = ElectionState


def base_context(request: HttpRequest, election: Election) -> dict[str, Any]:
    org = election.congress.organisation
    member = access.board_member(request.user, election)
    return {
        "election": election,
        "org": org,
        "congress": election.congress,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "can_manage": access.can_manage(request.user, election),
        "may_rule": access.decides(member),
        "member": member,
        "minutes_url": _minutes_url(election),
    }


def _minutes_url(election: Election) -> str | None:
    """The minutes DOCX once it can be written (before, the download answers 409)."""
    if election.state not in MINUTES_STATES or election.base is None:
        return None
    return reverse("election_minutes_docx", kwargs={"pk": election.pk})


def _ballots_url(election: Election, candidates: list[Candidate]) -> str | None:
    """The printable ballots once there is a list and a number of ballots to print."""
    if not candidates or not election.ballots_issued:
        return None
    return reverse("election_ballots_docx", kwargs={"pk": election.pk})


def _forms(election: Election) -> dict[str, forms.Form]:
    """Each write's form as the page first offers it."""
    return {
        "candidates_form": CandidatesForm(
            initial={"names": "\n".join(queries.names(election))}, auto_id="id_list_%s"
        ),
        "floor_form": FloorNominationForm(auto_id="id_floor_%s"),
        "board_form": BoardMemberForm(auto_id="id_board_%s", election=election),
        "base_form": BaseForm(initial={"base": election.base}, auto_id="id_base_%s"),
        "counts_form": BallotCountsForm(
            initial={"issued": election.ballots_issued, "collected": election.ballots_collected},
            auto_id="id_counts_%s",
        ),
        "next_round_form": NextRoundForm(auto_id="id_round_%s"),
    }


def focus_first_error(form: forms.Form) -> None:
    """Put the cursor in the first field the user has to correct."""
    for name in form.fields:
        if name in form.errors:
            form.fields[name].widget.attrs["autofocus"] = True
            return


def _open_forms(request: HttpRequest, election: Election) -> dict[str, bool]:
    """Which of the overview's forms the page offers now, to this user."""
    manage = access.can_manage(request.user, election)
    head = access.is_head(access.board_member(request.user, election))
    before_counting = election.state in (S.DRAFT, S.LIST_ADOPTED, S.BALLOTS_ISSUED)
    return {
        "editing_list": election.state == S.DRAFT,
        "board_open": (manage and before_counting) or (election.state == S.COUNTING and head),
        "board_removable": manage and before_counting,
        "counts_open": election.state in (S.LIST_ADOPTED, S.BALLOTS_ISSUED),
        "base_open": before_counting,
        "next_round_needed": queries.needs_next_round(election),
    }


def _refused_at(name: str, manage: bool, open_forms: dict[str, bool]) -> str:
    """Where the page shows a refusal: beside its form, or at the top when the form is closed."""
    shown = {
        "transition": True,
        "candidates": manage and open_forms["editing_list"],
        "floor": manage and open_forms["editing_list"],
        "next_round": manage and open_forms["next_round_needed"],
        "board": open_forms["board_open"],
        "base": manage and open_forms["base_open"],
        "counts": manage and open_forms["counts_open"],
    }
    where = name.removesuffix("_form")
    return where if shown.get(where) else "page"


def detail_page(
    request: HttpRequest,
    election: Election,
    *,
    name: str = "",
    form: forms.Form | None = None,
    refused: ActionRefused | None = None,
) -> HttpResponse:
    """The election's overview; after a failed write, that form as typed with its reasons.

    `name` is the form's key in the page (e.g. "board_form"); every other form is
    shown as it first is, so a refusal never blanks the rest of the page.
    """
    if form is not None:
        focus_first_error(form)
    target = queries.NEXT.get(election.state)
    candidates = list(election.candidates.all())
    open_forms = _open_forms(request, election)
    context = base_context(request, election) | _forms(election) | open_forms
    if form is not None:
        context[name] = form
    context |= {
        "states": timeline(election, S, queries.STAMP),
        "candidates": candidates,
        "ballots_url": _ballots_url(election, candidates),
        "board": election.board.select_related("user").order_by("team", "role", "user__username"),
        "counts": queries.keyed_counts(election),
        "next_state": S(target).label if target else None,
        "next_target": target,
        "blockers": queries.blockers(election, target) if target else [],
        "outcome": election.outcome,
        "teams": range(1, election.teams + 1),
        "refused": refused.reasons if refused is not None else [],
        "refused_at": _refused_at(name, context["can_manage"], open_forms) if refused else "",
    }
    failed = refused is not None or (form is not None and form.errors)
    return render(request, "elections/detail.html", context, status=400 if failed else 200)
