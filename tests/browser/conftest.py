"""Every page a browser test opens must run under the Content-Security-Policy unharmed,
and pass axe-core's WCAG 2.1 A/AA rules without a serious or critical violation, on a
phone (390 px) and at a desk (1280 px).

An autouse fixture wraps Playwright's Browser.new_page and Browser.new_context, so
each page of every test is watched without the tests doing anything: a script added
before any of the page's own listens for `securitypolicyviolation` events, and the
console is read for Chromium's "Refused to …" reports. A second script, axe-core
itself (installed from the npm registry by `make install`, see tests/browser/axe.py),
checks each document once it has loaded, at the width the test opened it, and reports
serious and critical violations on the console.

Then each page is checked again at both widths (resized, checked, given its size back)
whenever the test is not acting on it: when `Page.goto` returns, and when the browser
closes (the document then open, and every other address the test reached by a GET
through a link or a redirect, opened again in the same signed-in context). A test
whose pages reported any violation fails at teardown with the list.
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


def _watch(page: Any, seen: list[str], visited: dict[str, str]) -> None:
    def on_console(message: Any) -> None:
        text = message.text
        if any(marker in text for marker in MARKERS):
            seen.append(f"{page.url}: {text}")

    def on_request(request: Any) -> None:
        # The documents of the page itself (not of a frame), and how they were asked for.
        if request.is_navigation_request() and request.frame.parent_frame is None:
            visited[request.url] = request.method

    page.on("console", on_console)
    page.on("request", on_request)


def _revisit(page: Any, urls: list[str]) -> None:
    """Open each address again in the test's page (its work is done).

    Page.goto is wrapped below: it checks each at both widths. The page's own context
    keeps the test's session; a page made by Browser.new_page cannot open a second
    one in it, so the same page goes to each address in turn.
    """
    from playwright.sync_api import Error

    def leave(dialog: Any) -> None:
        try:
            dialog.accept()
        except Error:  # the test's own handler answered it first
            pass

    if urls:
        # Leaving a page with unsaved edits asks first (the bulk editor): the test is done.
        page.on("dialog", leave)
    for url in urls:
        try:
            page.goto(url)
        except Error as error:
            # A link that downloads a file (an export) is no page to check.
            if "Download is starting" not in str(error) and "ERR_ABORTED" not in str(error):
                raise


@pytest.fixture(autouse=True)
def csp_violations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Collect the CSP violations of every page the test opens; fail the test if any."""
    from playwright.sync_api import Browser, BrowserContext, Page

    seen: list[str] = []
    # Per page: each address it loaded and the method (GET, POST) it was asked for with.
    visits: dict[Any, dict[str, str]] = {}
    checked: set[str] = set()
    original_new_context = Browser.new_context
    original_new_page = Browser.new_page
    original_close = Browser.close
    original_goto = Page.goto
    checker = axe.init_script()

    def watch(page: Any) -> None:
        _watch(page, seen, visits.setdefault(page, {}))

    def watch_context(context: BrowserContext) -> BrowserContext:
        context.add_init_script(REPORTER)
        context.add_init_script(checker)
        context.on("page", watch)
        return context

    def new_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
        return watch_context(original_new_context(self, *args, **kwargs))

    def new_page(self: Browser, *args: Any, **kwargs: Any) -> Any:
        page = original_new_page(self, *args, **kwargs)
        # The page came with a context of its own, made before we could listen to it.
        page.context.add_init_script(REPORTER)
        page.context.add_init_script(checker)
        watch(page)
        return page

    def goto(self: Page, url: str, *args: Any, **kwargs: Any) -> Any:
        response = original_goto(self, url, *args, **kwargs)
        # The test waits for this call: the page is loaded and nobody acts on it.
        if response is None or response.headers.get("content-type", "").startswith("text/html"):
            seen.extend(axe.check_at_widths(self))
            checked.update((url, self.url))
        return response

    def close(self: Browser, *args: Any, **kwargs: Any) -> None:
        for context in self.contexts:
            pages = list(context.pages)
            for page in pages:
                axe.wait_for_checks(page)
                if page.url not in checked and page.url.startswith("http"):
                    seen.extend(axe.check_at_widths(page))
                    checked.add(page.url)
            for page in pages:
                again = sorted(
                    url
                    for url, method in visits.get(page, {}).items()
                    if method == "GET" and url not in checked
                )
                checked.update(again)
                if not page.is_closed():
                    _revisit(page, again)
        original_close(self, *args, **kwargs)

    monkeypatch.setattr(Browser, "new_context", new_context)
    monkeypatch.setattr(Browser, "new_page", new_page)
    monkeypatch.setattr(Browser, "close", close)
    monkeypatch.setattr(Page, "goto", goto)
    yield seen
    if seen:
        pytest.fail(
            "Content-Security-Policy or accessibility violations:\n" + "\n".join(seen),
            pytrace=False,
        )
