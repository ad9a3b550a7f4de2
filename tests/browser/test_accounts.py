"""In a real browser: a district department creates a typist's account, prints its sheet,
and the typist signs in with it and must choose a password of their own first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.login import log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS, _require_chromium, _serve
from tests.support import own_database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    folder = tmp_path_factory.mktemp("browser-accounts")
    with own_database(folder, "browseraccounts") as url:
        yield from _serve(folder, url)


def test_a_department_creates_a_typist_account_and_prints_its_sheet(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            log_in(page, server, "locbinh")
            page.goto(f"{server}/to-chuc/2020/188/")
            page.get_by_role("link", name="Tài khoản", exact=True).click()
            page.get_by_role("link", name="Tạo tài khoản").click()
            # Only the roles a district department may give: no administrator.
            expect(page.get_by_label("Quản trị hệ thống")).to_have_count(0)
            page.get_by_label("Tên đăng nhập").fill("nhapphieu-lb")
            page.get_by_label("Họ và tên").fill("Hoàng Thị Nhập")
            page.get_by_label("Thành viên ban kiểm phiếu").check()
            page.get_by_role("button", name="Tạo tài khoản và in phiếu").click()

            sheet = page.locator('section.sheet[data-username="nhapphieu-lb"]')
            expect(sheet).to_be_visible()
            expect(sheet.locator("svg")).to_be_visible()  # the sign-in page's QR code
            password = sheet.locator(".secret").nth(1).inner_text().strip()
            assert len(password) == 14, password
            # On paper: the sheet alone, without the site's header and buttons.
            page.emulate_media(media="print")
            expect(page.locator("header.top")).to_be_hidden()
            expect(page.get_by_role("button", name="In phiếu")).to_be_hidden()
            expect(sheet).to_be_visible()
            page.emulate_media(media="screen")

            typist = browser.new_context().new_page()
            typist.goto(f"{server}/dang-nhap/")
            typist.get_by_label("Tên đăng nhập").fill("nhapphieu-lb")
            typist.get_by_label("Mật khẩu").fill(password)
            typist.get_by_role("button", name="Đăng nhập").click()
            expect(typist.locator("h1")).to_have_text("Đổi mật khẩu")
            typist.get_by_label("Mật khẩu hiện tại").fill(password)
            typist.get_by_label("Mật khẩu mới", exact=True).fill("Rieng-cua-toi-2025")
            typist.get_by_label("Nhập lại mật khẩu mới").fill("Rieng-cua-toi-2025")
            typist.get_by_role("button", name="Đổi mật khẩu").click()
            expect(typist.get_by_text("Đã đổi mật khẩu.")).to_be_visible()
        finally:
            browser.close()
