"""Pages of the congress day's proceedings: the presidium's programme, an item, the projector."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope, tree
from daihoi.proceedings import actions, documents
from daihoi.proceedings.hall import hall
from daihoi.proceedings.models import (
    AgendaItem,
    ItemKind,
    ItemState,
    SessionKind,
    ShowOfHands,
    Speaker,
    VoteRule,
)
from daihoi.proceedings.programme import DEFAULT_RULE

LATEST_SHOWN = 3


def congress_for(request: HttpRequest, campaign: str, code: str) -> Congress:
    """Load a congress the user may see: outside their subtree it does not exist."""
    return get_congress_for_user(request.user, campaign, code)


def _item_for(congress: Congress, pk: int) -> AgendaItem:
    # Looked up within the congress already scoped: another province's item is a 404.
    return get_object_or_404(AgendaItem, pk=pk, congress=congress)


def _refusals(request: HttpRequest, exc: ActionRefused) -> None:
    for reason in exc.reasons:
        messages.error(request, reason)


def _int(request: HttpRequest, name: str, label: str) -> int:
    text = request.POST.get(name, "").strip()
    if not text.isdigit():
        raise ActionRefused(
            [
                _("Ô «%(field)s»: «%(value)s» không phải số nguyên.")
                % {"field": label, "value": text}
            ]
        )
    return int(text)


def _base(request: HttpRequest, congress: Congress) -> dict[str, Any]:
    org = congress.organisation
    return {
        "congress": congress,
        "campaign": congress.campaign,
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "can_write": scope.can_write(request.user, org),
    }


def _vote_view(vote: ShowOfHands) -> dict[str, Any]:
    return {
        "vote": vote,
        "total": vote.agree + vote.disagree + vote.abstain,
        "denominator": vote.summoned if vote.rule == VoteRule.SUMMONED_HALF else vote.present,
    }


def _counts(request: HttpRequest) -> dict[str, int]:
    """The three counts typed by the secretariat, each named in its refusal."""
    return {
        "agree": _int(request, "agree", _("Tán thành")),
        "disagree": _int(request, "disagree", _("Không tán thành")),
        "abstain": _int(request, "abstain", _("Không biểu quyết")),
    }


def _figures(vote: ShowOfHands) -> dict[str, object]:
    verdict = _("được thông qua") if vote.adopted else _("không được thông qua")
    return {"motion": vote.motion, "agree": vote.agree, "present": vote.present, "verdict": verdict}


def _record_vote(request: HttpRequest, item: AgendaItem) -> str:
    vote = actions.do_record_vote(
        item,
        **_counts(request),
        motion=request.POST.get("motion", ""),
        acting_user=scope.acting_user(request),
    )
    return _(
        "Đã ghi biểu quyết «%(motion)s»: tán thành %(agree)s/%(present)s có mặt — %(verdict)s."
    ) % _figures(vote)


def _correct_vote(request: HttpRequest, item: AgendaItem) -> str:
    pk = request.POST.get("vote", "")
    if not pk.isdigit():
        raise ActionRefused([_("Thao tác không hợp lệ.")])
    # Only a vote of this item (the item is already scoped to the user's congress).
    vote = get_object_or_404(ShowOfHands, pk=int(pk), item=item)
    vote = actions.do_correct_vote(
        vote,
        **_counts(request),
        reason=request.POST.get("reason", ""),
        acting_user=scope.acting_user(request),
    )
    return _(
        "Đã sửa biểu quyết «%(motion)s»: tán thành %(agree)s/%(present)s có mặt — %(verdict)s."
    ) % _figures(vote)


# --- the presidium's page -----------------------------------------------------------------


def _programme_post(request: HttpRequest, congress: Congress) -> str:
    user = scope.acting_user(request)
    action = request.POST.get("action", "")
    if action == "default":
        n = actions.do_create_default_programme(congress, acting_user=user)
        return _("Đã tạo chương trình mặc định gồm %(n)s mục.") % {"n": n}
    if action == "add":
        kind = request.POST.get("kind", ItemKind.PROCEDURE)
        rule = request.POST.get("vote_rule", "")
        if rule == "auto":
            rule = DEFAULT_RULE.get(kind, "")
        item = actions.do_add_item(
            congress,
            session=request.POST.get("session", ""),
            kind=kind,
            title=request.POST.get("title", ""),
            vote_rule=rule,
            acting_user=user,
        )
        return _("Đã thêm mục «%(title)s».") % {"title": item.title}
    pk = request.POST.get("item", "")
    if not pk.isdigit():
        raise ActionRefused([_("Thao tác không hợp lệ.")])
    item = _item_for(congress, int(pk))
    if action in ItemState.values:
        actions.do_set_item_state(item, action, acting_user=user)
        return _("Mục «%(title)s»: %(state)s.") % {
            "title": item.title,
            "state": ItemState(action).label,
        }
    if action in ("up", "down"):
        actions.do_move_item(item, step=-1 if action == "up" else 1, acting_user=user)
        return _("Đã chuyển mục «%(title)s».") % {"title": item.title}
    if action == "remove":
        actions.do_remove_item(item, acting_user=user)
        return _("Đã xóa mục «%(title)s».") % {"title": item.title}
    if action == "vote":
        return _record_vote(request, item)
    if action == "correct_vote":
        return _correct_vote(request, item)
    raise ActionRefused([_("Thao tác không hợp lệ.")])


@login_required
@require_http_methods(["GET", "POST"])
def presidium(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The programme with its controls, the live quorum and the vote of the item under way."""
    congress = congress_for(request, campaign, code)
    if request.method == "POST":
        if not scope.can_write(request.user, congress.organisation):
            raise PermissionDenied(_("Chỉ ban tổ chức đại hội được thay đổi chương trình."))
        try:
            done = _programme_post(request, congress)
        except ActionRefused as exc:
            _refusals(request, exc)
        else:
            messages.success(request, done)
        return redirect("proceedings_presidium", campaign=campaign, code=code)
    items = list(
        AgendaItem.objects.filter(congress=congress)
        .annotate(n_speakers=Count("speakers"))
        .order_by("position", "pk")
    )
    votes_by_item: dict[int, list[ShowOfHands]] = {}
    for vote in ShowOfHands.objects.filter(congress=congress).order_by("recorded_at", "pk"):
        votes_by_item.setdefault(vote.item_id, []).append(vote)
    current = next((i for i in items if i.state == ItemState.CURRENT), None)
    rows: list[dict[str, Any]] = [
        {"item": i, "votes": votes_by_item.get(i.pk, []), "speakers": i.n_speakers} for i in items
    ]
    context = _base(request, congress) | {
        "sessions": [
            (label, [r for r in rows if r["item"].session == value])
            for value, label in SessionKind.choices
        ],
        "current": current,
        "current_votes": [_vote_view(v) for v in votes_by_item.get(current.pk, [])]
        if current
        else [],
        "kinds": ItemKind.choices,
        "rules": VoteRule.choices,
        "session_kinds": SessionKind.choices,
        "hall": hall(congress),
    }
    return render(request, "proceedings/presidium.html", context)


@login_required
@require_GET
@never_cache
def quorum(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The presidium page's quorum box, fetched again every second."""
    congress = congress_for(request, campaign, code)
    return render(request, "proceedings/_quorum.html", {"hall": hall(congress)})


# --- one item: speakers and votes ---------------------------------------------------------


def _item_post(request: HttpRequest, item: AgendaItem) -> str:
    user = scope.acting_user(request)
    action = request.POST.get("action", "")
    if action == "speaker":
        speaker = actions.do_add_speaker(
            item,
            full_name=request.POST.get("full_name", ""),
            unit=request.POST.get("unit", ""),
            topic=request.POST.get("topic", ""),
            acting_user=user,
        )
        return _("Đã thêm «%(name)s» vào danh sách phát biểu.") % {"name": speaker.full_name}
    if action == "edit":
        actions.do_edit_item(
            item,
            title=request.POST.get("title", ""),
            vote_rule=request.POST.get("vote_rule", ""),
            acting_user=user,
        )
        return _("Đã lưu mục.")
    if action == "vote":
        return _record_vote(request, item)
    if action == "correct_vote":
        return _correct_vote(request, item)
    pk = request.POST.get("speaker", "")
    if not pk.isdigit():
        raise ActionRefused([_("Thao tác không hợp lệ.")])
    speaker = get_object_or_404(Speaker, pk=int(pk), item=item)
    if action in ("spoken", "not_spoken"):
        actions.do_mark_spoken(speaker, spoken=action == "spoken", acting_user=user)
        return _("Đã cập nhật «%(name)s».") % {"name": speaker.full_name}
    if action in ("up", "down"):
        actions.do_move_speaker(speaker, step=-1 if action == "up" else 1, acting_user=user)
        return _("Đã chuyển «%(name)s».") % {"name": speaker.full_name}
    if action == "remove":
        actions.do_remove_speaker(speaker, acting_user=user)
        return _("Đã xóa «%(name)s» khỏi danh sách phát biểu.") % {"name": speaker.full_name}
    raise ActionRefused([_("Thao tác không hợp lệ.")])


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, campaign: str, code: str, pk: int) -> HttpResponse:
    congress = congress_for(request, campaign, code)
    item = _item_for(congress, pk)
    if request.method == "POST":
        if not scope.can_write(request.user, congress.organisation):
            raise PermissionDenied(_("Chỉ ban tổ chức đại hội được thay đổi chương trình."))
        try:
            done = _item_post(request, item)
        except ActionRefused as exc:
            _refusals(request, exc)
        else:
            messages.success(request, done)
        return redirect("proceedings_item", campaign=campaign, code=code, pk=pk)
    context = _base(request, congress) | {
        "item": item,
        "speakers": item.speakers.all(),
        "votes": [_vote_view(v) for v in item.votes.order_by("recorded_at", "pk")],
        "rules": VoteRule.choices,
        "hall": hall(congress),
    }
    return render(request, "proceedings/item.html", context)


# --- the projector ------------------------------------------------------------------------


def _screen_context(congress: Congress) -> dict[str, Any]:
    from daihoi.elections.models import Election, ElectionState
    from daihoi.elections.views import result_view

    current = actions.current_item(congress)
    announced = (
        Election.objects.filter(congress=congress, state=ElectionState.ANNOUNCED)
        .exclude(result=None)
        .order_by("-announced_at", "-pk")
        .first()
    )
    context: dict[str, Any] = {
        "congress": congress,
        "org": congress.organisation,
        "current": current,
        "speakers": list(current.speakers.filter(spoken_at=None)[:3]) if current else [],
        "hall": hall(congress),
        # With an election's result on the screen, one vote leaves it room to be read.
        "votes": [
            _vote_view(v) for v in actions.latest_votes(congress, 1 if announced else LATEST_SHOWN)
        ],
        "announced": announced,
    }
    if announced is not None:
        context |= result_view(announced.result)  # type: ignore[arg-type]
    return context


@login_required
@require_GET
def projector(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The hall's screen: the item under way, the quorum, the latest votes and results."""
    congress = congress_for(request, campaign, code)
    return render(request, "proceedings/projector.html", _screen_context(congress))


@login_required
@require_GET
@never_cache
def projector_live(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The projector's content alone, fetched again every second."""
    congress = congress_for(request, campaign, code)
    return render(request, "proceedings/_screen.html", _screen_context(congress))


# --- the minutes --------------------------------------------------------------------------


@login_required
@require_GET
def minutes_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = congress_for(request, campaign, code)
    response = HttpResponse(
        documents.minutes_document(congress),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bien-ban-dai-hoi-{congress.organisation.code}.docx"'
    )
    return response
