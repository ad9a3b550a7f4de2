"""In a real browser: a province's department reports a held commune's results by the form.

The congress page names what the report lacks beside the step, with the link to the
report; the form refuses more women than members with the figure named and what was
typed kept; corrected, it reports the congress, which the page then shows as reported.
The server holds a Lạng Sơn demo in a database of its own; the script finds a commune of
the live 2025 campaign that is held, ran no election in the app and has no results yet.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.demo import serve_demo
from tests.browser.login import log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

SETUP = """
import django
django.setup()
from daihoi.campaigns.models import Congress
from daihoi.personnel.models import ElectedMember
congress = (
    Congress.objects.filter(campaign__slug="dh-2025-2030", state="held", level__rank=2)
    .exclude(elected__isnull=False).exclude(elections__isnull=False)
    .select_related("organisation").order_by("org_path").first()
)
print(congress.organisation.code)
"""
COMMITTEE = "\n".join(
    [
        "Hoàng Văn Thắng; Nam; 12/03/1974; Tày; ; x; Bí thư",
        "Lăng Thị Hà; Nữ; 02/09/1988; Nùng; x; x; Phó Bí thư",
        "Nông Văn Quý; Nam; 20/11/1978; Kinh; x; ;",
    ]
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    yield from serve_demo(tmp_path_factory.mktemp("results-report"), "results_report", SETUP)


def test_a_department_reports_a_held_commune_through_the_form(served: tuple[str, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, code = served
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            log_in(page, server, "langson2025")
            page.goto(f"{server}/dai-hoi/dh-2025-2030/{code}/")
            steps = page.locator("#steps")
            expect(steps).to_contain_text("Chưa có danh sách Ban Chấp hành trúng cử")
            expect(steps).to_contain_text("Chưa có danh sách đại biểu chính thức")
            steps.get_by_role("link", name="Báo cáo kết quả đại hội").click()

            figures = {
                "Số ủy viên Ban Chấp hành:": "3",
                "Nữ:": "5",
                "Tham gia lần đầu:": "2",
                "Dân tộc thiểu số:": "2",
                "Dưới 40 tuổi:": "1",
                "Ủy viên Ban Thường vụ:": "2",
            }
            for label, value in figures.items():
                page.get_by_label(label, exact=True).fill(value)
            page.get_by_label("Ban Chấp hành (mỗi dòng một người)").fill(COMMITTEE)
            page.get_by_label("Đại biểu chính thức dự đại hội cấp trên").fill("Hoàng Văn Thắng")
            page.get_by_role("button", name="Gửi báo cáo kết quả").click()
            page.locator("#confirm-dialog button[value=ok]").click()

            expect(page.locator("#report")).to_contain_text(
                "«Nữ» khai 5 người, nhiều hơn số ủy viên Ban Chấp hành (3)."
            )
            committee = page.get_by_label("Ban Chấp hành (mỗi dòng một người)")
            expect(committee).to_have_value(COMMITTEE)

            page.get_by_label("Nữ:", exact=True).fill("1")
            page.get_by_role("button", name="Gửi báo cáo kết quả").click()
            page.locator("#confirm-dialog button[value=ok]").click()
            expect(page.locator(".msg.success")).to_contain_text("Đã báo cáo kết quả đại hội.")
            expect(page.locator("#steps li.done").last).to_contain_text("Đã báo cáo kết quả")
            expect(page.locator("#results")).to_contain_text("Ủy viên Ban Chấp hành")
        finally:
            browser.close()
