"""In a real browser: a commune submits, the district returns it with a reason, the commune
resubmits, the district approves from its approvals page; the approved documents are locked.

The server holds a Lạng Sơn demo in a database of its own; a short script puts Đồng Bục's
congress back to preparing, with no approval and its documents on paper, and gives the
commune a department account.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.demo import serve_demo
from tests.browser.login import log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser
CONGRESS = "/dai-hoi/dh-2020-2025/06553/"
APPROVALS = "/phe-duyet/dh-2020-2025/188/"
DRAFTS = "/du-thao/dh-2020-2025/06553/"
REASON = "Bổ sung báo cáo kiểm điểm của Ban Chấp hành"

SETUP = """
import django
django.setup()
from daihoi.accounts.models import User
from daihoi.campaigns.models import Approval, Congress, Submission
from daihoi.drafts.models import Comment, DraftDocument
congress = Congress.objects.get(campaign__slug="dh-2020-2025", organisation__code="06553")
Approval.objects.filter(congress=congress).delete()
Submission.objects.filter(congress=congress).delete()
# Its documents are on paper here: the demo's draft of its political report goes.
Comment.objects.filter(round__document__congress=congress).delete()
DraftDocument.objects.filter(congress=congress).update(approved_round=None)
DraftDocument.objects.filter(congress=congress).delete()
Congress.objects.filter(pk=congress.pk).update(state="preparing")
User.objects.create_user(
    "dongbuc", password="daihoi2020", organisation=congress.organisation, roles=["org_staff"]
)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("approvals")
    for url, _printed in serve_demo(folder, "approvals", SETUP):
        yield url


def test_submit_return_resubmit_approve_then_the_lock(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            commune = browser.new_context().new_page()
            log_in(commune, server, "dongbuc")
            commune.goto(f"{server}{CONGRESS}")
            send = commune.locator("#submit-documents")
            send.get_by_label("Văn kiện bản giấy").fill("Báo cáo chính trị\nĐề án nhân sự")
            send.get_by_role("button", name="Gửi xin duyệt").click()
            box = commune.locator("#approval-documents")
            expect(box).to_contain_text("Chờ cấp trên duyệt")

            district = browser.new_context().new_page()
            log_in(district, server, "locbinh")
            district.goto(f"{server}{APPROVALS}?trang-thai=cho-duyet")
            row = district.locator('tr[data-org="06553"]')
            expect(row).to_contain_text("Chờ duyệt")
            row.get_by_role("link").click()
            back = district.locator("#return-documents")
            back.get_by_label("Lý do trả lại").fill(REASON)
            back.get_by_role("button", name="Trả lại").click()
            expect(district.locator(".msg.success")).to_contain_text("Đã trả lại")

            commune.reload()
            expect(box).to_contain_text(REASON)
            # The paper documents sent last time are offered again; the commune adds one.
            paper = commune.locator("#submit-documents").get_by_label("Văn kiện bản giấy")
            expect(paper).to_have_value("Báo cáo chính trị\nĐề án nhân sự")
            paper.fill("Báo cáo chính trị\nBáo cáo kiểm điểm\nĐề án nhân sự")
            commune.get_by_role("button", name="Gửi lại xin duyệt").click()
            expect(box).to_contain_text("Chờ cấp trên duyệt")

            district.goto(f"{server}{APPROVALS}")
            district.locator("#unit-06553").check()
            district.get_by_role("button", name="Duyệt các đơn vị đã chọn").click()
            district.locator("#confirm-dialog button[value=ok]").click()
            expect(district.locator(".msg.success")).to_contain_text("Đã duyệt 1 đơn vị.")
            expect(district.locator('tr[data-org="06553"]')).to_have_attribute(
                "data-state", "da-duyet"
            )

            # Approved: the commune cannot open a document in the app until it is withdrawn.
            commune.goto(f"{server}{DRAFTS}")
            commune.locator("form[action$='/mo-van-kien/'] button[type=submit]").click()
            expect(commune.locator("body")).to_contain_text(
                "Văn kiện của đại hội đã được cấp trên duyệt"
            )
            commune.goto(f"{server}{CONGRESS}")
            expect(box).to_contain_text("Đã duyệt")
            expect(commune.locator("#submit-documents")).to_have_count(0)
        finally:
            browser.close()
