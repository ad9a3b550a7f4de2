"""Who may open the proceedings pages: everyone who sees the congress reads them; staff write.

Writes are POSTs to their own URLs (GET answers 405; who may POST is in
tests/test_permission_matrix_post.py); every page here reads, so the congress's
subtree decides: 404 outside it, the login page for nobody.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from daihoi.campaigns.models import Congress
from daihoi.proceedings.actions.programme import do_create_default_programme
from daihoi.proceedings.actions.speakers import do_add_speaker
from daihoi.proceedings.models import AgendaItem, ShowOfHands
from tests.proceedings.helpers import staff

SCOPED_READ: list[object] = [200, 200, 200, 200, 404, 404, "login"]
POST_ONLY: list[object] = [405] * 6 + ["login"]

MATRIX: dict[str, list[object]] = {
    "proceedings_presidium": SCOPED_READ,
    "proceedings_quorum": SCOPED_READ,
    "proceedings_item": SCOPED_READ,
    "proceedings_projector": SCOPED_READ,
    "proceedings_projector_live": SCOPED_READ,
    "proceedings_minutes_docx": SCOPED_READ,
    **dict.fromkeys(
        [
            "proceedings_programme_default",
            "proceedings_item_add",
            "proceedings_item_state",
            "proceedings_item_move",
            "proceedings_item_remove",
            "proceedings_item_edit",
            "proceedings_vote_record",
            "proceedings_vote_correct",
            "proceedings_speaker_add",
            "proceedings_speaker_spoken",
            "proceedings_speaker_move",
            "proceedings_speaker_remove",
        ],
        POST_ONLY,
    ),
}


# The object a URL's <int:pk> names, when it is not a programme item.
OBJECT_OF = {
    "proceedings_vote_correct": "proceedings_vote",
    "proceedings_speaker_spoken": "proceedings_speaker",
    "proceedings_speaker_move": "proceedings_speaker",
    "proceedings_speaker_remove": "proceedings_speaker",
}


def world(base: dict[str, object]) -> dict[str, object]:
    campaign = base["election"].congress.campaign  # type: ignore[attr-defined]
    congress = Congress.objects.get(campaign=campaign, organisation__code="188")
    do_create_default_programme(congress, acting_user=staff())
    items = list(AgendaItem.objects.filter(congress=congress).order_by("position"))
    speaker = do_add_speaker(items[0], full_name="Hoàng Văn Minh", acting_user=staff())
    # A counted show of hands, written as the hall had it: the correction form's object.
    vote = ShowOfHands.objects.create(
        item=items[1],
        congress=congress,
        motion=items[1].title,
        agree=3,
        disagree=0,
        abstain=0,
        present=3,
        summoned=3,
        rule=items[1].vote_rule,
        needed=2,
        adopted=True,
        recorded_at=timezone.now(),
        recorded_by_name="locbinh",
    )
    return {
        "proceedings_congress": congress,
        "proceedings_item": items[0],
        "proceedings_speaker": speaker,
        "proceedings_vote": vote,
    }


def url(name: str, route: str, world: dict[str, object]) -> str:
    congress: Congress = world["proceedings_congress"]  # type: ignore[assignment]
    kwargs: dict[str, object] = {"campaign": congress.campaign.slug, "code": "188"}
    if "<int:pk>" in route:
        kwargs["pk"] = world[OBJECT_OF.get(name, "proceedings_item")].pk  # type: ignore[attr-defined]
    return reverse(name, kwargs=kwargs)
