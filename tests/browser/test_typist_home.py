"""In a real browser: a typist signs in and reaches their desk in at most two clicks (17.1).

A Sóc Trăng demo (its board keys the election of delegates to the national
congress: nhapphieu1 on team 1) served from a database of its own. Screenshots of
the typist's home at 390 and 1920 px go to var/screenshots/ (ignored by git).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.demo import serve_demo
from tests.browser.login import log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    for url, _printed in serve_demo(
        tmp_path_factory.mktemp("typist-home"), "typisthome", provinces="94"
    ):
        yield url


@pytest.mark.parametrize("width", [390, 1920])
def test_a_typist_reaches_their_desk_in_one_click_from_signing_in(server: str, width: int) -> None:
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
            log_in(page, server, "nhapphieu1")
            # Signed in, the typist is home: their elections, the one being counted first.
            assert page.url.rstrip("/") == server
            desk = page.get_by_role("link", name="Vào bàn nhập phiếu (tổ 1)")
            expect(desk).to_be_visible()
            expect(page.get_by_role("link", name="Cây tổ chức")).to_have_count(0)
            page.screenshot(path=SCREENSHOTS / f"typist-home-{width}.png", full_page=True)
            desk.click()  # the one click
            expect(page).to_have_url(re.compile(r"/bau-cu/\d+/nhap/1/$"))
            expect(page.locator("#desk-line")).to_be_focused()
            page.screenshot(path=SCREENSHOTS / f"typist-desk-{width}.png", full_page=True)
        finally:
            browser.close()
