"""The demo's congress day: a default programme wherever the assembly demo seated delegates."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from daihoi.campaigns.models import Campaign, Congress
from daihoi.proceedings.models import AgendaItem
from daihoi.proceedings.programme import DEFAULT_PROGRAMME


def load_demo_programmes(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Give each congress with a delegate register and no programme the default programme.

    The assembly app's loader runs first (INSTALLED_APPS order) and already keeps to
    `provinces`, so following its registers keeps both demos on the same congresses.
    Idempotent: a congress that has a programme is left alone.
    """
    congresses = (
        Congress.objects.filter(campaign=campaign, delegates__isnull=False)
        .exclude(agenda_items__isnull=False)
        .distinct()
    )
    rows = [
        AgendaItem(
            congress=congress,
            session=step.session,
            position=position,
            kind=step.kind,
            title=str(step.title),
            vote_rule=step.vote_rule,
        )
        for congress in congresses
        for position, step in enumerate(DEFAULT_PROGRAMME, start=1)
    ]
    with transaction.atomic():
        AgendaItem.objects.bulk_create(rows, batch_size=2000)
    if rows:
        write(f"Đã tạo chương trình đại hội mẫu cho {len(rows) // len(DEFAULT_PROGRAMME)} đại hội.")
