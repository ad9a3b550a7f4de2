"""Pages of an election: the overview, the counting desk, reconciliation, the log, results."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts.models import User
from daihoi.campaigns.access import get_congress_for_user
from daihoi.core.errors import ActionRefused
from daihoi.elections import actions, chain
from daihoi.elections.forms import (
    FLAG_LABELS,
    BallotCountsForm,
    BaseForm,
    BoardMemberForm,
    CandidatesForm,
    ElectionCreateForm,
    KeyingError,
    VoidEntryForm,
    form_errors,
    parse_keyed_line,
    parse_ruling,
    reading_text,
)
from daihoi.elections.models import (
    BallotEntry,
    BoardMember,
    BoardRole,
    Election,
    ElectionState,
    EntryAction,
)
from daihoi.lib import electionrecord as record
from daihoi.lib.tallyfiles import INVALID_REASONS
from daihoi.orgs import scope, tree
from daihoi.core.steps import timeline

S = ElectionState
RECENT_SHOWN = 12
_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_YES = ("1", "on", "true")
REASON_LABELS = {
    "not_issued": gettext_lazy("không do ban kiểm phiếu phát ra"),
    "more_than_seats": gettext_lazy("để lại nhiều tên hơn số lượng được bầu"),
    "all_crossed": gettext_lazy("gạch hết tên"),
    "written_in": gettext_lazy("ghi thêm tên"),
    "marked": gettext_lazy("có dấu hiệu riêng"),
}


def _election_for(request: HttpRequest, pk: int) -> Election:
    """Load an election the user may see: outside their subtree it does not exist."""
    election = get_object_or_404(
        Election.objects.select_related(
            "congress__organisation__structure",
            "congress__organisation__level",
            "congress__campaign",
        ),
        pk=pk,
    )
    org = election.congress.organisation
    scope.get_org_for_user(request.user, org.structure.code, org.code)
    return election


def _member(request: HttpRequest, election: Election) -> BoardMember | None:
    if not request.user.is_authenticated:
        return None
    return election.board.filter(user_id=request.user.pk).first()


def _may_rule(request: HttpRequest, election: Election) -> bool:
    """The head, or a member the board named for rulings (the action checks it again)."""
    member = _member(request, election)
    return member is not None and (
        member.role == BoardRole.HEAD or (member.role == BoardRole.MEMBER and member.may_rule)
    )


def _is_head(request: HttpRequest, election: Election) -> bool:
    member = _member(request, election)
    return member is not None and member.role == BoardRole.HEAD


def _on_board(request: HttpRequest, election: Election) -> bool:
    member = _member(request, election)
    return member is not None and member.role != BoardRole.TECHNICAL


def _can_manage(request: HttpRequest, election: Election) -> bool:
    return scope.can_write(request.user, election.congress.organisation)


def _base_context(request: HttpRequest, election: Election) -> dict[str, Any]:
    org = election.congress.organisation
    return {
        "election": election,
        "org": org,
        "congress": election.congress,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "can_manage": _can_manage(request, election),
        "may_rule": _may_rule(request, election),
        "member": _member(request, election),
        "minutes_url": _minutes_url(election),
    }


def _minutes_url(election: Election) -> str | None:
    """The minutes DOCX, where that page is installed."""
    try:
        return reverse("election_minutes_docx", kwargs={"pk": election.pk})
    except NoReverseMatch:
        return None


def _refusals(request: HttpRequest, exc: ActionRefused) -> None:
    for reason in exc.reasons:
        messages.error(request, reason)


def _percent(value: float | None) -> str:
    """Write a percentage of the result with a decimal comma, two places: 54,55%."""
    if value is None:
        return "–"
    return formats.number_format(Decimal(str(value)), decimal_pos=2, use_l10n=True) + "%"


# --- A congress's elections ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def election_list(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code)
    org = congress.organisation
    form = ElectionCreateForm(request.POST or None)
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ActionRefused([])
            election = actions.do_create_election(
                congress,
                form.cleaned_data["kind"],
                form.cleaned_data["seats"],
                title=form.cleaned_data["title"],
                teams=form.cleaned_data["teams"],
                acting_user=scope.acting_user(request),
            )
        except ActionRefused as exc:
            _refusals(request, exc)
        else:
            messages.success(request, _("Đã tạo cuộc bầu cử."))
            return redirect("election_detail", pk=election.pk)
    context = {
        "congress": congress,
        "org": org,
        "campaign": congress.campaign,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "elections": Election.objects.filter(congress=congress),
        "form": form,
        "can_manage": scope.can_write(request.user, org),
    }
    return render(request, "elections/list.html", context)


# --- Overview -----------------------------------------------------------------------


def _keyed_counts(election: Election) -> dict[str, int]:
    state = actions.reconciliation(election)
    return {
        "final": len(state.final),
        "disagreements": len(state.disagreements),
        "incomplete": len(state.incomplete),
        "same_person": len(state.same_person),
        "keyed": state.keyed,
    }


def _overview_post(request: HttpRequest, election: Election) -> str:
    """Run the overview's one action; return the message of success."""
    user = scope.acting_user(request)
    action = request.POST.get("action", "")
    form: Any
    if action == "candidates":
        form = CandidatesForm(request.POST)
        if form.is_valid():
            actions.do_set_candidates(election, form.full_names(), acting_user=user)
            return _("Đã lưu danh sách bầu cử.")
    elif action == "board":
        form = BoardMemberForm(request.POST)
        if form.is_valid():
            member = User.objects.filter(username=form.cleaned_data["username"].strip()).first()
            if member is None or not scope.can_see(member, election.congress.organisation):
                raise ActionRefused(
                    [
                        _("Không có tài khoản «%(name)s» thuộc tổ chức này.")
                        % {"name": form.cleaned_data["username"]}
                    ]
                )
            actions.do_add_board_member(
                election,
                member,
                role=form.cleaned_data["role"],
                team=form.cleaned_data["team"],
                may_rule=form.cleaned_data["may_rule"],
                reason=form.cleaned_data["reason"],
                acting_user=user,
            )
            return _("Đã cập nhật ban kiểm phiếu.")
    elif action == "base":
        form = BaseForm(request.POST)
        if form.is_valid():
            actions.do_set_base(election, base=form.cleaned_data["base"], acting_user=user)
            return _("Đã ghi cơ sở tính kết quả.")
    elif action == "counts":
        form = BallotCountsForm(request.POST)
        if form.is_valid():
            actions.do_record_ballot_counts(
                election,
                issued=form.cleaned_data["issued"],
                collected=form.cleaned_data["collected"],
                acting_user=user,
            )
            return _("Đã ghi số phiếu.")
    elif action == "floor":
        agree, present = request.POST.get("agree", ""), request.POST.get("present", "")
        if not (agree.isdigit() and present.isdigit()):
            raise ActionRefused([_("Số đồng ý và số có mặt phải là số nguyên.")])
        entered = actions.do_record_floor_nomination(
            election,
            request.POST.get("full_name", ""),
            agree=int(agree),
            present=int(present),
            acting_user=user,
        )
        if entered:
            return _("Đã đưa người được đề cử vào danh sách (trên 30% đồng ý).")
        return _("Không đủ trên 30% đại biểu có mặt đồng ý: không đưa vào danh sách.")
    elif action == "next_round":
        listed = [n.strip() for n in request.POST.get("names", "").splitlines() if n.strip()]
        following = actions.do_open_next_round(
            election, full_names=listed or None, acting_user=user
        )
        return _("Đã mở %(title)s.") % {"title": following.title}
    elif action == "transition":
        target = actions.NEXT.get(election.state)
        if target is None:
            raise ActionRefused([_("Cuộc bầu cử đã ở bước cuối.")])
        actions.do_transition_election(election, target, acting_user=user)
        return _("Đã chuyển sang «%(state)s».") % {"state": S(target).label}
    else:
        raise ActionRefused([_("Thao tác không hợp lệ.")])
    raise ActionRefused(form_errors(form))


@login_required
@require_http_methods(["GET", "POST"])
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = _election_for(request, pk)
    if request.method == "POST":
        try:
            done = _overview_post(request, election)
        except ActionRefused as exc:
            _refusals(request, exc)
        else:
            messages.success(request, done)
        return redirect("election_detail", pk=election.pk)
    target = actions.NEXT.get(election.state)
    context = _base_context(request, election) | {
        "states": timeline(election, S, actions.STAMP),
        "candidates": election.candidates.all(),
        "board": election.board.select_related("user").order_by("team", "role", "user__username"),
        "counts": _keyed_counts(election),
        "next_state": S(target).label if target else None,
        "blockers": actions.blockers(election, target) if target else [],
        "next_round_needed": bool(
            election.result
            and (election.result["tied"] or election.result["seats_left"])
            and not election.next_rounds.exists()
        ),
        "candidates_form": CandidatesForm(
            initial={"names": "\n".join(actions.names(election))}, auto_id="id_list_%s"
        ),
        "board_form": BoardMemberForm(auto_id="id_board_%s"),
        "base_form": BaseForm(initial={"base": election.base}, auto_id="id_base_%s"),
        "counts_form": BallotCountsForm(
            initial={"issued": election.ballots_issued, "collected": election.ballots_collected},
            auto_id="id_counts_%s",
        ),
        "editing_list": election.state == S.DRAFT,
        "board_open": (
            _can_manage(request, election)
            and election.state in (S.DRAFT, S.LIST_ADOPTED, S.BALLOTS_ISSUED)
        )
        or (election.state == S.COUNTING and _is_head(request, election)),
        "counts_open": election.state in (S.LIST_ADOPTED, S.BALLOTS_ISSUED),
        "base_open": election.state in (S.DRAFT, S.LIST_ADOPTED, S.BALLOTS_ISSUED),
        "teams": range(1, election.teams + 1),
    }
    return render(request, "elections/detail.html", context)


# --- Counting desk ------------------------------------------------------------------


def _desk_state(election: Election, team: int) -> dict[str, Any]:
    recent = list(election.entries.filter(team=team).order_by("-seq")[:RECENT_SHOWN])
    return {
        "recent": [(e, reading_text(e.crossed, e.void_lines, e.flags)) for e in recent],
        "keyed": election.entries.filter(team=team).values("serial").distinct().count(),
        "collected": election.ballots_collected,
    }


def _key_from(request: HttpRequest) -> str:
    """The client's idempotency key, or a fresh one when none is sent.

    A key that is sent but malformed is refused rather than replaced: a desk
    resending it would otherwise lose its protection against double entry.
    """
    key = request.POST.get("key", "")
    if not key:
        return uuid.uuid4().hex
    if not _KEY.match(key):
        raise ActionRefused([_("Mã gửi lại «%(key)s» không hợp lệ.") % {"key": key[:70]}])
    return key


@login_required
@require_http_methods(["GET", "POST"])
def election_desk(request: HttpRequest, pk: int, team: int) -> HttpResponse:
    """Key ballots for one team: one line per paper, Enter sends it."""
    election = _election_for(request, pk)
    member = _member(request, election)
    if member is None or member.team != team or team < 1:
        raise PermissionDenied(_("Bạn không thuộc tổ nhập phiếu này."))
    wants_json = "application/json" in request.headers.get("Accept", "")
    errors: list[str] = []
    done = ""
    line = ""
    entry: BallotEntry | None = None
    correction = False
    if request.method == "POST":
        line = request.POST.get("line", "")
        correction = request.POST.get("correction") in _YES
        unreadable = request.POST.get("unreadable") in _YES
        key = ""
        try:
            key = _key_from(request)
            reading = parse_keyed_line(line, election.candidates.count())
            entry = actions.do_key_ballot(
                election,
                team=team,
                serial=reading.serial,
                crossed=reading.crossed,
                void_lines=reading.void_lines,
                flags=reading.flags,
                correction=correction,
                unreadable=unreadable,
                acting_user=scope.acting_user(request),
                idempotency_key=key,
            )
        except KeyingError as exc:
            errors = exc.messages
        except ActionRefused as exc:
            errors = exc.reasons
        else:
            text = reading_text(entry.crossed, entry.void_lines, entry.flags) or _("không gạch")
            if entry.action == EntryAction.UNREADABLE:
                done = _(
                    "Phiếu %(serial)s: đã ghi tổ không đọc được; ban kiểm phiếu sẽ xem lại."
                ) % {"serial": entry.serial}
            elif entry.action == EntryAction.CORRECT:
                done = _(
                    "Phiếu %(serial)s: đã sửa thành «%(text)s» (lượt cũ vẫn lưu trong nhật ký)."
                ) % {"serial": entry.serial, "text": text}
            else:
                done = _("Phiếu %(serial)s: đã ghi «%(text)s».") % {
                    "serial": entry.serial,
                    "text": text,
                }
            line = ""
        if wants_json:
            state = _desk_state(election, team)
            return JsonResponse(
                {
                    "ok": not errors,
                    "message": done,
                    "errors": errors,
                    # What was recorded: a desk matches the acknowledgement to the line
                    # it sent (same key), and a resend gets the same seq back.
                    "key": key if entry is not None else None,
                    "seq": entry.seq if entry is not None else None,
                    "serial": entry.serial if entry is not None else None,
                    "keyed": state["keyed"],
                    "recent": render_to_string(
                        "elections/_desk_recent.html", state | {"election": election}, request
                    ),
                },
                status=400 if errors else 200,
            )
        if not errors:
            messages.success(request, done)
            return redirect("election_desk", pk=election.pk, team=team)
    context = (
        _base_context(request, election)
        | _desk_state(election, team)
        | {
            "team": team,
            "candidates": election.candidates.all(),
            "no_surplus": election.no_surplus,
            "errors": errors,
            "line": line,
            "key": uuid.uuid4().hex,
            "counting": election.state == S.COUNTING,
            "correction": correction,
        }
    )
    return render(request, "elections/desk.html", context, status=400 if errors else 200)


# --- Reconciliation -----------------------------------------------------------------


def _side_by_side(
    election: Election, state: record.Reconciliation
) -> list[tuple[int, list[tuple[int, str, record.Entry]]]]:
    rows = []
    for serial, by_team in state.disagreements.items():
        readings = [
            (team, reading_text(e.crossed, e.void_lines, e.flags) or "—", e)
            for team, e in sorted(by_team.items())
        ]
        rows.append((serial, readings))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def election_reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    """Show every paper whose entries differ; the board records its reading of each."""
    election = _election_for(request, pk)
    if not _on_board(request, election) and not _can_manage(request, election):
        raise PermissionDenied(_("Chỉ ban kiểm phiếu và ban tổ chức xem được trang đối chiếu."))
    if request.method == "POST":
        user = scope.acting_user(request)
        try:
            if request.POST.get("action") == "reconcile":
                actions.do_transition_election(election, S.RECONCILED, acting_user=user)
                messages.success(request, _("Đã đối chiếu xong; kết quả đã có."))
                return redirect("election_results", pk=election.pk)
            serial_text = request.POST.get("serial", "")
            if not serial_text.isdigit():
                raise ActionRefused([_("Thiếu số phiếu.")])
            reading = parse_ruling(
                int(serial_text), request.POST.get("line", ""), election.candidates.count()
            )
            actions.do_key_ballot(
                election,
                team=record.RULING_TEAM,
                serial=reading.serial,
                crossed=reading.crossed,
                void_lines=reading.void_lines,
                flags=reading.flags,
                acting_user=user,
                idempotency_key=_key_from(request),
            )
            messages.success(
                request,
                _("Phiếu %(serial)s: đã ghi quyết định của ban kiểm phiếu «%(text)s».")
                % {
                    "serial": reading.serial,
                    "text": reading_text(reading.crossed, reading.void_lines, reading.flags) or "—",
                },
            )
        except KeyingError as exc:
            for message in exc.messages:
                messages.error(request, message)
        except ActionRefused as exc:
            _refusals(request, exc)
        return redirect("election_reconcile", pk=election.pk)
    state = actions.reconciliation(election)
    context = _base_context(request, election) | {
        "rows": _side_by_side(election, state),
        "team_numbers": range(1, election.teams + 1),
        "incomplete": sorted(state.incomplete.items()),
        "counts": _keyed_counts(election),
        "rulings": len([e for e in state.final.values() if e.team == record.RULING_TEAM]),
        "blockers": actions.blockers(election, S.RECONCILED),
        "candidates": election.candidates.all(),
        "key": uuid.uuid4().hex,
        "void_form": VoidEntryForm(auto_id="id_void_%s"),
    }
    return render(request, "elections/reconcile.html", context)


@login_required
@require_POST
def election_void_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """The board strikes one team's reading of a paper (or its own ruling), with a reason."""
    election = _election_for(request, pk)
    form = VoidEntryForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(form_errors(form))
        actions.do_void_entry(
            election,
            serial=form.cleaned_data["serial"],
            team=form.cleaned_data["team"],
            reason=form.cleaned_data["reason"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        _refusals(request, exc)
    else:
        messages.success(
            request,
            _("Phiếu %(serial)s: đã hủy lượt nhập của tổ %(team)s; tổ đó nhập lại phiếu này.")
            % {"serial": form.cleaned_data["serial"], "team": form.cleaned_data["team"]},
        )
    if not _on_board(request, election) and not _can_manage(request, election):
        # A typist who posted it anyway reads the refusal on a page they may open.
        return redirect("election_detail", pk=election.pk)
    return redirect("election_reconcile", pk=election.pk)


# --- Entry log ----------------------------------------------------------------------


@login_required
@require_GET
def election_log(request: HttpRequest, pk: int) -> HttpResponse:
    """Every entry in the order keyed, corrections and rulings included: printed and archived."""
    election = _election_for(request, pk)
    rows = []
    for entry in BallotEntry.objects.filter(election=election).order_by("seq"):
        rows.append(
            {
                "entry": entry,
                "reading": reading_text(entry.crossed, entry.void_lines, entry.flags),
                "flags": [str(FLAG_LABELS.get(f, f)) for f in entry.flags],
                "correction": entry.action == EntryAction.CORRECT,
                "ruling": entry.action == EntryAction.RULE,
            }
        )
    context = _base_context(request, election) | {
        "rows": rows,
        "header_hash": chain.start_hash(election),
        "head": _chain_head(election),
    }
    return render(request, "elections/log.html", context)


# --- Results ------------------------------------------------------------------------


def _result_of(election: Election) -> dict[str, Any] | None:
    """The stored result once announced; computed live once reconciled; else none."""
    if election.state in (S.ANNOUNCED, S.SEALED):
        return election.result
    if election.state == S.RECONCILED and election.base is not None:
        state = actions.reconciliation(election)
        return record.count(actions.names(election), state.final, election.seats, election.base)
    return None


def result_view(result: dict[str, Any]) -> dict[str, Any]:
    names = {c["no"]: c["full_name"] for c in result["candidates"]}
    tied = set(result["tied"])
    rows = [
        {
            **c,
            "pct_base": _percent(c["percent_of_base"]),
            "pct_valid": _percent(c["percent_of_valid"]),
            "tied": c["no"] in tied,
        }
        for c in result["candidates"]
    ]
    reasons = [
        (REASON_LABELS[name], result["ballots"]["invalid_reasons"].get(name, 0))
        for name in INVALID_REASONS
        if result["ballots"]["invalid_reasons"].get(name, 0)
    ]
    return {
        "result": result,
        "rows": sorted(rows, key=lambda r: r["no"]),
        "elected_names": [names[no] for no in result["elected"]],
        "tied_names": [names[no] for no in result["tied"]],
        "tied_seats": result["seats"] - len(result["elected"]) - result["seats_left"]
        if result["tied"]
        else 0,
        "reasons": reasons,
    }


def _chain_head(election: Election) -> str:
    if election.chain_head:
        return election.chain_head
    last = election.entries.order_by("-seq").values_list("hash", flat=True).first()
    return last or ""


@login_required
@require_GET
def election_results(request: HttpRequest, pk: int) -> HttpResponse:
    election = _election_for(request, pk)
    result = _result_of(election)
    context = _base_context(request, election) | {
        "announced": election.state in (S.ANNOUNCED, S.SEALED),
        "chain_head": _chain_head(election),
        "next_state": S(actions.NEXT[election.state]).label
        if election.state == S.RECONCILED
        else None,
        "blockers": actions.blockers(election, S.ANNOUNCED)
        if election.state == S.RECONCILED
        else [],
    }
    if result is not None:
        context |= result_view(result)
    return render(request, "elections/results.html", context)


@login_required
@require_GET
def election_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The hall's projector: the state, the count while keying, the result once announced."""
    election = _election_for(request, pk)
    announced = election.state in (S.ANNOUNCED, S.SEALED) and election.result
    context: dict[str, Any] = {
        "election": election,
        "org": election.congress.organisation,
        "counts": _keyed_counts(election),
        "announced": bool(announced),
    }
    if announced:
        context |= result_view(election.result)  # type: ignore[arg-type]
    return render(request, "elections/screen.html", context)
