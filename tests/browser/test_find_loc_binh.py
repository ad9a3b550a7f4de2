"""In a real browser against a real server: log in, find Lộc Bình, see its 388 cells."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.support import own_database, serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DAIHOI = str(Path(sys.executable).with_name("daihoi"))

pytestmark = pytest.mark.browser


def _require_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    message = f"Chromium is missing at {CHROMIUM} (apt-get install -y chromium)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build a Lạng Sơn demo in a database of its own and serve it with `daihoi serve`."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("browser")
    with own_database(folder, "browser") as url:
        yield from _serve(folder, url)


def _serve(folder: Path, url: str) -> Iterator[str]:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([DAIHOI, "demo", "--provinces", "20"], env=env, check=True, capture_output=True)
    try:
        with serving(env) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_province_officer_finds_loc_binh_and_sees_its_388_cells(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{server}/dang-nhap/")
            page.get_by_label("Tên đăng nhập").fill("langson")
            page.get_by_label("Mật khẩu").fill("daihoi2020")
            page.get_by_role("button", name="Đăng nhập").click()
            # Each role lands on its own work (issue 17.1); the search is in the header.
            expect(page.locator("h1")).to_have_text("Việc của tôi")

            page.get_by_role("searchbox").press_sequentially("loc binh", delay=30)
            # Under its parent's name: many units share a name (issue 17.6).
            popup = page.locator("#search-popup")
            expect(popup.get_by_text("Tổ chức", exact=True)).to_be_visible()
            result = popup.get_by_role(
                "link", name="Đảng bộ huyện Lộc Bình — Đảng bộ tỉnh Lạng Sơn", exact=True
            )
            expect(result).to_be_visible()
            result.click()

            expect(page.locator("h1")).to_have_text("Đảng bộ huyện Lộc Bình")
            expect(page.locator('[data-level="chi-bo"] .big')).to_have_text("388")
            expect(page.locator('[data-level="co-so"] .big')).to_have_text("58")
        finally:
            browser.close()


def test_loc_binh_reads_150_of_388_cells_on_20_february_2020(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{server}/dang-nhap/")
            page.get_by_label("Tên đăng nhập").fill("locbinh")
            page.get_by_label("Mật khẩu").fill("daihoi2020")
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_role("link", name="Tổng quan", exact=True).click()
            expect(page.locator("h1")).to_have_text("Đảng bộ huyện Lộc Bình")

            date = page.get_by_label("Số liệu tính đến ngày")
            date.fill("20/02/2020")
            date.press("Enter")

            cells = page.locator('#progress-cards [data-level="chi-bo"]')
            expect(cells.locator(".held")).to_have_text("150")
            expect(cells.locator(".total")).to_have_text("388")
            expect(page.get_by_label("Số liệu tính đến ngày")).to_have_value("20/02/2020")
        finally:
            browser.close()


def test_on_a_phone_the_header_folds_its_links_into_a_menu_and_the_keyboard_can_skip_it(
    server: str,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(f"{server}/dang-nhap/")
            page.get_by_label("Tên đăng nhập").fill("locbinh")
            page.get_by_label("Mật khẩu").fill("daihoi2020")
            page.get_by_role("button", name="Đăng nhập").click()
            overview = page.get_by_role("link", name="Tổng quan", exact=True)
            expect(overview).to_be_hidden()
            # The red header no longer takes a quarter of the screen.
            header = page.locator("header.top").bounding_box()
            assert header is not None and header["height"] < 130, header
            menu = page.get_by_role("button", name="Trình đơn")
            menu.click()
            expect(menu).to_have_attribute("aria-expanded", "true")
            overview.click()
            expect(page.locator("h1")).to_have_text("Đảng bộ huyện Lộc Bình")

            # The first Tab stop skips the header and lands in the page's content.
            page.keyboard.press("Tab")
            skip = page.get_by_role("link", name="Bỏ qua, tới nội dung chính")
            expect(skip).to_be_focused()
            expect(skip).to_be_in_viewport()
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == "main"

            icon = page.locator("link[rel=icon]").get_attribute("href")
            assert icon and page.request.get(f"{server}{icon}").status == 200
        finally:
            browser.close()
