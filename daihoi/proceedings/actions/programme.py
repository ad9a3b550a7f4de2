"""The congress's programme: the default from data, items added, edited, moved, removed, marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.proceedings.actions.common import locked, renumber, title_of
from daihoi.proceedings.models import AgendaItem, ItemKind, ItemState, SessionKind, VoteRule
from daihoi.proceedings.programme import DEFAULT_PROGRAMME
from daihoi.proceedings.queries import items_of

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Congress


def item_snapshot(item: AgendaItem) -> dict[str, Any]:
    return {
        "position": item.position,
        "session": item.session,
        "kind": item.kind,
        "title": item.title,
        "vote_rule": item.vote_rule,
        "state": item.state,
    }


def _check_rule(vote_rule: str) -> None:
    if vote_rule and vote_rule not in VoteRule.values:
        raise ActionRefused(
            [_("Cách biểu quyết «%(value)s» không có.") % {"value": vote_rule}],
            codes=["unknown_vote_rule"],
        )


@transaction.atomic(durable=True)
def do_create_default_programme(congress: Congress, *, acting_user: User | None) -> int:
    """Write the default programme for a congress that has none; return the items written."""
    current = locked(congress, acting_user)
    if AgendaItem.objects.filter(congress=current).exists():
        raise ActionRefused(
            [_("Đại hội đã có chương trình; hãy sửa từng mục thay vì tạo lại.")],
            codes=["programme_exists"],
        )
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


@transaction.atomic(durable=True)
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
    current = locked(congress, acting_user)
    reasons, codes = [], []
    if session not in SessionKind.values:
        reasons.append(_("Phiên «%(value)s» không có.") % {"value": session})
        codes.append("unknown_session")
    if kind not in ItemKind.values:
        reasons.append(_("Loại mục «%(value)s» không có.") % {"value": kind})
        codes.append("unknown_kind")
    if vote_rule and vote_rule not in VoteRule.values:
        reasons.append(_("Cách biểu quyết «%(value)s» không có.") % {"value": vote_rule})
        codes.append("unknown_vote_rule")
    if reasons:
        raise ActionRefused(reasons, codes=codes)
    text = title_of(title, _("nội dung mục"))
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
    renumber(items[:at] + [item] + items[at:])
    log.record(
        "proceedings.item_added",
        actor=acting_user,
        organisation=current.organisation,
        target=text,
        after=item_snapshot(item),
    )
    return item


@transaction.atomic(durable=True)
def do_edit_item(item: AgendaItem, *, title: str, vote_rule: str, acting_user: User) -> AgendaItem:
    """Change an item's wording and the rule its show of hands is decided by."""
    current = locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    _check_rule(vote_rule)
    text = title_of(title, _("nội dung mục"))
    with log.audited(
        "proceedings.item_edited",
        actor=acting_user,
        organisation=current.organisation,
        target=text,
        snapshot=lambda: item_snapshot(fresh),
    ):
        fresh.title = text
        fresh.vote_rule = vote_rule
        fresh.save(update_fields=["title", "vote_rule"])
    return fresh


@transaction.atomic(durable=True)
def do_remove_item(item: AgendaItem, *, acting_user: User) -> None:
    """Take a pending item without votes off the programme; the others close up."""
    current = locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    if fresh.votes.exists():
        raise ActionRefused(
            [
                _("Mục «%(title)s» đã có kết quả biểu quyết nên không xóa được.")
                % {"title": fresh.title}
            ],
            codes=["item_has_votes"],
        )
    if fresh.state != ItemState.PENDING:
        raise ActionRefused(
            [
                _("Mục «%(title)s» đã hoặc đang tiến hành nên không xóa được.")
                % {"title": fresh.title}
            ],
            codes=["item_started"],
        )
    before = item_snapshot(fresh)
    fresh.delete()
    renumber(items_of(current))
    log.record(
        "proceedings.item_removed",
        actor=acting_user,
        organisation=current.organisation,
        target=before["title"],
        before=before,
    )


@transaction.atomic(durable=True)
def do_move_item(item: AgendaItem, *, step: int, acting_user: User) -> None:
    """Move an item one place up (step -1) or down (+1) within its session."""
    current = locked(item.congress, acting_user)
    items = items_of(current)
    index = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    if index is None:
        raise ActionRefused([_("Mục này không còn trong chương trình.")], codes=["item_gone"])
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(items) or items[target].session != items[index].session:
        raise ActionRefused(
            [
                _("Mục «%(title)s» đã ở đầu hoặc cuối phiên, không chuyển được nữa.")
                % {"title": items[index].title}
            ],
            codes=["item_at_edge"],
        )
    moved = items[index]
    before = moved.position
    items[index], items[target] = items[target], items[index]
    renumber(items)
    log.record(
        "proceedings.item_moved",
        actor=acting_user,
        organisation=current.organisation,
        target=moved.title,
        before={"position": before},
        after={"position": moved.position},
    )


@transaction.atomic(durable=True)
def do_set_item_state(item: AgendaItem, state: str, *, acting_user: User) -> AgendaItem:
    """Mark an item under way (the one under way before is then done), done, or not yet."""
    current = locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    if state not in ItemState.values:
        raise ActionRefused(
            [_("Tiến độ «%(value)s» không có.") % {"value": state}], codes=["unknown_state"]
        )
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
    with log.audited(
        "proceedings.item_state",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.title,
        snapshot=lambda: {"state": fresh.state},
    ):
        if state == ItemState.CURRENT:
            fresh.started_at = fresh.started_at or now
            fresh.done_at = None
        elif state == ItemState.DONE:
            fresh.started_at = fresh.started_at or now
            fresh.done_at = now
        else:
            fresh.started_at = fresh.done_at = None
        fresh.state = state
        fresh.save(update_fields=["state", "started_at", "done_at"])
    return fresh
