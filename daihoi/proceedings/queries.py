"""Reads of a congress's day: the programme in order, the item under way, votes, elections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import Count

from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.proceedings.models import AgendaItem, ItemKind, ItemState, ShowOfHands, VoteRule

if TYPE_CHECKING:
    from daihoi.campaigns.models import Congress


def items_of(congress: Congress) -> list[AgendaItem]:
    """The programme in order: the preparatory session first, then the official one."""
    return list(AgendaItem.objects.filter(congress=congress).order_by("position", "pk"))


def current_item(congress: Congress) -> AgendaItem | None:
    return AgendaItem.objects.filter(congress=congress, state=ItemState.CURRENT).first()


def latest_votes(congress: Congress, limit: int = 3) -> list[ShowOfHands]:
    return list(
        ShowOfHands.objects.filter(congress=congress)
        .select_related("item")
        .order_by("-recorded_at", "-pk")[:limit]
    )


def vote_view(vote: ShowOfHands) -> dict[str, Any]:
    """A vote with its total and the denominator its rule counts against, for display."""
    return {
        "vote": vote,
        "total": vote.agree + vote.disagree + vote.abstain,
        "denominator": vote.summoned if vote.rule == VoteRule.SUMMONED_HALF else vote.present,
    }


def programme_rows(congress: Congress) -> list[dict[str, Any]]:
    """Each item with its votes, its number of speakers and the elections it holds."""
    items = list(
        AgendaItem.objects.filter(congress=congress)
        .annotate(n_speakers=Count("speakers"))
        .order_by("position", "pk")
    )
    votes_by_item: dict[int, list[ShowOfHands]] = {}
    for vote in ShowOfHands.objects.filter(congress=congress).order_by("recorded_at", "pk"):
        votes_by_item.setdefault(vote.item_id, []).append(vote)
    elections = elections_by_item(congress, items)
    return [
        {
            "item": i,
            "votes": votes_by_item.get(i.pk, []),
            "speakers": i.n_speakers,  # type: ignore[attr-defined]
            "elections": elections.get(i.pk, []),
        }
        for i in items
    ]


def elections_by_item(congress: Congress, items: Sequence[AgendaItem]) -> dict[int, list[Election]]:
    """The congress's elections under the programme's election items, by item id.

    An item names the body it elects ("Bầu cử Ban Chấp hành…"): an election of that
    kind goes under it. An election no item names goes under every election item,
    so the default programme's single election item links every election; a
    congress without elections links none.
    """
    targets = [i for i in items if i.kind == ItemKind.ELECTIONS]
    if not targets:
        return {}
    found: dict[int, list[Election]] = {i.pk: [] for i in targets}
    for election in Election.objects.filter(congress=congress).order_by("pk"):
        label = str(ElectionKind(election.kind).label).casefold()
        named = [i for i in targets if label in i.title.casefold()]
        for item in named or targets:
            found[item.pk].append(election)
    return found


def elections_of_item(congress: Congress, item: AgendaItem) -> list[Election]:
    """The elections an item links (see elections_by_item); none for other kinds of item."""
    if item.kind != ItemKind.ELECTIONS:
        return []
    return elections_by_item(congress, items_of(congress)).get(item.pk, [])


def announced_election(congress: Congress) -> Election | None:
    """The election whose result the hall's screen shows: the last one announced."""
    return (
        Election.objects.filter(congress=congress, state=ElectionState.ANNOUNCED)
        .exclude(result=None)
        .order_by("-announced_at", "-pk")
        .first()
    )
