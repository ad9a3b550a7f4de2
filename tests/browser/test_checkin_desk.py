"""In a real browser: a name search's rows answer their own text, and a check-in is undone.

Issue 14 (7): while a search was in flight the previous rows stayed clickable, and
clicking fast checked in the wrong delegates. Here the answer to the next search
is held back (Playwright's page.route) while the clerk clicks a row of the
previous one: nobody is checked in. A late answer to an older search is dropped.
Then a check-in is undone from the desk with a reason.

The server is built as in test_congress_day (a Lạng Sơn demo in a database of its
own, `daihoi serve`); a short script gives Lộc Bình a congress with four named
delegates and an open sitting. What was written is read back from the database
by another short script.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.login import log_in as _log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS, DAIHOI, _require_chromium
from tests.support import own_database, serving

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

pytestmark = pytest.mark.browser

SETUP = """
import datetime as dt, json
import django
django.setup()
from daihoi.accounts.models import User
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.models import Congress
from daihoi.orgs.models import Organisation, Structure

staff = User.objects.get(username="locbinh")
structure = Structure.objects.get(code="2020")
campaign = do_create_campaign(
    "ban-diem-danh-thu", "Thử bàn điểm danh", structure=structure,
    term_start=2020, term_end=2025, acting_user=None,
)
lb = Organisation.objects.get(structure=structure, code="188")
congress = Congress.objects.create(
    campaign=campaign, organisation=lb, org_path=lb.path, level=lb.level, term="2020-2025"
)
for name in ("Nguyễn Văn An", "Nguyễn Văn Bình", "Trần Thị Cúc", "Trần Văn Dũng"):
    do_add_delegate(congress, full_name=name, acting_user=staff)
sitting = do_open_sitting(
    congress, kind="preparatory", date=dt.date(2020, 7, 20), part="morning", acting_user=staff
)
print(json.dumps({"slug": campaign.slug, "sitting": sitting.pk}))
"""

READ_BACK = """
import json, sys
import django
django.setup()
from daihoi.assembly.models import CheckIn, CheckInUndo
sitting = int(sys.argv[1])
print(json.dumps({
    "checked_in": sorted(
        CheckIn.objects.filter(sitting_id=sitting).values_list("delegate__full_name", flat=True)
    ),
    "undone": [
        [u.delegate.full_name, u.reason, u.undone_by.username]
        for u in CheckInUndo.objects.filter(sitting_id=sitting).select_related(
            "delegate", "undone_by"
        )
    ],
}))
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    """Serve a Lạng Sơn demo with Lộc Bình's desk ready; yield (url, what SETUP made)."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("checkin-desk")
    with own_database(folder, "checkindesk") as url:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "daihoi.settings"}
        subprocess.run(
            [DAIHOI, "demo", "--provinces", "20"],
            env={k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"},
            check=True,
            capture_output=True,
        )
        made = subprocess.run(
            [sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True
        )
        setup = json.loads(made.stdout.strip().splitlines()[-1])
        setup["env"] = env
        with serving(env) as server:
            yield server, setup


def _written(setup: dict[str, Any]) -> dict[str, Any]:
    """What the server wrote, read from its database."""
    out = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(setup["sitting"])],
        env=setup["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _search_for(text: str) -> Any:
    """A predicate on the desk's search requests for exactly `text`."""
    from urllib.parse import parse_qs, urlparse

    def matches(url: str) -> bool:
        parsed = urlparse(url)
        return "/tim/" in parsed.path and parse_qs(parsed.query).get("q") == [text]

    return matches


def test_a_row_of_the_previous_search_checks_nobody_in_and_an_undo_takes_one_back(
    served: tuple[str, dict[str, Any]],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, setup = served
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page: Page = browser.new_context().new_page()
            _log_in(page, server, "locbinh")
            page.goto(f"{server}/dai-hoi/{setup['slug']}/188/diem-danh/")
            name = page.locator("#name")
            rows = page.locator("#found li")

            # "nguyen": An and Bình, clickable.
            name.fill("nguyen")
            expect(rows).to_have_count(2)
            expect(rows.first).to_contain_text("Nguyễn Văn An")
            expect(rows.first.locator("button")).to_be_enabled()

            # The answer for "tran" is held back; meanwhile An's row is still on screen.
            held: list[Route] = []
            page.route(_search_for("tran"), lambda route: held.append(route))
            name.fill("tran")
            stale = rows.first
            expect(stale).to_contain_text("Nguyễn Văn An")
            expect(stale).to_have_attribute("aria-disabled", "true")
            expect(stale).to_have_class("stale")
            expect(stale.locator("button")).to_be_disabled()
            page.wait_for_timeout(400)  # past the search's debounce: the request is held
            assert len(held) == 1
            # The clerk clicks fast on the stale row (force: past Playwright's own waiting).
            stale.locator("button").click(force=True)
            page.wait_for_timeout(300)
            assert _written(setup)["checked_in"] == []
            expect(page.locator("#result")).not_to_contain_text("đã điểm danh")
            # Even a request sent from the stale row (say by an older copy of the
            # script) is refused by the server: An does not match "tran".
            answer = page.evaluate(
                """async () => {
                  const desk = document.getElementById("desk");
                  const search = await fetch(desk.dataset.search + "?q=nguyen").then(r => r.json());
                  const an = search.results[0];
                  const body = new URLSearchParams({token: an.token, method: "name",
                                                    delegate: String(an.id), q: "tran"});
                  const r = await fetch(desk.dataset.checkin, {method: "POST", body,
                    headers: {"X-CSRFToken": desk.dataset.csrf}});
                  return [r.status, await r.json()];
                }"""
            )
            assert answer[0] == 400 and answer[1]["code"] == "mismatch"
            assert _written(setup)["checked_in"] == []

            # The held answer arrives: the rows are "tran"'s, and live.
            held.pop().continue_()
            expect(rows).to_have_count(2)
            expect(page.locator("#found")).not_to_contain_text("Nguyễn")
            expect(rows.first.locator("button")).to_be_enabled()

            # A late answer to an older search is dropped: "tran v" is held, "tran thi"
            # answers, then "tran v"'s answer comes; the list stays "tran thi"'s.
            page.route(_search_for("tran v"), lambda route: held.append(route))
            name.fill("tran v")
            page.wait_for_timeout(400)
            assert len(held) == 1
            name.fill("tran thi")
            expect(rows).to_have_count(1)
            expect(rows.first).to_contain_text("Trần Thị Cúc")
            held.pop().continue_()
            page.wait_for_timeout(500)
            expect(rows).to_have_count(1)
            expect(rows.first).to_contain_text("Trần Thị Cúc")
            expect(rows.first.locator("button")).to_be_enabled()

            rows.first.locator("button").click()
            expect(page.locator("#result")).to_contain_text("Trần Thị Cúc: đã điểm danh")
            expect(page.locator("#present")).to_have_text("1")
            assert _written(setup)["checked_in"] == ["Trần Thị Cúc"]

            # Undo from the list of the last check-ins, with a reason.
            recent = page.locator("#recent li").first
            expect(recent).to_contain_text("Trần Thị Cúc")
            recent.locator("summary").click()
            recent.locator("input[name=reason]").fill("Chọn nhầm người")
            recent.get_by_role("button", name="Xác nhận hoàn tác").click()
            expect(page.locator("body")).to_contain_text("Đã hoàn tác điểm danh của Trần Thị Cúc")
            expect(page.locator("#present")).to_have_text("0")
            written = _written(setup)
            assert written["checked_in"] == []
            assert written["undone"] == [["Trần Thị Cúc", "Chọn nhầm người", "locbinh"]]
        finally:
            browser.close()
