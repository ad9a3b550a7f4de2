"""Follow every same-site link a persona sees, breadth-first from its home, as a browser would."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

# Not pages of the site: Django's admin, the language switch (POST), the API's own docs.
SKIPPED = ("/admin/", "/i18n/", "/api/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(page: str, base: str) -> list[str]:
    """The same-site URLs a page links to, without fragments, in page order."""
    parser = _Links()
    parser.feed(page)
    found = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver"):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith("/") and not path.startswith(SKIPPED):
                found.append(path)
    return found


@dataclass
class Crawl:
    statuses: dict[str, int] = field(default_factory=dict)
    # Where each URL was first found: the page to fix when it is dead.
    found_on: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def bad(self) -> dict[str, tuple[int, str]]:
        return {
            url: (status, self.found_on.get(url, ""))
            for url, status in self.statuses.items()
            if status != 200
        }

    def reached(self, name_part: str) -> bool:
        return any(name_part in url for url in self.statuses)


def crawl(client: Client, start: str = "/", *, limit: int = 150) -> Crawl:
    """GET pages breadth-first from start, following links, up to `limit` pages.

    Redirects are followed (a page that redirects to a 200 counts as 200); links
    with a query string wait until the plain pages are all visited.
    """
    result = Crawl()
    queue: deque[str] = deque([start])
    # The same page with other filters (?page=2, ?ngay=…) after every other page.
    variants: deque[str] = deque()
    seen = {start}
    while (queue or variants) and len(result.statuses) < limit:
        url = queue.popleft() if queue else variants.popleft()
        try:
            response = client.get(url, follow=True)
        except Exception as exc:  # noqa: BLE001 - a crashing page is one more dead link to list
            result.statuses[url] = 500
            result.errors[url] = repr(exc)[:200]
            continue
        result.statuses[url] = response.status_code
        if response.status_code != 200:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in links(response.content.decode(), url):
            if link not in seen:
                seen.add(link)
                result.found_on[link] = url
                (variants if "?" in link else queue).append(link)
    return result
