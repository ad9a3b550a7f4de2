"""Who may open the proceedings pages: everyone who sees the congress reads them; staff write.

Writes are POSTs (refused with 403 to readers, see test_pages.py); every page here
reads, so the congress's subtree decides: 404 outside it, the login page for nobody.
"""

from __future__ import annotations

from django.urls import reverse

from daihoi.campaigns.models import Congress
from daihoi.proceedings.actions import do_add_speaker, do_create_default_programme
from daihoi.proceedings.models import AgendaItem
from tests.proceedings.helpers import staff

SCOPED_READ: list[object] = [200, 200, 200, 200, 404, 404, "login"]

MATRIX: dict[str, list[object]] = {
    "proceedings_presidium": SCOPED_READ,
    "proceedings_quorum": SCOPED_READ,
    "proceedings_item": SCOPED_READ,
    "proceedings_projector": SCOPED_READ,
    "proceedings_projector_live": SCOPED_READ,
    "proceedings_minutes_docx": SCOPED_READ,
}


def world(base: dict[str, object]) -> dict[str, object]:
    campaign = base["election"].congress.campaign  # type: ignore[attr-defined]
    congress = Congress.objects.get(campaign=campaign, organisation__code="188")
    do_create_default_programme(congress, acting_user=staff())
    item = AgendaItem.objects.filter(congress=congress).order_by("position").first()
    assert item is not None
    do_add_speaker(item, full_name="Hoàng Văn Minh", acting_user=staff())
    return {"proceedings_congress": congress, "proceedings_item": item}


def url(name: str, route: str, world: dict[str, object]) -> str:
    congress: Congress = world["proceedings_congress"]  # type: ignore[assignment]
    kwargs: dict[str, object] = {"campaign": congress.campaign.slug, "code": "188"}
    if "<int:pk>" in route:
        kwargs["pk"] = world["proceedings_item"].pk  # type: ignore[attr-defined]
    return reverse(name, kwargs=kwargs)
