"""Every change to a congress's programme, speakers and show-of-hands votes; each is audited.

Writers are the congress's organisers (the presidium and secretariat work on
their accounts): `scope.can_write` on the congress's organisation. Changes to
one congress's programme are serialised by locking the congress row, so two
secretaries reordering or marking progress at once never leave two current
items or two items at one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.lib import votes
from daihoi.lib.text import clean
from daihoi.orgs import scope
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
from daihoi.proceedings.programme import DEFAULT_PROGRAMME

if TYPE_CHECKING:
    from daihoi.accounts.models import User

TITLE_MAX = 300


def _locked(congress: Congress, acting_user: User | None) -> Congress:
    """Lock the congress row for the programme's changes and check the user may make them."""
    current = (
        Congress.objects.select_for_update()
        .select_related("organisation", "campaign")
        .get(pk=congress.pk)
    )
    if acting_user is not None and not scope.can_write(acting_user, current.organisation):
        raise PermissionDenied(_("Chỉ ban tổ chức đại hội được thay đổi chương trình."))
    return current


def _item_snapshot(item: AgendaItem) -> dict[str, Any]:
    return {
        "position": item.position,
        "session": item.session,
        "kind": item.kind,
        "title": item.title,
        "vote_rule": item.vote_rule,
        "state": item.state,
    }


def _title(text: str, what: str) -> str:
    title = clean(text)
    if not title:
        raise ActionRefused([_("Chưa nhập %(what)s.") % {"what": what}])
    if len(title) > TITLE_MAX:
        raise ActionRefused(
            [
                _("%(what)s dài %(n)s ký tự, quá mức %(max)s.")
                % {"what": what, "n": len(title), "max": TITLE_MAX}
            ]
        )
    return title


def _renumber(congress: Congress, ordered: list[AgendaItem]) -> None:
    """Number the items 1, 2, … in the given order, saving those that moved (or are new)."""
    for position, item in enumerate(ordered, start=1):
        if item.pk is None or item.position != position:
            item.position = position
            item.save()


def items_of(congress: Congress) -> list[AgendaItem]:
    """The programme in order: the preparatory session first, then the official one."""
    return list(AgendaItem.objects.filter(congress=congress).order_by("position", "pk"))


# --- the programme ------------------------------------------------------------------------


@transaction.atomic
def do_create_default_programme(congress: Congress, *, acting_user: User | None) -> int:
    """Write the default programme for a congress that has none; return the items written."""
    current = _locked(congress, acting_user)
    if AgendaItem.objects.filter(congress=current).exists():
        raise ActionRefused([_("Đại hội đã có chương trình; hãy sửa từng mục thay vì tạo lại.")])
    AgendaItem.objects.bulk_create(
        AgendaItem(
            congress=current,
            session=step.session,
            position=position,
            kind=step.kind,
            title=str(step.title),
            vote_rule=step.vote_rule,
        )
        for position, step in enumerate(DEFAULT_PROGRAMME, start=1)
    )
    log.record(
        "proceedings.programme_created",
        actor=acting_user,
        organisation=current.organisation,
        target=str(current),
        after={"items": len(DEFAULT_PROGRAMME)},
    )
    return len(DEFAULT_PROGRAMME)


@transaction.atomic
def do_add_item(
    congress: Congress,
    *,
    session: str,
    kind: str,
    title: str,
    vote_rule: str = "",
    acting_user: User,
) -> AgendaItem:
    """Add an item at the end of its session."""
    current = _locked(congress, acting_user)
    problems = []
    if session not in SessionKind.values:
        problems.append(_("Phiên «%(value)s» không có.") % {"value": session})
    if kind not in ItemKind.values:
        problems.append(_("Loại mục «%(value)s» không có.") % {"value": kind})
    if vote_rule and vote_rule not in VoteRule.values:
        problems.append(_("Cách biểu quyết «%(value)s» không có.") % {"value": vote_rule})
    if problems:
        raise ActionRefused(problems)
    text = _title(title, _("nội dung mục"))
    items = items_of(current)
    # At the end of its session: the preparatory session's items come first.
    at = len(items)
    if session == SessionKind.PREPARATORY:
        at = next(
            (n for n, i in enumerate(items) if i.session != SessionKind.PREPARATORY), len(items)
        )
    item = AgendaItem(
        congress=current,
        session=session,
        position=at + 1,
        kind=kind,
        title=text,
        vote_rule=vote_rule,
    )
    _renumber(current, items[:at] + [item] + items[at:])
    log.record(
        "proceedings.item_added",
        actor=acting_user,
        organisation=current.organisation,
        target=text,
        after=_item_snapshot(item),
    )
    return item


@transaction.atomic
def do_edit_item(item: AgendaItem, *, title: str, vote_rule: str, acting_user: User) -> AgendaItem:
    current = _locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    if vote_rule and vote_rule not in VoteRule.values:
        raise ActionRefused([_("Cách biểu quyết «%(value)s» không có.") % {"value": vote_rule}])
    before = _item_snapshot(fresh)
    fresh.title = _title(title, _("nội dung mục"))
    fresh.vote_rule = vote_rule
    fresh.save(update_fields=["title", "vote_rule"])
    log.record(
        "proceedings.item_edited",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.title,
        before=before,
        after=_item_snapshot(fresh),
    )
    return fresh


@transaction.atomic
def do_remove_item(item: AgendaItem, *, acting_user: User) -> None:
    current = _locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    if fresh.votes.exists():
        raise ActionRefused(
            [
                _("Mục «%(title)s» đã có kết quả biểu quyết nên không xóa được.")
                % {"title": fresh.title}
            ]
        )
    if fresh.state != ItemState.PENDING:
        raise ActionRefused(
            [
                _("Mục «%(title)s» đã hoặc đang tiến hành nên không xóa được.")
                % {"title": fresh.title}
            ]
        )
    before = _item_snapshot(fresh)
    fresh.delete()
    _renumber(current, items_of(current))
    log.record(
        "proceedings.item_removed",
        actor=acting_user,
        organisation=current.organisation,
        target=before["title"],
        before=before,
    )


@transaction.atomic
def do_move_item(item: AgendaItem, *, step: int, acting_user: User) -> None:
    """Move an item one place up (step -1) or down (+1) within its session."""
    current = _locked(item.congress, acting_user)
    items = items_of(current)
    index = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    if index is None:
        raise ActionRefused([_("Mục này không còn trong chương trình.")])
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(items) or items[target].session != items[index].session:
        raise ActionRefused(
            [
                _("Mục «%(title)s» đã ở đầu hoặc cuối phiên, không chuyển được nữa.")
                % {"title": items[index].title}
            ]
        )
    moved = items[index]
    before = moved.position
    items[index], items[target] = items[target], items[index]
    _renumber(current, items)
    log.record(
        "proceedings.item_moved",
        actor=acting_user,
        organisation=current.organisation,
        target=moved.title,
        before={"position": before},
        after={"position": moved.position},
    )


@transaction.atomic
def do_set_item_state(item: AgendaItem, state: str, *, acting_user: User) -> AgendaItem:
    """Mark an item under way (the one under way before is then done), done, or not yet."""
    current = _locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    if state not in ItemState.values:
        raise ActionRefused([_("Tiến độ «%(value)s» không có.") % {"value": state}])
    now = timezone.now()
    if state == ItemState.CURRENT:
        for other in AgendaItem.objects.filter(congress=current, state=ItemState.CURRENT).exclude(
            pk=fresh.pk
        ):
            other.state, other.done_at = ItemState.DONE, now
            other.save(update_fields=["state", "done_at"])
            log.record(
                "proceedings.item_state",
                actor=acting_user,
                organisation=current.organisation,
                target=other.title,
                before={"state": ItemState.CURRENT},
                after={"state": ItemState.DONE},
            )
        fresh.started_at = fresh.started_at or now
        fresh.done_at = None
    elif state == ItemState.DONE:
        fresh.started_at = fresh.started_at or now
        fresh.done_at = now
    else:
        fresh.started_at = fresh.done_at = None
    before = fresh.state
    fresh.state = state
    fresh.save(update_fields=["state", "started_at", "done_at"])
    log.record(
        "proceedings.item_state",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.title,
        before={"state": before},
        after={"state": state},
    )
    return fresh


def current_item(congress: Congress) -> AgendaItem | None:
    return AgendaItem.objects.filter(congress=congress, state=ItemState.CURRENT).first()


# --- speakers -----------------------------------------------------------------------------


@transaction.atomic
def do_add_speaker(
    item: AgendaItem, *, full_name: str, unit: str = "", topic: str = "", acting_user: User
) -> Speaker:
    current = _locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    name = _title(full_name, _("họ và tên người phát biểu"))
    if len(name) > 150:
        raise ActionRefused([_("Họ và tên «%(name)s» quá dài.") % {"name": name[:60]}])
    last = fresh.speakers.aggregate(m=Max("position"))["m"] or 0
    speaker = Speaker.objects.create(
        item=fresh,
        full_name=name,
        unit=clean(unit)[:200],
        topic=clean(topic)[:300],
        position=last + 1,
    )
    log.record(
        "proceedings.speaker_added",
        actor=acting_user,
        organisation=current.organisation,
        target=name,
        after={"item": fresh.title, "unit": speaker.unit, "topic": speaker.topic},
    )
    return speaker


@transaction.atomic
def do_mark_spoken(speaker: Speaker, *, spoken: bool = True, acting_user: User) -> Speaker:
    current = _locked(speaker.item.congress, acting_user)
    fresh = Speaker.objects.get(pk=speaker.pk, item__congress=current)
    before = fresh.spoken
    fresh.spoken_at = timezone.now() if spoken else None
    fresh.save(update_fields=["spoken_at"])
    log.record(
        "proceedings.speaker_spoken",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.full_name,
        before={"spoken": before},
        after={"spoken": spoken},
    )
    return fresh


@transaction.atomic
def do_move_speaker(speaker: Speaker, *, step: int, acting_user: User) -> None:
    current = _locked(speaker.item.congress, acting_user)
    listed = list(Speaker.objects.filter(item_id=speaker.item_id, item__congress=current))
    index = next((n for n, s in enumerate(listed) if s.pk == speaker.pk), None)
    if index is None:
        raise ActionRefused([_("Người phát biểu này không còn trong danh sách.")])
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(listed):
        raise ActionRefused(
            [
                _("«%(name)s» đã ở đầu hoặc cuối danh sách phát biểu.")
                % {"name": listed[index].full_name}
            ]
        )
    listed[index], listed[target] = listed[target], listed[index]
    for position, other in enumerate(listed, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    log.record(
        "proceedings.speaker_moved",
        actor=acting_user,
        organisation=current.organisation,
        target=speaker.full_name,
        after={"position": target + 1},
    )


@transaction.atomic
def do_remove_speaker(speaker: Speaker, *, acting_user: User) -> None:
    current = _locked(speaker.item.congress, acting_user)
    fresh = Speaker.objects.get(pk=speaker.pk, item__congress=current)
    if fresh.spoken:
        raise ActionRefused(
            [_("«%(name)s» đã phát biểu nên không xóa khỏi danh sách.") % {"name": fresh.full_name}]
        )
    fresh.delete()
    log.record(
        "proceedings.speaker_removed",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.full_name,
    )


# --- show-of-hands votes ------------------------------------------------------------------


def vote_snapshot(vote: ShowOfHands) -> dict[str, Any]:
    return {
        "motion": vote.motion,
        "agree": vote.agree,
        "disagree": vote.disagree,
        "abstain": vote.abstain,
        "present": vote.present,
        "summoned": vote.summoned,
        "rule": vote.rule,
        "needed": vote.needed,
        "adopted": vote.adopted,
    }


def _count_reasons(agree: int, disagree: int, abstain: int, present: int) -> list[str]:
    """What is wrong with the three counts against the delegates present, in words."""
    total = agree + disagree + abstain
    problems = votes.count_problems(agree, disagree, abstain, present)
    reasons: list[str] = []
    if votes.CountProblem.NEGATIVE in problems:
        reasons.append(_("Số biểu quyết không được âm."))
    if votes.CountProblem.MORE_THAN_PRESENT in problems:
        reasons.append(
            _(
                "Tổng số biểu quyết là %(total)s (tán thành %(agree)s, không tán thành "
                "%(disagree)s, không biểu quyết %(abstain)s), nhiều hơn số đại biểu có mặt "
                "là %(present)s."
            )
            % {
                "total": total,
                "agree": agree,
                "disagree": disagree,
                "abstain": abstain,
                "present": present,
            }
        )
    if votes.CountProblem.NONE_COUNTED in problems:
        reasons.append(_("Chưa nhập số biểu quyết nào."))
    return reasons


@transaction.atomic
def do_record_vote(
    item: AgendaItem,
    *,
    agree: int,
    disagree: int,
    abstain: int,
    motion: str = "",
    acting_user: User,
) -> ShowOfHands:
    """Record a show of hands counted by the secretariat, against the hall as it is now.

    Refused when the counts add up to more than the delegates present, when the
    hall has no quorum, or when the item is not put to a vote.
    """
    current = _locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    if not fresh.vote_rule:
        raise ActionRefused(
            [
                _("Mục «%(title)s» không có biểu quyết; hãy chọn cách biểu quyết cho mục trước.")
                % {"title": fresh.title}
            ]
        )
    seen = hall(current)
    reasons = _count_reasons(agree, disagree, abstain, seen.present)
    if not seen.has_quorum:
        reasons.append(
            _(
                "Đại hội chưa đủ số đại biểu: có mặt %(present)s trên %(summoned)s được triệu "
                "tập, cần ít nhất %(required)s."
            )
            % {"present": seen.present, "summoned": seen.summoned, "required": seen.required}
        )
    if reasons:
        raise ActionRefused(reasons)
    rule = votes.RULES[fresh.vote_rule]
    try:
        outcome = votes.decide(
            agree, disagree, abstain, present=seen.present, summoned=seen.summoned, rule=rule
        )
    except ValueError as exc:
        raise ActionRefused(
            [
                _("Số có mặt %(present)s nhiều hơn số được triệu tập %(summoned)s.")
                % {"present": seen.present, "summoned": seen.summoned}
            ]
        ) from exc
    text = clean(motion) or fresh.title
    vote = ShowOfHands.objects.create(
        item=fresh,
        congress=current,
        motion=text[:TITLE_MAX],
        agree=agree,
        disagree=disagree,
        abstain=abstain,
        present=seen.present,
        summoned=seen.summoned,
        rule=fresh.vote_rule,
        needed=outcome.needed,
        adopted=outcome.adopted,
        recorded_at=timezone.now(),
        recorded_by=acting_user,
        recorded_by_name=acting_user.username,
    )
    log.record(
        "proceedings.vote_recorded",
        actor=acting_user,
        organisation=current.organisation,
        target=vote.motion,
        after=vote_snapshot(vote),
    )
    return vote


@transaction.atomic
def do_correct_vote(
    vote: ShowOfHands,
    *,
    agree: int,
    disagree: int,
    abstain: int,
    reason: str,
    acting_user: User,
) -> ShowOfHands:
    """Correct figures typed wrong, against the hall as it was when the hands were counted.

    The outcome is decided again under the vote's own rule; a reason is required
    and the audit entry keeps the figures before and after.
    """
    current = _locked(vote.congress, acting_user)
    fresh = ShowOfHands.objects.select_for_update().get(pk=vote.pk, congress=current)
    why = clean(reason)
    reasons = _count_reasons(agree, disagree, abstain, fresh.present)
    if not why:
        reasons.append(_("Hãy ghi lý do sửa (ví dụ: nhập nhầm số tán thành)."))
    if (agree, disagree, abstain) == (fresh.agree, fresh.disagree, fresh.abstain):
        reasons.append(_("Số liệu không khác số đã ghi; không có gì để sửa."))
    if reasons:
        raise ActionRefused(reasons)
    outcome = votes.decide(
        agree,
        disagree,
        abstain,
        present=fresh.present,
        summoned=fresh.summoned,
        rule=votes.RULES[fresh.rule],
    )
    before = vote_snapshot(fresh)
    fresh.agree, fresh.disagree, fresh.abstain = agree, disagree, abstain
    fresh.needed, fresh.adopted = outcome.needed, outcome.adopted
    fresh.corrected_at = timezone.now()
    fresh.corrected_by_name = acting_user.username
    fresh.correction_reason = why[:TITLE_MAX]
    fresh.save()
    log.record(
        "proceedings.vote_corrected",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.motion,
        before=before,
        after={**vote_snapshot(fresh), "reason": fresh.correction_reason},
    )
    return fresh


def latest_votes(congress: Congress, limit: int = 3) -> list[ShowOfHands]:
    return list(
        ShowOfHands.objects.filter(congress=congress)
        .select_related("item")
        .order_by("-recorded_at", "-pk")[:limit]
    )
