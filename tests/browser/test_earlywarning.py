"""In a real browser: Lạng Sơn's department finds the units at risk from its dashboard,
filters them by a reason and follows the link to act on it (the live 2025 campaign).

Every page opened is checked for CSP violations and by axe-core at two widths
(tests/browser/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.demo import serve_demo
from tests.browser.login import log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser
DASHBOARD = "/tong-quan/dh-2025-2030/20/"
LOC_BINH = "06529"  # xã Lộc Bình: its personnel plan waits behind an open complaint


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("earlywarning")
    for url, _printed in serve_demo(folder, "earlywarning"):
        yield url


def test_the_department_goes_from_the_box_to_a_reason_and_acts(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            log_in(page, server, "langson2025")
            page.goto(f"{server}{DASHBOARD}")
            box = page.locator("#early-warning")
            expect(box).to_contain_text("Nguy cơ cao")
            box.get_by_role("link", name="Xem cả").click()
            expect(page.locator("h1")).to_contain_text("Cảnh báo sớm")
            page.get_by_role("link", name="Đơn thư chưa giải quyết").click()
            row = page.locator(f'li[data-org="{LOC_BINH}"]')
            expect(row).to_contain_text("đơn thư về nhân sự đang giải quyết")
            expect(page.locator("li[data-org]")).to_have_count(1)
            row.get_by_role("link", name="Xem đơn thư").click()
            expect(page).to_have_url(f"{server}/nhan-su/dh-2025-2030/{LOC_BINH}/")
            # The rule is on the page, in words.
            page.go_back()
            page.locator("#risk-rule summary").click()
            expect(page.locator("#risk-rule")).to_contain_text("Trung bình")
        finally:
            browser.close()
