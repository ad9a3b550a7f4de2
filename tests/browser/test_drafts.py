"""In a real browser: Lộc Bình's documents subcommittee uploads two rounds, reads the diff,
handles a comment, closes the round and exports the summary of comments.

The server is built as in test_find_loc_binh (a Lạng Sơn demo in a database of
its own, `daihoi serve`); everything else is done through the pages.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.login import log_in as _log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS, DAIHOI, _require_chromium
from tests.drafts.helpers import TEXT_1, TEXT_2, docx_bytes
from tests.support import own_database, serving

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CAMPAIGN = "dh-2020-2025"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    folder = tmp_path_factory.mktemp("drafts")
    with own_database(folder, "drafts") as url:
        env = {**os.environ, "DATABASE_URL": url, "DAIHOI_DATA_DIR": str(folder)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        subprocess.run(
            [DAIHOI, "demo", "--provinces", "20"], env=env, check=True, capture_output=True
        )
        with serving(env) as server:
            yield server


def _upload(page: Page, data: bytes, name: str) -> None:
    page.locator("#upload input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    )
    page.locator("#upload button").click()


def _close_round(page: Page) -> None:
    """Closing a round cannot be undone: the page asks first, and the question is confirmed."""
    page.locator("#close-round button").click()
    page.locator("dialog#confirm-dialog button[value=ok]").click()


def test_two_rounds_a_diff_a_handled_comment_a_closed_round_and_the_summary(
    served: str, tmp_path: Path
) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect, sync_playwright

    base = f"{served}/du-thao/{CAMPAIGN}/188/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            _log_in(page, served, "locbinh")

            # Open the political report and upload its first round as a Word file.
            page.goto(base)
            page.locator("#new-document select[name=kind]").select_option("political_report")
            page.locator("#new-document button").click()
            expect(page.locator("h1")).to_contain_text("Báo cáo chính trị")
            _upload(page, docx_bytes(TEXT_1), "du-thao-1.docx")
            expect(page.locator(".msg.success")).to_contain_text("dự thảo lần 1 (5 đoạn)")

            # Send it for comments, and record one from a retired cadre on paragraph 1:1.
            page.get_by_role("link", name="Dự thảo lần 1").click()
            expect(page.locator("#p-1\\:1")).to_contain_text("Kinh tế tăng trưởng khá")
            page.locator("#circulate input[name=deadline]").fill("15/03/2020")
            page.locator("#circulate button").click()
            expect(page.locator("#round-state")).to_contain_text("Đang lấy ý kiến")
            page.get_by_role("link", name="Ý kiến góp ý").first.click()
            form = page.locator("#add-comment")
            form.locator("select[name=paragraph]").select_option("1:1")
            form.locator("select[name=source_group]").select_option("retired")
            form.locator("input[name=source_name]").fill("Đồng chí Hoàng Văn Lão")
            form.locator("input[name=received_on]").fill("05/03/2020")
            form.locator("textarea[name=text]").fill(
                "Đề nghị nói rõ tăng trưởng nhanh và bền vững."
            )
            form.locator("button").click()
            expect(page.locator("#comments")).to_contain_text("Đồng chí Hoàng Văn Lão")

            # The round cannot close while that comment has no handling.
            page.goto(f"{base}political_report/lan-1/")
            _close_round(page)
            expect(page.locator(".msg.error")).to_contain_text(
                "còn 1 ý kiến chưa có hình thức xử lý"
            )

            # The second round takes the comment in; the diff shows what changed.
            page.goto(f"{base}political_report/")
            _upload(page, docx_bytes(TEXT_2), "du-thao-2.docx")
            expect(page.locator(".msg.success")).to_contain_text("dự thảo lần 2 (6 đoạn)")
            page.get_by_role("link", name="So sánh các lần dự thảo").click()
            expect(page.locator("#diff-counts")).to_contain_text("1 đoạn sửa · 1 đoạn thêm")
            expect(page.locator("#diff tr.changed ins")).to_have_text("khá nhanh và bền vững,")
            expect(page.locator("#diff tr.added")).to_contain_text("Chuyển đổi số")

            # Handle the comment: accepted, applied in round 2; then the round closes.
            page.goto(f"{base}political_report/lan-1/gop-y/")
            page.locator("#comments input[name=ids]").check()
            page.locator("input[name=handling][value=accepted]").check()
            page.locator("textarea[name=response]").fill("Đã sửa đoạn 1:1.")
            page.locator("select[name=applied_in]").select_option("2")
            page.get_by_role("button", name="Ghi xử lý").click()
            expect(page.locator("#comments .handled")).to_contain_text(
                "Tiếp thu: Đã sửa đoạn 1:1. (đưa vào dự thảo lần 2)"
            )
            page.goto(f"{base}political_report/lan-1/")
            _close_round(page)
            expect(page.locator(".msg.success")).to_contain_text("Đã khép lại dự thảo lần 1")
            expect(page.locator("#round-state")).to_contain_text("Đã khép lại")

            # Export the summary of comments in both formats.
            with page.expect_download() as info:
                page.get_by_role("link", name="Tổng hợp (Excel)").click()
            xlsx = tmp_path / info.value.suggested_filename
            info.value.save_as(xlsx)
            book = load_workbook(xlsx)
            rows = {r[0]: r[1:] for r in book["Tổng hợp"].iter_rows(min_row=5, values_only=True)}
            assert rows["Cán bộ lão thành, cán bộ hưu trí"] == (1, 0, 0, 0, 1)
            with page.expect_download() as info:
                page.get_by_role("link", name="Tổng hợp (Word)").click()
            from docx import Document

            saved = tmp_path / info.value.suggested_filename
            info.value.save_as(saved)
            text = "\n".join(p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs)
            assert "Đồng chí Hoàng Văn Lão" in text and "Tiếp thu: Đã sửa đoạn 1:1." in text
        finally:
            browser.close()
