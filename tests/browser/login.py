"""Signing in as a person at a keyboard would, shared by the browser tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

PASSWORD = "daihoi2020"  # noqa: S105 - the demo's published password


def log_in(page: Page, server: str, username: str) -> None:
    """Type the username where the cursor already is, Tab, the password, Enter.

    Chromium applies `autofocus` at the next rendering step, which on a busy
    machine can come after the load event; typing before it lands types into
    nothing. Waiting for the focus keeps the check that the field has it.
    """
    from playwright.sync_api import expect

    page.goto(f"{server}/dang-nhap/")
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
