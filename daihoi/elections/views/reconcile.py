"""Reconciliation: papers whose entries differ, the board's ruling on one, a reading voided."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.core.errors import ActionRefused
from daihoi.elections import access, queries
from daihoi.elections.actions.entries import do_key_ballot, do_void_entry
from daihoi.elections.forms import (
    KeyingError,
    RulingForm,
    VoidEntryForm,
    form_errors,
    parse_ruling,
    reading_text,
)
from daihoi.elections.models import Election, ElectionState
from daihoi.elections.views.common import base_context
from daihoi.elections.views.desk import key_from
from daihoi.lib import electionrecord as record
from daihoi.orgs import scope


def _reconciling(request: HttpRequest, pk: int) -> Election:
    election = access.get_election_for_user(request.user, pk)
    if not access.may_reconcile(request.user, election):
        raise PermissionDenied(_("Chỉ ban kiểm phiếu và ban tổ chức xem được trang đối chiếu."))
    return election


def _page(
    request: HttpRequest,
    election: Election,
    *,
    void_form: VoidEntryForm | None = None,
    refused: list[str] | None = None,
    ruled: tuple[int, str] | None = None,
) -> HttpResponse:
    state = queries.reconciliation(election)
    context = base_context(request, election) | {
        "rows": queries.disagreements(state),
        "team_numbers": range(1, election.teams + 1),
        "incomplete": sorted(state.incomplete.items()),
        "counts": queries.keyed_counts(election),
        "rulings": len([e for e in state.final.values() if e.team == record.RULING_TEAM]),
        "blockers": queries.blockers(election, ElectionState.RECONCILED),
        "candidates": election.candidates.all(),
        "key": uuid.uuid4().hex,
        "void_form": void_form or VoidEntryForm(auto_id="id_void_%s"),
        "refused": refused or [],
        # The disputed paper and the line the board typed, kept when its ruling is refused.
        "ruled": ruled,
        "target": ElectionState.RECONCILED,
    }
    return render(request, "elections/reconcile.html", context, status=400 if refused else 200)


@login_required
@require_GET
def election_reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    """Show every paper whose entries differ; the board records its reading of each."""
    return _page(request, _reconciling(request, pk))


@login_required
@require_POST
def election_rule(request: HttpRequest, pk: int) -> HttpResponse:
    """The board's reading of one disputed paper, an entry of team 0 in the chain."""
    election = _reconciling(request, pk)
    form = RulingForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(form_errors(form), ["bad_form"])
        reading = parse_ruling(
            form.cleaned_data["serial"], form.cleaned_data["line"], election.candidates.count()
        )
        do_key_ballot(
            election,
            team=record.RULING_TEAM,
            serial=reading.serial,
            crossed=reading.crossed,
            void_lines=reading.void_lines,
            flags=reading.flags,
            acting_user=scope.acting_user(request),
            idempotency_key=key_from(form),
        )
    except (KeyingError, ActionRefused) as exc:
        reasons = exc.messages if isinstance(exc, KeyingError) else exc.reasons
        ruled = (form.cleaned_data.get("serial") or 0, request.POST.get("line", ""))
        return _page(request, election, refused=reasons, ruled=ruled)
    text = reading_text(reading.crossed, reading.void_lines, reading.flags) or "—"
    messages.success(
        request,
        _("Phiếu %(serial)s: đã ghi quyết định của ban kiểm phiếu «%(text)s».")
        % {"serial": reading.serial, "text": text},
    )
    return redirect("election_reconcile", pk=election.pk)


@login_required
@require_POST
def election_void_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """The board strikes one team's reading of a paper (or its own ruling), with a reason."""
    election = access.get_election_for_user(request.user, pk)
    form = VoidEntryForm(request.POST, auto_id="id_void_%s")
    try:
        if not form.is_valid():
            raise ActionRefused(form_errors(form), ["bad_form"])
        do_void_entry(
            election,
            serial=form.cleaned_data["serial"],
            team=form.cleaned_data["team"],
            reason=form.cleaned_data["reason"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        if not access.may_reconcile(request.user, election):
            # A typist who posted it anyway reads the refusal on a page they may open.
            for reason in exc.reasons:
                messages.error(request, reason)
            return redirect("election_detail", pk=election.pk)
        return _page(request, election, void_form=form, refused=exc.reasons)
    messages.success(
        request,
        _("Phiếu %(serial)s: đã hủy lượt nhập của tổ %(team)s; tổ đó nhập lại phiếu này.")
        % {"serial": form.cleaned_data["serial"], "team": form.cleaned_data["team"]},
    )
    return redirect("election_reconcile", pk=election.pk)
