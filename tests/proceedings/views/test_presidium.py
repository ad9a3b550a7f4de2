"""The presidium's page and an item's page as people see them: who gets controls, which links."""

from __future__ import annotations

import pytest

from daihoi.proceedings.models import ItemKind
from tests.conftest import login
from tests.proceedings.helpers import (
    congress_at_loc_binh,
    item_of,
    programme,
    reader,
    url,
)

pytestmark = pytest.mark.django_db


def main(page: str) -> str:
    """The page's own content, without the header's forms (search, language, log out)."""
    return page[page.index("<main") : page.index("</main>")]


def test_outside_the_subtree_the_day_does_not_exist():
    congress = congress_at_loc_binh()
    programme(congress)
    client = login("lanhdao")  # leader of Thái Bình: outside Lộc Bình
    assert client.get(url(congress, "proceedings_presidium")).status_code == 404
    typist_view = login("daibieu")  # a delegate below Lộc Bình: the district's congress is above
    assert typist_view.get(url(congress, "proceedings_projector")).status_code == 404


def test_a_reader_in_the_subtree_sees_the_programme_without_controls():
    congress = congress_at_loc_binh()
    programme(congress)
    client = login("locbinh")
    client.force_login(reader())
    page = client.get(url(congress, "proceedings_presidium")).content.decode()
    assert "Bầu Đoàn Chủ tịch đại hội" in page
    assert 'method="post"' not in main(page)


def test_the_pages_answer_only_get():
    congress = congress_at_loc_binh()
    item = programme(congress)[0]
    client = login("locbinh")
    for path in (
        url(congress, "proceedings_presidium"),
        url(congress, "proceedings_item", pk=item.pk),
    ):
        assert client.post(path, {"action": "default"}).status_code == 405


def test_an_item_of_another_congress_is_not_found():
    congress = congress_at_loc_binh()
    programme(congress)
    other = congress_at_loc_binh("dien-bien-khac")
    foreign = programme(other)[0]
    response = login("locbinh").get(url(congress, "proceedings_item", pk=foreign.pk))
    assert response.status_code == 404


def test_the_row_controls_are_told_apart_by_kind():
    congress = congress_at_loc_binh()
    item = programme(congress)[0]
    page = login("locbinh").get(url(congress, "proceedings_presidium")).content.decode()
    row = page[page.index(f'id="item-{item.pk}"') :]
    row = row[: row.index("</tr>")]
    assert '<button name="state" value="current">' in row  # the step forward: the page's red
    assert 'value="done" class="secondary"' in row
    assert 'value="up" class="secondary"' in row and 'value="down" class="secondary"' in row
    assert 'class="danger" data-confirm=' in row
    assert 'name="action"' not in page


def test_the_congress_page_links_to_the_day():
    from django.urls import reverse

    congress = congress_at_loc_binh()
    page = login("locbinh").get(
        reverse("congress_detail", kwargs={"campaign": congress.campaign.slug, "code": "188"})
    )
    text = page.content.decode()
    assert url(congress, "proceedings_presidium") in text
    assert url(congress, "proceedings_projector") in text


# --- an election item links its election -----------------------------------------------------


def test_the_election_item_links_the_congress_s_election():
    from django.urls import reverse

    from daihoi.elections.models import Election

    congress = congress_at_loc_binh()
    programme(congress)
    election = Election.objects.create(
        congress=congress, kind="committee", title="Bầu Ban Chấp hành Đảng bộ huyện", seats=3
    )
    item = item_of(congress, ItemKind.ELECTIONS)
    link = reverse("election_detail", kwargs={"pk": election.pk})
    client = login("locbinh")
    presidium = client.get(url(congress, "proceedings_presidium")).content.decode()
    row = presidium[presidium.index(f'id="item-{item.pk}"') :]
    assert f'href="{link}"' in row[: row.index("</tr>")]
    page = client.get(url(congress, "proceedings_item", pk=item.pk)).content.decode()
    assert f'href="{link}"' in page and election.title in page
    # Only the election item links it.
    other = item_of(congress, ItemKind.RESOLUTION)
    other_page = client.get(url(congress, "proceedings_item", pk=other.pk)).content.decode()
    assert f'href="{link}"' not in other_page


def test_without_an_election_the_item_links_nothing():
    congress = congress_at_loc_binh()
    programme(congress)
    item = item_of(congress, ItemKind.ELECTIONS)
    page = login("locbinh").get(url(congress, "proceedings_item", pk=item.pk)).content.decode()
    assert 'id="item-elections"' not in page and "/bau-cu/" not in main(page)
