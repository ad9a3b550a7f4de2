"""Every page a browser test opens must run under the Content-Security-Policy unharmed,
and pass axe-core's WCAG 2.1 A/AA rules without a serious or critical violation.

An autouse fixture wraps Playwright's Browser.new_page and Browser.new_context, so
each page of every test is watched without the tests doing anything: a script added
before any of the page's own listens for `securitypolicyviolation` events, and the
console is read for Chromium's "Refused to …" reports. A second script, axe-core
itself (installed from the npm registry by `make install`, see tests/browser/axe.py),
checks each document once it has loaded, at the width the test opened it, and reports
serious and critical violations on the console. Closing the browser waits for the
checks still running. A test whose pages reported any violation fails at teardown
with the list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import axe

# Runs in every document before its own scripts (CDP's addScriptToEvaluateOnNewDocument,
# which the page's CSP does not govern) and reports each violation on the console.
REPORTER = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.effectiveDirective + " blocked " +
                (event.blockedURI || "inline") + " on " + event.documentURI);
});
"""
MARKERS = (
    "CSP violation:",
    "Content Security Policy",
    "Permissions policy violation",
    axe.MARKER,
)


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
    original_close = Browser.close
    checker = axe.init_script()

    def watch_context(context: BrowserContext) -> BrowserContext:
        context.add_init_script(REPORTER)
        context.add_init_script(checker)
        context.on("page", lambda page: _watch(page, seen))
        return context

    def new_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
        return watch_context(original_new_context(self, *args, **kwargs))

    def new_page(self: Browser, *args: Any, **kwargs: Any) -> Any:
        page = original_new_page(self, *args, **kwargs)
        # The page came with a context of its own, made before we could listen to it.
        page.context.add_init_script(REPORTER)
        page.context.add_init_script(checker)
        _watch(page, seen)
        return page

    def close(self: Browser, *args: Any, **kwargs: Any) -> None:
        for context in self.contexts:
            for page in context.pages:
                axe.wait_for_checks(page)
        original_close(self, *args, **kwargs)

    monkeypatch.setattr(Browser, "new_context", new_context)
    monkeypatch.setattr(Browser, "new_page", new_page)
    monkeypatch.setattr(Browser, "close", close)
    yield seen
    if seen:
        pytest.fail(
            "Content-Security-Policy or accessibility violations:\n" + "\n".join(seen),
            pytrace=False,
        )
