"""Pages with delegates' names, credentials and signed cards are never kept by the browser
(issue 15.2): a venue computer is shared, and Back after sign-out must not show them."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.assembly.helpers import loc_binh_congress, open_sitting, page_urls, register, staff

pytestmark = pytest.mark.django_db


def test_every_page_of_the_register_cards_desk_and_quorum_says_no_store() -> None:
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=0)
    open_sitting(congress)
    client = Client()
    client.force_login(staff())
    for name, url in page_urls(congress).items():
        response = client.get(url)
        assert response.status_code == 200, name
        cache = response.get("Cache-Control", "")
        assert "no-store" in cache and "private" in cache, (name, cache)
    # Before sign-in too: the redirect to the login page is not cached either.
    anonymous = Client().get(page_urls(congress)["cards"])
    assert "no-store" in anonymous.get("Cache-Control", "")
