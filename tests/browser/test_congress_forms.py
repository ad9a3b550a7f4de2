"""In a real browser: the congress page's forms keep what they hold when a write is refused.

A refused approval (personnel before documents) comes back with its reason next to the
approval, the congress form as saved and the note as typed, no hidden field's error. In
the bulk date editor, one bad row keeps every other edit, marks and focuses the bad
field, and leaving the page with the unsaved table asks first (beforeunload).
The server holds a Lạng Sơn demo in a database of its own; a short script clears
Đồng Bục's approvals and sends its personnel plan up, so its approval is refused.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.demo import serve_demo
from tests.browser.login import log_in as _log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser
CONGRESS = "/dai-hoi/dh-2020-2025/06553/"
BULK = "/dai-hoi/dh-2020-2025/188/cap-nhat/?cap=co-so"

SETUP = """
import django
django.setup()
from daihoi.accounts.models import User
from daihoi.campaigns.actions.submissions import do_submit_congress
from daihoi.campaigns.models import Approval, Congress, Submission
from daihoi.personnel.models import CandidateList
congress = Congress.objects.get(campaign__slug="dh-2020-2025", organisation__code="06553")
Approval.objects.filter(congress=congress).delete()
Submission.objects.filter(congress=congress).delete()
# Its documents are on paper: the demo's draft (and the drafts panel's blockers) go.
from daihoi.drafts.models import Comment, DraftDocument
Comment.objects.filter(round__document__congress=congress).delete()
DraftDocument.objects.filter(congress=congress).update(approved_round=None)
DraftDocument.objects.filter(congress=congress).delete()
Congress.objects.filter(pk=congress.pk).update(state="preparing")
# The commune has sent its personnel plan up, documents not yet approved.
CandidateList.objects.get_or_create(congress=congress, kind="committee", defaults={"seats": 9})
do_submit_congress(congress, "personnel", acting_user=User.objects.get(username="locbinh"))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    for url, _printed in serve_demo(
        tmp_path_factory.mktemp("congress-forms"), "congress_forms", SETUP
    ):
        yield url


def test_a_refused_approval_leaves_the_congress_form_as_typed(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            _log_in(page, server, "langson")
            page.goto(f"{server}{CONGRESS}")
            record = page.locator("#record")
            record.get_by_label("Ngày dự kiến").fill("12/03/2020")
            record.get_by_label("Rút kinh nghiệm").fill("Làm điểm cho cả huyện")
            record.get_by_role("button", name="Lưu").click()
            expect(page.locator(".msg.success")).to_contain_text("Đã lưu hồ sơ đại hội.")

            approval = page.locator("#approve-personnel")
            approval.get_by_label("Ý kiến của cấp trên").fill("Đồng ý phương án")
            approval.get_by_role("button", name="Duyệt nhân sự").click()

            expect(page.locator("#approve-personnel")).to_contain_text(
                "Cần duyệt văn kiện trước khi duyệt nhân sự."
            )
            expect(page.locator("#approve-personnel input[name=note]")).to_have_value(
                "Đồng ý phương án"
            )
            expect(record.get_by_label("Ngày dự kiến")).to_have_value("12/03/2020")
            expect(record.get_by_label("Rút kinh nghiệm")).to_have_value("Làm điểm cho cả huyện")
            expect(record.locator("[aria-invalid]")).to_have_count(0)
            expect(page.locator("body")).not_to_contain_text("Trường ẩn")
            expect(page.locator("body")).not_to_contain_text("bắt buộc")
        finally:
            browser.close()


def test_a_bulk_edit_with_one_bad_row_keeps_the_other_edits_and_marks_the_bad_one(
    server: str,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            _log_in(page, server, "locbinh")
            page.goto(f"{server}{BULK}")
            rows = page.locator("#bulk tbody tr[data-org]")
            expect(rows).to_have_count(50)
            first, second, third = (rows.nth(i) for i in range(3))
            original = first.locator("input[name$=planned_date]").input_value()
            first.locator("input[name$=planned_date]").fill("07/04/2020")
            second.locator("input[name$=planned_date]").fill("31/02/2020")
            third.locator("input[name$=held_date]").fill("")
            page.get_by_role("button", name="Lưu tất cả").click()

            expect(page.locator("#bulk-errors")).to_contain_text("chưa dòng nào được lưu")
            bad = second.locator("input[name$=planned_date]")
            expect(bad).to_have_value("31/02/2020")
            expect(bad).to_have_attribute("aria-invalid", "true")
            expect(bad).to_be_focused()
            expect(second).to_have_class("invalid")
            expect(second).to_contain_text("«31/02/2020» không hợp lệ")
            expect(first.locator("input[name$=planned_date]")).to_have_value("07/04/2020")
            expect(first).not_to_have_class("invalid")

            # The table came back unsaved: leaving asks first, and nothing was written.
            asked: list[str] = []

            def answer(dialog: object) -> None:
                asked.append(dialog.type)  # type: ignore[attr-defined]
                dialog.accept()  # type: ignore[attr-defined]

            page.on("dialog", answer)
            page.goto(f"{server}{BULK}")
            assert asked == ["beforeunload"]
            expect(rows.nth(0).locator("input[name$=planned_date]")).to_have_value(original)
        finally:
            browser.close()
