"""An item's list of speakers: added, marked as having spoken, reordered, removed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.lib.text import clean
from daihoi.proceedings.actions.common import locked, title_of
from daihoi.proceedings.models import AgendaItem, Speaker

if TYPE_CHECKING:
    from daihoi.accounts.models import User

NAME_MAX = 150


@transaction.atomic(durable=True)
def do_add_speaker(
    item: AgendaItem, *, full_name: str, unit: str = "", topic: str = "", acting_user: User
) -> Speaker:
    """Put a delegate at the end of the item's list of speakers."""
    current = locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    name = title_of(full_name, _("họ và tên người phát biểu"))
    if len(name) > NAME_MAX:
        raise ActionRefused(
            [_("Họ và tên «%(name)s» quá dài.") % {"name": name[:60]}], codes=["name_too_long"]
        )
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


@transaction.atomic(durable=True)
def do_mark_spoken(speaker: Speaker, *, spoken: bool = True, acting_user: User) -> Speaker:
    """Mark that the speaker has spoken (or, a slip undone, not yet)."""
    current = locked(speaker.item.congress, acting_user)
    fresh = Speaker.objects.get(pk=speaker.pk, item__congress=current)
    with log.audited(
        "proceedings.speaker_spoken",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.full_name,
        snapshot=lambda: {"spoken": fresh.spoken},
    ):
        fresh.spoken_at = timezone.now() if spoken else None
        fresh.save(update_fields=["spoken_at"])
    return fresh


@transaction.atomic(durable=True)
def do_move_speaker(speaker: Speaker, *, step: int, acting_user: User) -> None:
    """Move a speaker one place up (step -1) or down (+1) in the item's list."""
    current = locked(speaker.item.congress, acting_user)
    listed = list(Speaker.objects.filter(item_id=speaker.item_id, item__congress=current))
    index = next((n for n, s in enumerate(listed) if s.pk == speaker.pk), None)
    if index is None:
        raise ActionRefused(
            [_("Người phát biểu này không còn trong danh sách.")], codes=["speaker_gone"]
        )
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(listed):
        raise ActionRefused(
            [
                _("«%(name)s» đã ở đầu hoặc cuối danh sách phát biểu.")
                % {"name": listed[index].full_name}
            ],
            codes=["speaker_at_edge"],
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


@transaction.atomic(durable=True)
def do_remove_speaker(speaker: Speaker, *, acting_user: User) -> None:
    """Take a speaker who has not spoken off the item's list."""
    current = locked(speaker.item.congress, acting_user)
    fresh = Speaker.objects.get(pk=speaker.pk, item__congress=current)
    if fresh.spoken:
        raise ActionRefused(
            [
                _("«%(name)s» đã phát biểu nên không xóa khỏi danh sách.")
                % {"name": fresh.full_name}
            ],
            codes=["speaker_has_spoken"],
        )
    fresh.delete()
    log.record(
        "proceedings.speaker_removed",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.full_name,
    )
