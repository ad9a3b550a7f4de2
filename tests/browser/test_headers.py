"""In a real browser: the API docs and an error page load only our own files, under the CSP."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS, DAIHOI, _require_chromium
from tests.support import own_database, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty, migrated database served by `daihoi serve`: enough for the docs and a 404."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("headers")
    with own_database(folder, "headers") as url:
        env = {**os.environ, "DATABASE_URL": url}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        subprocess.run([DAIHOI, "migrate"], env=env, check=True, capture_output=True)
        try:
            with serving(env) as base:
                yield base
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def test_the_api_docs_draw_swagger_from_our_own_files(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(f"{server}/api/docs")
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("Đại hội API")
            expect(page.locator(".opblock-summary-path").first).to_be_visible()
            assert requested, "the page requested nothing"
            foreign = [url for url in requested if not url.startswith((server, "data:"))]
            assert foreign == []
        finally:
            browser.close()


def test_a_missing_page_is_in_vietnamese_with_the_way_home(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            answer = page.goto(f"{server}/khong-co-trang-nay/")
            assert answer is not None and answer.status == 404
            expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
            expect(page.get_by_role("link", name="Về trang chủ")).to_be_visible()
        finally:
            browser.close()


def test_an_inline_script_is_refused_and_reported(server: str, csp_violations: list[str]) -> None:
    """The conftest's watch itself: a script injected into a page is blocked and caught."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{server}/khong-co-trang-nay/")
            page.evaluate(
                """() => {
                    const s = document.createElement("script");
                    s.textContent = "document.body.dataset.injected = 'yes'";
                    document.body.appendChild(s);
                }"""
            )
            page.wait_for_timeout(300)
            assert page.evaluate("document.body.dataset.injected") is None
            assert any("script-src" in line for line in csp_violations), csp_violations
        finally:
            browser.close()
        # Seen and expected: clear it so the watch does not fail this test.
        csp_violations.clear()
