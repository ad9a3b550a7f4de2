"""Every role's main page on a phone, a tablet, a desk and a projector (issue 19 part 1).

One Lạng Sơn demo, with a Lộc Bình election in counting (a typist and the board's
head), a sitting open at the check-in desk, and the subcommittees' and a leader's
accounts of Lộc Bình. Each role signs in and opens its main pages at 390, 800, 1280
and 1920 px; at each width the page must not run wider than the screen, no table
cell holding a figure may be hidden, and axe-core must find nothing serious (the
conftest checks 390 and 1280 on every page; this test adds 800 and 1920).
Screenshots at 390 and 1920 px go to var/screenshots/ (ignored by git) for a person
to look at after a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.browser import axe
from tests.browser.demo import serve_demo
from tests.browser.login import log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

WIDTHS = (390, 800, 1280, 1920)
SHOT_WIDTHS = (390, 1920)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CAMPAIGN = "dh-2020-2025"
LOC_BINH = "188"

SETUP = """
import datetime as dt
import django
django.setup()
from daihoi.accounts.demo import DEMO_PASSWORD
from daihoi.accounts.models import User
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.campaigns.models import Congress
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.orgs.models import Organisation

staff = User.objects.get(username="locbinh")
lb = Organisation.objects.get(structure__code="2020", code="188")
congress = Congress.objects.filter(organisation=lb).order_by("pk").first()
election = do_create_election(
    congress, "delegates", 2, title="Bầu đại biểu dự Đại hội tỉnh", acting_user=staff
)
do_set_candidates(
    election, ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"], acting_user=staff
)
for username, full_name, role, team in (
    ("to1", "Người nhập tổ 1", "technical", 1),
    ("to2", "Người nhập tổ 2", "technical", 2),
    ("truongban", "Trưởng ban kiểm phiếu", "head", None),
):
    user = User.objects.create_user(
        username, password=DEMO_PASSWORD, organisation=lb,
        roles=["counting_board"], full_name=full_name,
    )
    do_add_board_member(election, user, role=role, team=team, acting_user=staff)
for username, full_name, role in (
    ("tieubanlb", "Tiểu ban văn kiện Lộc Bình", "subcommittee"),
    ("nhansulb", "Tiểu ban nhân sự Lộc Bình", "personnel"),
    ("lanhdaolb", "Lãnh đạo Huyện ủy Lộc Bình", "leader"),
):
    User.objects.create_user(
        username, password=DEMO_PASSWORD, organisation=lb, roles=[role], full_name=full_name
    )
do_transition_election(election, "list_adopted", acting_user=staff)
do_record_ballot_counts(election, issued=10, collected=10, acting_user=staff)
do_transition_election(election, "ballots_issued", acting_user=staff)
do_set_base(election, base=10, acting_user=staff)
do_transition_election(election, "counting", acting_user=staff)
do_open_sitting(
    congress, kind="preparatory", date=dt.date(2020, 7, 30), part="morning", acting_user=staff
)
print(election.pk)
"""

# A table cell holding a figure that the page hides (display: none on it, its row or
# its table), outside a <details> the reader has not opened.
HIDDEN_FIGURES = """
() => Array.from(document.querySelectorAll("main td, main th"))
  .filter(c => /\\d/.test(c.textContent) && !c.closest("details:not([open])"))
  .filter(c => !c.checkVisibility())
  .map(c => c.textContent.trim().slice(0, 40))
"""
FIGURE_CELLS = """
() => Array.from(document.querySelectorAll("main td, main th"))
  .filter(c => /\\d/.test(c.textContent)).length
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """Serve a Lạng Sơn demo with the roles above in Lộc Bình; yield (url, election pk)."""
    for server, printed in serve_demo(tmp_path_factory.mktemp("screens"), "screens", SETUP):
        yield server, int(printed)


def _main_pages(election: int) -> dict[str, list[str]]:
    """Each role's account and the pages it works in, "" being where it lands."""
    congress = f"{CAMPAIGN}/{LOC_BINH}"
    return {
        "quantri": ["", "/tong-quan/"],
        "langson": ["", "/giao-dien/"],  # and the design system: every component
        "locbinh": [
            "",
            f"/dai-hoi/{congress}/dai-bieu/",
            f"/dai-hoi/{congress}/diem-danh/",
            f"/dien-bien/{congress}/",
        ],
        "to1": ["", f"/bau-cu/{election}/nhap/1/"],
        "truongban": [f"/bau-cu/{election}/doi-chieu/"],
        "tieubanlb": ["", f"/du-thao/{congress}/"],
        "nhansulb": ["", f"/nhan-su/{congress}/"],
        "daibieu": ["", f"/du-thao/{CAMPAIGN}/{LOC_BINH}/doc/"],
        "lanhdaolb": [""],
    }


def _look_at(page: Any, username: str, path: str, shots: list[Path]) -> list[str]:
    """Open the page at each width; return what is wrong with it, in words."""
    problems: list[str] = []
    name = f"{username}-{path.strip('/').replace('/', '_') or 'home'}"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(50)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if overflow > width + 1:
            problems.append(f"{name} at {width} px runs {overflow} px wide")
        hidden = page.evaluate(HIDDEN_FIGURES)
        if hidden:
            problems.append(f"{name} at {width} px hides figures: {hidden[:5]}")
        if width in SHOT_WIDTHS:
            shot = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot)
    page.set_viewport_size({"width": 1280, "height": 900})
    # 390 and 1280 were checked by the conftest when the page was opened.
    problems += axe.check_at_widths(page, widths=(800, 1920))
    return problems


@pytest.mark.parametrize("username", list(_main_pages(0)))
def test_each_roles_main_pages_fit_every_screen(username: str, served: tuple[str, int]) -> None:
    from playwright.sync_api import sync_playwright

    server, election = served
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    shots: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            log_in(page, server, username)
            for path in _main_pages(election)[username]:
                if path:
                    answer = page.goto(server + path)
                    assert answer is not None and answer.status == 200, (path, answer)
                problems += _look_at(page, username, path or "", shots)
        finally:
            browser.close()
    assert problems == []
    assert all(shot.stat().st_size > 1000 for shot in shots)


@contextmanager
def _on_a_phone(server: str, username: str) -> Iterator[Any]:
    """A 390 px wide page, signed in as `username`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            log_in(page, server, username)
            yield page
        finally:
            browser.close()


def test_the_figures_of_the_dashboard_stay_on_a_phone(served: tuple[str, int]) -> None:
    """The third column (the counts) is there on a phone, in a table that scrolls."""
    from playwright.sync_api import expect

    server, _election = served
    with _on_a_phone(server, "locbinh") as page:
        page.goto(f"{server}/tong-quan/")
        assert page.evaluate(FIGURE_CELLS) > 3
        assert page.evaluate(HIDDEN_FIGURES) == []
        third = page.locator("main table.grid tbody tr").first.locator("td").nth(2)
        expect(third).to_be_visible()
        # The name column stays in view while the figures scroll under it.
        first = page.locator("main table.grid tbody tr").first.locator("td, th").first
        assert first.evaluate("c => getComputedStyle(c).position") == "sticky"
        # The country's six-digit counts ("276.837/276.837") wrap at their slash on a
        # card instead of running past the screen's edge.
        page.evaluate(
            "() => document.querySelectorAll('#progress-cards .held, #progress-cards .total')"
            ".forEach(figure => { figure.textContent = '276.837'; })"
        )
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('#progress-cards .card')].map(card =>"
            " Math.max(...[...card.querySelectorAll('.held, .total')].map(figure =>"
            " figure.getBoundingClientRect().right)) - card.getBoundingClientRect().right)"
        )
        assert overflow and max(overflow) <= 0, overflow


def test_the_header_folds_into_a_menu_on_a_phone(served: tuple[str, int]) -> None:
    from playwright.sync_api import expect

    server, _election = served
    with _on_a_phone(server, "locbinh") as page:
        header = page.locator("header.top")
        assert header.bounding_box()["height"] < 130  # type: ignore[index]
        overview = page.get_by_role("link", name="Tổng quan", exact=True)
        expect(overview).to_be_hidden()
        menu = page.get_by_role("button", name="Trình đơn")
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(overview).to_be_visible()
        page.set_viewport_size({"width": 1280, "height": 900})
        expect(menu).to_be_hidden()
        expect(overview).to_be_visible()
