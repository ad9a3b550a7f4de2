"""What the count shows: the entry log, the result, the hall's screen."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daihoi.elections import access, chain, queries
from daihoi.elections.forms import FLAG_LABELS, reading_text
from daihoi.elections.models import BallotEntry, ElectionState, EntryAction
from daihoi.elections.views.common import base_context

S = ElectionState


@login_required
@require_GET
def election_log(request: HttpRequest, pk: int) -> HttpResponse:
    """Every entry in the order keyed, corrections and rulings included: printed and archived."""
    election = access.get_election_for_user(request.user, pk)
    rows = [
        {
            "entry": entry,
            "reading": reading_text(entry.crossed, entry.void_lines, entry.flags),
            "flags": [str(FLAG_LABELS.get(f, f)) for f in entry.flags],
            "correction": entry.action == EntryAction.CORRECT,
            "ruling": entry.action == EntryAction.RULE,
        }
        for entry in BallotEntry.objects.filter(election=election).order_by("seq")
    ]
    context = base_context(request, election) | {
        "rows": rows,
        "header_hash": chain.start_hash(election),
        "head": queries.shown_head(election),
    }
    return render(request, "elections/log.html", context)


@login_required
@require_GET
def election_results(request: HttpRequest, pk: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, pk)
    result = queries.result_of(election)
    reconciled = election.state == S.RECONCILED
    context = base_context(request, election) | {
        "announced": election.state in (S.ANNOUNCED, S.SEALED),
        "chain_head": queries.shown_head(election),
        "next_state": S(S.ANNOUNCED).label if reconciled else None,
        "next_target": S.ANNOUNCED if reconciled else None,
        "blockers": queries.blockers(election, S.ANNOUNCED) if reconciled else [],
    }
    if result is not None:
        context |= queries.result_view(result)
    return render(request, "elections/results.html", context)


@login_required
@require_GET
def election_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The hall's projector: the state, the count while keying, the result once announced."""
    election = access.get_election_for_user(request.user, pk)
    outcome = election.outcome if election.state in (S.ANNOUNCED, S.SEALED) else None
    context: dict[str, Any] = {
        "election": election,
        "org": election.congress.organisation,
        "counts": queries.keyed_counts(election),
        "announced": outcome is not None,
    }
    if outcome is not None:
        context |= queries.result_view(outcome)
    return render(request, "elections/screen.html", context)
