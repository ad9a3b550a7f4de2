"""In a real browser: a department follows its work queue from the header to the work (17.3).

A Sóc Trăng demo (its political report's 7th round has comments without a handling and
its delegates' election is being counted) served from a database of its own. The
conftest checks every page opened with axe-core at 390 and 1280 px. Screenshots of
the queue go to var/screenshots/ (ignored by git).
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
        tmp_path_factory.mktemp("work-queue"), "workqueue", provinces="94"
    ):
        yield url


@pytest.mark.parametrize("width", [390, 1920])
def test_the_department_opens_its_queue_from_the_header_and_reaches_the_comments(
    server: str, width: int
) -> None:
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
            log_in(page, server, "soctrang")
            menu = page.locator("[data-menu-toggle]")
            if menu.is_visible():  # on a phone the header's links are behind the menu
                menu.click()
            queue = page.get_by_role("link", name=re.compile(r"^Việc cần làm"))
            expect(queue.locator(".badge")).to_have_text("3")
            queue.click()
            expect(page).to_have_url(re.compile(r"/viec-can-lam/$"))
            expect(
                page.get_by_role("heading", name=re.compile("Ý kiến góp ý chờ xử lý"))
            ).to_be_visible()
            expect(
                page.get_by_role("heading", name=re.compile("Bầu cử chờ đối chiếu"))
            ).to_be_visible()
            page.screenshot(path=SCREENSHOTS / f"work-queue-{width}.png", full_page=True)
            page.get_by_role("link", name=re.compile("ý kiến chưa có hình thức xử lý")).click()
            expect(page).to_have_url(re.compile(r"/gop-y/\?xuly=chua$"))
        finally:
            browser.close()
