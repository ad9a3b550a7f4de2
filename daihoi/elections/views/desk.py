"""The counting desk: a team keys one line per paper; Enter sends it (desk.js, or a plain form)."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.core.errors import ActionRefused
from daihoi.elections import access, queries
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.forms import KeyForm, KeyingError, form_errors, parse_keyed_line, reading_text
from daihoi.elections.models import BallotEntry, Election, ElectionState, EntryAction
from daihoi.elections.views.common import base_context
from daihoi.orgs import scope

_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def key_from(form: forms.Form) -> str:
    """The client's idempotency key, or a fresh one when none is sent.

    A key that is sent but malformed is refused rather than replaced: a desk
    resending it would otherwise lose its protection against double entry.
    """
    key = form.cleaned_data.get("key") or ""
    if not key:
        return uuid.uuid4().hex
    if not _KEY.match(key):
        raise ActionRefused(
            [_("Mã gửi lại «%(key)s» không hợp lệ.") % {"key": key[:70]}], ["bad_key"]
        )
    return key


def _desk_election(request: HttpRequest, pk: int, team: int) -> Election:
    election = access.get_election_for_user(request.user, pk)
    if not access.keys_for(access.board_member(request.user, election), team):
        raise PermissionDenied(_("Bạn không thuộc tổ nhập phiếu này."))
    return election


def _desk_page(
    request: HttpRequest, election: Election, team: int, *, line: str = "", **extra: Any
) -> HttpResponse:
    errors = extra.get("errors", [])
    context = (
        base_context(request, election)
        | queries.desk_state(election, team)
        | {
            "team": team,
            "candidates": election.candidates.all(),
            "no_surplus": election.no_surplus,
            "errors": errors,
            "line": line,
            "key": uuid.uuid4().hex,
            "counting": election.state == ElectionState.COUNTING,
            "correction": extra.get("correction", False),
        }
    )
    return render(request, "elections/desk.html", context, status=400 if errors else 200)


@login_required
@require_GET
def election_desk(request: HttpRequest, pk: int, team: int) -> HttpResponse:
    return _desk_page(request, _desk_election(request, pk, team), team)


def _done(entry: BallotEntry) -> str:
    text = reading_text(entry.crossed, entry.void_lines, entry.flags) or _("không gạch")
    if entry.action == EntryAction.UNREADABLE:
        return _("Phiếu %(serial)s: đã ghi tổ không đọc được; ban kiểm phiếu sẽ xem lại.") % {
            "serial": entry.serial
        }
    if entry.action == EntryAction.CORRECT:
        return _("Phiếu %(serial)s: đã sửa thành «%(text)s» (lượt cũ vẫn lưu trong nhật ký).") % {
            "serial": entry.serial,
            "text": text,
        }
    return _("Phiếu %(serial)s: đã ghi «%(text)s».") % {"serial": entry.serial, "text": text}


def _key(request: HttpRequest, election: Election, team: int, form: KeyForm) -> BallotEntry:
    if not form.is_valid():
        raise ActionRefused(form_errors(form), ["bad_form"])
    reading = parse_keyed_line(form.cleaned_data["line"], election.candidates.count())
    return do_key_ballot(
        election,
        team=team,
        serial=reading.serial,
        crossed=reading.crossed,
        void_lines=reading.void_lines,
        flags=reading.flags,
        correction=form.cleaned_data["correction"],
        unreadable=form.cleaned_data["unreadable"],
        acting_user=scope.acting_user(request),
        idempotency_key=key_from(form),
    )


def _json(
    request: HttpRequest, election: Election, team: int, entry: Any, errors: list[str]
) -> JsonResponse:
    state = queries.desk_state(election, team)
    return JsonResponse(
        {
            "ok": not errors,
            "message": _done(entry) if entry is not None else "",
            "errors": errors,
            # What was recorded: a desk matches the acknowledgement to the line it
            # sent (same key), and a resend gets the same seq back.
            "key": entry.idempotency_key if entry is not None else None,
            "seq": entry.seq if entry is not None else None,
            "serial": entry.serial if entry is not None else None,
            "keyed": state["keyed"],
            "recent": render_to_string(
                "elections/_desk_recent.html", state | {"election": election}, request
            ),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def election_key(request: HttpRequest, pk: int, team: int) -> HttpResponse:
    """Record one paper's reading for the team; answer JSON to the desk's script."""
    election = _desk_election(request, pk, team)
    form = KeyForm(request.POST)
    entry: BallotEntry | None = None
    try:
        entry = _key(request, election, team, form)
    except KeyingError as exc:
        errors = exc.messages
    except ActionRefused as exc:
        errors = exc.reasons
    else:
        errors = []
    if "application/json" in request.headers.get("Accept", ""):
        return _json(request, election, team, entry, errors)
    if entry is None:
        line, correction = request.POST.get("line", ""), form.cleaned_data.get("correction")
        return _desk_page(request, election, team, line=line, errors=errors, correction=correction)
    messages.success(request, _done(entry))
    return redirect("election_desk", pk=election.pk, team=team)
