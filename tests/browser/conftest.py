"""Every page a browser test opens must run under the Content-Security-Policy unharmed.

An autouse fixture wraps Playwright's Browser.new_page and Browser.new_context, so
each page of every test is watched without the tests doing anything: a script added
before any of the page's own listens for `securitypolicyviolation` events, and the
console is read for Chromium's "Refused to …" reports. A test whose pages reported
any violation fails at teardown with the list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

# Runs in every document before its own scripts (CDP's addScriptToEvaluateOnNewDocument,
# which the page's CSP does not govern) and reports each violation on the console.
REPORTER = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.effectiveDirective + " blocked " +
                (event.blockedURI || "inline") + " on " + event.documentURI);
});
"""
MARKERS = ("CSP violation:", "Content Security Policy", "Permissions policy violation")


def _watch(page: Any, seen: list[str]) -> None:
    def on_console(message: Any) -> None:
        text = message.text
        if any(marker in text for marker in MARKERS):
            seen.append(f"{page.url}: {text}")

    page.on("console", on_console)


@pytest.fixture(autouse=True)
def csp_violations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Collect the CSP violations of every page the test opens; fail the test if any."""
    from playwright.sync_api import Browser, BrowserContext

    seen: list[str] = []
    original_new_context = Browser.new_context
    original_new_page = Browser.new_page

    def watch_context(context: BrowserContext) -> BrowserContext:
        context.add_init_script(REPORTER)
        context.on("page", lambda page: _watch(page, seen))
        return context

    def new_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
        return watch_context(original_new_context(self, *args, **kwargs))

    def new_page(self: Browser, *args: Any, **kwargs: Any) -> Any:
        page = original_new_page(self, *args, **kwargs)
        # The page came with a context of its own, made before we could listen to it.
        page.context.add_init_script(REPORTER)
        _watch(page, seen)
        return page

    monkeypatch.setattr(Browser, "new_context", new_context)
    monkeypatch.setattr(Browser, "new_page", new_page)
    yield seen
    if seen:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(seen), pytrace=False)
