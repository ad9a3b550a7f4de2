"""Printable cards (views/cards.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.assembly.helpers import loc_binh_congress, page_urls, register
from tests.conftest import login

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[3] / "daihoi" / "assembly" / "static"


def test_cards_carry_a_qr_per_delegate_and_never_for_readers() -> None:
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=1)
    page = login("locbinh").get(page_urls(congress)["cards"])
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("<svg") == 3
    assert "Đại Biểu Số 1" in body and "ĐẠI BIỂU DỰ KHUYẾT" in body


def test_each_qr_code_scales_to_the_card_and_stands_in_its_middle() -> None:
    """A viewBox, no pixel size: the stylesheet's 55 mm draws the whole code, centred."""
    congress = loc_binh_congress()
    register(congress, officials=1, alternates=0)
    body = login("locbinh").get(page_urls(congress)["cards"]).content.decode()
    svg = re.search(r"<svg[^>]*>", body)
    assert svg is not None
    assert "viewBox=" in svg.group(0)
    assert "width=" not in svg.group(0) and "height=" not in svg.group(0)
    css = (STATIC / "assembly" / "cards.css").read_text(encoding="utf-8")
    assert re.search(r"\.card \.qr svg \{[^}]*width: 55mm;[^}]*margin: 0 auto;", css)
    # Two rows of A6 (148 mm) on an A4 sheet without margins: four whole cards a page.
    assert "@page { size: A4; margin: 0; }" in css and "grid-auto-rows: 148mm" in css


def test_a_large_register_prints_its_cards_a_page_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each page draws a bounded number of codes; the pager (not printed) leads to the rest."""
    from daihoi.assembly.views import cards

    monkeypatch.setattr(cards, "CARDS_PER_PAGE", 2)
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=1)
    client = login("locbinh")
    first = client.get(page_urls(congress)["cards"]).content.decode()
    assert first.count("<svg") == 2 and "3 thẻ" in first and "Trang này in thẻ 1–2." in first
    assert "?trang=2" in first  # the pager's next page
    second = client.get(page_urls(congress)["cards"] + "?trang=2").content.decode()
    assert second.count("<svg") == 1 and "Trang này in thẻ 3–3." in second
