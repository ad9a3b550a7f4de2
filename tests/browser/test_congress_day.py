"""In a real browser: ten cards scanned at the desk move the hall's screen; a vote reaches it.

The server is built as in test_counting_desk (a Lạng Sơn demo in a database of
its own, `daihoi serve`); before it starts, a short script gives Lộc Bình a
congress in a campaign of its own with twelve official delegates, an open
sitting and the default programme, and prints ten of their card tokens.

The projector is opened once and never reloaded: what changes on it comes
from its own polling. The desk is typed into the way a handheld scanner does
it (the token, then Enter).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.login import log_in as _log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS, DAIHOI, _require_chromium
from tests.support import own_database, serving

pytestmark = pytest.mark.browser

SUMMONED = 12  # two thirds of 12 is 8: ten present make the quorum
SETUP = """
import datetime as dt, json
import django
django.setup()
from daihoi.accounts.models import User
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.assembly.tokens import card_token
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.models import Congress
from daihoi.orgs.models import Organisation, Structure
from daihoi.proceedings.actions.programme import do_create_default_programme, do_set_item_state
from daihoi.proceedings.models import AgendaItem

staff = User.objects.get(username="locbinh")
structure = Structure.objects.get(code="2020")
campaign = do_create_campaign(
    "ngay-dai-hoi-thu", "Thử ngày đại hội", structure=structure,
    term_start=2020, term_end=2025, acting_user=None,
)
lb = Organisation.objects.get(structure=structure, code="188")
congress = Congress.objects.create(
    campaign=campaign, organisation=lb, org_path=lb.path, level=lb.level, term="2020-2025"
)
delegates = [
    do_add_delegate(congress, full_name=f"Đại Biểu Số {i + 1}", acting_user=staff)
    for i in range(SUMMONED_HERE)
]
do_open_sitting(
    congress, kind="preparatory", date=dt.date(2020, 7, 20), part="morning", acting_user=staff
)
do_create_default_programme(congress, acting_user=staff)
item = AgendaItem.objects.filter(congress=congress).order_by("position")[1]
do_set_item_state(item, "current", acting_user=staff)
print(json.dumps({
    "slug": campaign.slug, "item": item.title, "tokens": [card_token(d) for d in delegates[:10]],
}))
""".replace("SUMMONED_HERE", str(SUMMONED))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    """Serve a Lạng Sơn demo with Lộc Bình's congress day ready; yield (url, what SETUP made)."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("congress-day")
    with own_database(folder, "congressday") as url:
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
        # As at the venue: worker processes, so the desks' scans use both cores.
        with serving(env, "--workers", "2") as server:
            yield server, setup


def test_ten_scans_move_the_projector_and_a_vote_reaches_it(
    served: tuple[str, dict[str, Any]],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, setup = served
    base = f"{server}/dien-bien/{setup['slug']}/188"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # The hall's screen: opened once; counted how often it loads as a whole page.
            screen = browser.new_context().new_page()
            _log_in(screen, server, "locbinh")
            screen.goto(f"{base}/man-hinh/")
            loads: list[str] = []
            screen.on("load", lambda: loads.append(screen.url))
            expect(screen.locator("#screen-item")).to_have_text(setup["item"])
            expect(screen.locator("#screen-present")).to_have_text("0")
            expect(screen.locator("#screen-summoned")).to_have_text(str(SUMMONED))
            expect(screen.locator(".quorum-state")).to_contain_text("Chưa đủ")

            # The desk: the scanner types each card's token and Enter.
            # Opened as from another machine on the venue's LAN over plain http,
            # where browsers give no camera: the desk says so instead of hiding it.
            desk_context = browser.new_context()
            desk_context.add_init_script(
                "Object.defineProperty(window, 'isSecureContext', {value: false})"
            )
            desk = desk_context.new_page()
            _log_in(desk, server, "locbinh")
            desk.goto(f"{server}/dai-hoi/{setup['slug']}/188/diem-danh/")
            expect(desk.locator("#camera-button")).to_be_hidden()
            expect(desk.locator("#camera-note")).to_contain_text("https://")
            token = desk.locator("#token")
            expect(token).to_be_focused()
            for done, card in enumerate(setup["tokens"], start=1):
                token.focus()
                desk.keyboard.type(card)
                desk.keyboard.press("Enter")
                expect(desk.locator("#present")).to_have_text(str(done))
                if done == 5:
                    # Half-way, the screen has followed by itself, without reloading.
                    expect(screen.locator("#screen-present")).to_have_text("5", timeout=3000)
            expect(screen.locator("#screen-present")).to_have_text("10", timeout=3000)
            expect(screen.locator(".quorum-state")).to_contain_text("Đủ số đại biểu")

            # A card scanned twice changes nothing.
            token.focus()
            desk.keyboard.type(setup["tokens"][0])
            desk.keyboard.press("Enter")
            expect(desk.locator("#present")).to_have_text("10")

            # The secretariat records the show of hands of the item under way.
            presidium = browser.new_context().new_page()
            _log_in(presidium, server, "locbinh")
            presidium.goto(f"{base}/")
            expect(presidium.locator("#quorum-present")).to_have_text("10")
            form = presidium.locator("#current-item form.vote-form")
            # First more hands than delegates present: refused, with both numbers.
            form.locator("input[name=agree]").fill("10")
            form.locator("input[name=disagree]").fill("1")
            form.locator("input[name=abstain]").fill("0")
            form.get_by_role("button", name="Ghi kết quả biểu quyết").click()
            expect(presidium.locator(".msg.error")).to_contain_text("Tổng số biểu quyết là 11")
            expect(presidium.locator(".msg.error")).to_contain_text("số đại biểu có mặt là 10")
            form = presidium.locator("#current-item form.vote-form")
            form.locator("input[name=agree]").fill("9")
            form.locator("input[name=disagree]").fill("1")
            form.locator("input[name=abstain]").fill("0")
            form.get_by_role("button", name="Ghi kết quả biểu quyết").click()
            expect(presidium.locator(".msg.success")).to_contain_text("được thông qua")

            votes = screen.locator("#screen-votes")
            expect(votes).to_contain_text(setup["item"], timeout=3000)
            latest = votes.locator(".vote").first
            expect(latest.locator(".verdict")).to_have_text("THÔNG QUA")
            expect(latest.locator(".n b").first).to_have_text("9")
            assert loads == [], f"the projector reloaded: {loads}"
        finally:
            browser.close()
