"""In a real browser: upload an organisation list, watch the progress bar fill, see it done."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS, _require_chromium, _serve
from tests.jobs.test_threaded import script
from tests.support import own_database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A Lạng Sơn demo served by `daihoi serve` from a database of its own; yield (url, env)."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("browser-jobs")
    with own_database(folder, "browserjobs") as url:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "daihoi.settings"}
        for served in _serve(folder, url):
            yield served, env


def test_a_province_officer_uploads_a_list_and_watches_it_written(
    server: tuple[str, dict[str, str]],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, env = server
    renaming = script(env, "csv").encode()  # every organisation of Lạng Sơn, renamed
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{url}/dang-nhap/")
            page.get_by_label("Tên đăng nhập").fill("langson")
            page.get_by_label("Mật khẩu").fill("daihoi2020")
            page.get_by_role("button", name="Đăng nhập").click()
            page.goto(f"{url}/to-chuc/2020/20/nhap/")
            page.locator("input[type=file]").set_input_files(
                {"name": "ds.csv", "mimeType": "text/csv", "buffer": renaming}
            )
            page.get_by_role("button", name="Kiểm tra và nhập").click()

            expect(page).to_have_url(f"{url}/viec/1/")
            status = page.locator("#job-status")
            # HTMX redraws the status every second while the server writes.
            expect(status).to_contain_text("Đang cập nhật tổ chức", timeout=60_000)
            expect(status.locator("progress")).to_be_visible()
            expect(status.get_by_role("button", name="Hủy")).to_be_visible()
            expect(status).to_contain_text("Đã nhập", timeout=120_000)
            rows = renaming.decode().count("\n") - 1
            expect(status).to_contain_text(f"Đã nhập {rows} dòng: thêm mới 0, cập nhật {rows}")
            expect(status.get_by_role("button", name="Hủy")).to_have_count(0)
            status.get_by_role("link", name="Xem kết quả").click()
            expect(page.locator("h1")).to_have_text("Đảng bộ tỉnh Lạng Sơn")
            expect(
                page.get_by_role("link", name="Đảng bộ thành phố Lạng Sơn (đổi tên)")
            ).to_be_visible()
        finally:
            browser.close()
