"""Printable cards (views/cards.py)."""

from __future__ import annotations

import pytest

from tests.assembly.helpers import loc_binh_congress, page_urls, register
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_cards_carry_a_qr_per_delegate_and_never_for_readers() -> None:
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=1)
    page = login("locbinh").get(page_urls(congress)["cards"])
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("<svg") == 3
    assert "Đại Biểu Số 1" in body and "ĐẠI BIỂU DỰ KHUYẾT" in body
