"""Headers (issue 15.6): a CSP with no inline script, the camera only at the desk, local Swagger.

What a security officer would check with the browser's developer tools: every
answer carries the Content-Security-Policy and the Permissions-Policy, the camera
is allowed on the check-in desk only, no template carries a script the policy
would have to allow inline, the API docs load nothing from another site, and
`daihoi check --deploy` has nothing to say about an https deployment.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from daihoi.campaigns.models import Campaign
from tests.conftest import login

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "daihoi"


def directives(response: object) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    header = response["Content-Security-Policy"]  # type: ignore[index]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def test_every_kind_of_answer_carries_the_csp_and_the_permissions_policy() -> None:
    staff = login("locbinh")
    answers = {
        "the login page": Client().get("/dang-nhap/"),
        "the home page": staff.get("/"),
        "a 404": staff.get("/khong-co/"),
        "the API": staff.get("/api/me"),
        "the API docs": staff.get("/api/docs"),
        "a static file": Client().get("/static/daihoi/site.css"),
    }
    for what, response in answers.items():
        assert response.status_code < 500, what
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], what
        assert policy["script-src"] == ["'self'"], what
        assert policy["object-src"] == ["'none'"], what
        assert policy["base-uri"] == ["'self'"], what
        assert policy["frame-ancestors"] == ["'none'"], what
        assert "camera=()" in response["Permissions-Policy"], what


def test_no_script_source_allows_inline_code_or_eval() -> None:
    policy = directives(Client().get("/dang-nhap/"))
    for name, sources in policy.items():
        if name.startswith("script-src") or name == "default-src":
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
            assert not any(s.startswith(("http:", "https:", "*")) for s in sources), sources


def test_the_camera_is_allowed_on_the_check_in_desk_only(demo_campaign: Campaign) -> None:
    staff = login("locbinh")
    desk = staff.get(reverse("assembly_desk", args=[demo_campaign.slug, "188"]))
    assert desk.status_code == 200
    assert "camera=(self)" in desk["Permissions-Policy"]
    quorum = staff.get(reverse("assembly_quorum", args=[demo_campaign.slug, "188"]))
    assert quorum.status_code == 200
    assert "camera=()" in quorum["Permissions-Policy"]
    assert "camera=(self)" not in staff.get("/")["Permissions-Policy"]


class _Scripts(HTMLParser):
    """Collect inline scripts, inline event handlers and javascript: links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            kind = (names.get("type") or "").lower()
            # JSON data islands are never executed; anything else would be.
            self._in_inline_script = kind not in ("application/json", "application/ld+json")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.found.append(f"<{tag} {name}=…>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}…")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def inline_code(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    return parser.found


def test_the_scanner_finds_what_the_policy_would_block() -> None:
    found = inline_code(
        '<script>alert(1)</script><button onclick="x()">b</button>'
        '<a href="javascript:void(0)">a</a><select onchange="f()"></select>'
        '<script src="/static/x.js"></script><script type="application/json">{}</script>'
    )
    assert len(found) == 4


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    templates = sorted(TEMPLATES.rglob("templates/**/*.html"))
    assert len(templates) > 50
    offenders = {
        str(t.relative_to(TEMPLATES)): found
        for t in templates
        if (found := inline_code(t.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_no_style_source_allows_inline_styles() -> None:
    """Styles come from our files only: an injected style= or <style> is refused."""
    policy = directives(Client().get("/dang-nhap/"))
    assert policy["style-src"] == ["'self'"]


class _Styles(HTMLParser):
    """Collect <style> blocks and style= attributes: what style-src 'self' refuses."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"<{tag} style={v}>" for k, v in attrs if k == "style"]


def inline_styles(html: str) -> list[str]:
    parser = _Styles()
    # A template's own comments ({# … #}) may name a tag without writing it.
    parser.feed(re.sub(r"\{#.*?#\}", "", html))
    return parser.found


def test_the_style_scanner_finds_blocks_and_attributes() -> None:
    found = inline_styles(
        '<style>p{}</style><p style="color:red">x</p><link rel="stylesheet">{# <style> #}'
    )
    assert found == ["<style>", "<p style=color:red>"]


def test_no_template_has_an_inline_style() -> None:
    templates = sorted(TEMPLATES.rglob("templates/**/*.html"))
    offenders = {
        str(t.relative_to(TEMPLATES)): found
        for t in templates
        if (found := inline_styles(t.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_pages_that_had_inline_styles_link_their_stylesheets() -> None:
    for path in ("elections/elections.css", "elections/screen.css", "personnel/personnel.css"):
        assert finders.find(path), path


def test_the_pages_that_had_inline_code_load_it_from_files(demo_campaign: Campaign) -> None:
    staff = login("locbinh")
    for name in ("assembly_desk", "assembly_quorum", "assembly_cards"):
        response = staff.get(reverse(name, args=[demo_campaign.slug, "188"]))
        assert response.status_code == 200, name
        assert inline_code(response.content.decode()) == [], name
    assert finders.find("daihoi/quorum.js") and finders.find("daihoi/page.js")


def test_htmx_is_told_not_to_evaluate_code_nor_inject_styles() -> None:
    body = login("locbinh").get("/", follow=True).content.decode()
    assert '"allowEval": false' in body and '"includeIndicatorStyles": false' in body


def test_every_template_that_loads_htmx_configures_it() -> None:
    """A page with htmx but without the setting gets htmx's own <style>, which CSP refuses."""
    loading = [t for t in TEMPLATES.rglob("templates/**/*.html") if "htmx_script" in t.read_text()]
    assert loading
    for template in loading:
        text = template.read_text(encoding="utf-8")
        assert '"includeIndicatorStyles": false' in text, template


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]


def test_the_api_docs_load_swagger_from_our_own_static_files() -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    parser = _Links()
    parser.feed(response.content.decode())
    assert any(u.endswith("swagger-ui-bundle.js") for u in parser.urls)
    for url in parser.urls:
        assert url.startswith("/static/"), url  # nothing from a CDN or another host
        assert finders.find(url.removeprefix("/static/")), url
    assert "cdn" not in response.content.decode().lower()


def test_check_deploy_is_clean_for_an_https_deployment() -> None:
    env = {
        **os.environ,
        "DAIHOI_HTTPS": "1",
        "DAIHOI_SECRET_KEY": secrets.token_urlsafe(64),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    daihoi = str(Path(sys.executable).with_name("daihoi"))
    result = subprocess.run(  # noqa: S603 - our own command
        [daihoi, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
