"""In a real browser: build an 11-seat list of 13, see 18,18% and each target, then a complaint.

The server holds a Lạng Sơn demo in a database of its own (as in test_counting_desk);
a short script adds fourteen cadres of Lộc Bình, one with an open denunciation, and
the superior's approval of the documents, so personnel is next to approve.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.demo import serve_demo
from tests.browser.login import log_in as _log_in
from tests.browser.test_find_loc_binh import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

SETUP = """
import datetime as dt
import django
django.setup()
from django.utils import timezone
from daihoi.accounts.models import User
from daihoi.campaigns.models import Approval, Congress
from daihoi.orgs.models import Organisation
from daihoi.personnel.actions.complaints import do_register_complaint
from daihoi.personnel.actions.people import do_create_person

staff = User.objects.get(username="locbinh")
lb = Organisation.objects.get(structure__code="2020", code="188")
congress = Congress.objects.get(campaign__slug="dh-2020-2025", organisation=lb)
people = [
    ("Hoàng Văn An", "M", "1975-03-02", True), ("Nông Thị Bích", "F", "1982-06-15", False),
    ("Lý Văn Cường", "M", "1968-01-20", True), ("Vi Văn Dũng", "M", "1979-11-05", True),
    ("Lương Văn Đức", "M", "1971-08-08", True), ("Hà Thị Giang", "F", "1985-02-28", False),
    ("Triệu Văn Hải", "M", "1966-12-01", True), ("Mã Văn Hùng", "M", "1983-04-04", False),
    ("Chu Văn Khánh", "M", "1974-09-09", True), ("Lộc Văn Long", "M", "1972-07-07", True),
    ("Đinh Văn Minh", "M", "1969-05-05", True), ("Hoàng Văn Nam", "M", "1981-10-10", False),
    ("Nông Văn Phúc", "M", "1977-03-03", False), ("Lăng Văn Tùng", "M", "1976-06-06", True),
]
for name, gender, born, outgoing in people:
    person = do_create_person(
        lb,
        {"full_name": name, "gender": gender, "birth_date": dt.date.fromisoformat(born),
         "ethnicity": "Tày", "outgoing_committee": outgoing},
        acting_user=staff,
    )
do_register_complaint(
    congress, person,
    {"received": dt.date(2020, 6, 1), "anonymous": True, "classification": "to-cao",
     "content": "Tố cáo kê khai tài sản", "deadline": dt.date(2020, 6, 30)},
    acting_user=staff,
)
# The demo's congress is held; this one is still preparing its personnel plan.
Congress.objects.filter(pk=congress.pk).update(state="documents_approved")
Approval.objects.get_or_create(
    congress=congress, kind="documents",
    defaults={"approved_by": User.objects.get(username="langson"),
              "approver_organisation": Organisation.objects.get(structure__code="2020", code="20"),
              "at": timezone.now()},
)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("personnel")
    for url, _printed in serve_demo(folder, "personnel", SETUP):
        yield url


THIRTEEN = [
    "Hoàng Văn An", "Nông Thị Bích", "Lý Văn Cường", "Vi Văn Dũng", "Lương Văn Đức",
    "Hà Thị Giang", "Triệu Văn Hải", "Mã Văn Hùng", "Chu Văn Khánh", "Lộc Văn Long",
    "Đinh Văn Minh", "Hoàng Văn Nam", "Nông Văn Phúc",
]  # fmt: skip


def test_an_eleven_seat_list_of_thirteen_then_a_complaint_blocks_the_plan(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            _log_in(page, server, "locbinh")
            page.goto(f"{server}/dai-hoi/dh-2020-2025/188/")
            page.locator("#personnel-panel a").first.click()
            lists = page.locator("#lists")
            lists.get_by_label("Cơ quan bầu").select_option("committee")
            lists.get_by_label("Số lượng được bầu").fill("11")
            lists.get_by_role("button", name="Lập danh sách").click()
            expect(page.locator("h1")).to_contain_text("Danh sách nhân sự")

            for name in THIRTEEN:
                page.locator(f'#add button[data-name="{name}"]').click()
                expect(page.locator("#members")).to_contain_text(name)

            surplus = page.locator('#check tr[data-code="surplus"]')
            expect(surplus).to_contain_text("13 người / 11 được bầu: dư 18,18%")
            expect(surplus).to_contain_text("Đạt")
            expect(page.locator('#check tr[data-code="women"]')).to_contain_text("2/13 = 15,38%")
            expect(page.locator('#check tr[data-code="women"]')).to_contain_text("Đạt")
            # Nobody is proposed for the standing committee yet: no woman there.
            expect(page.locator('#check tr[data-code="woman-standing"]')).to_contain_text(
                "Chưa đạt"
            )
            for code in ("under-40", "age-40-50", "over-50", "renewal", "ethnic-minority"):
                expect(page.locator(f'#check tr[data-code="{code}"]')).to_be_visible()
            expect(page.locator("#blockers")).to_contain_text("đáp ứng các điều kiện bắt buộc")

            # The fourteenth has an open denunciation: flagged on the list, and blocking.
            expect(page.locator('#add button[data-name="Lăng Văn Tùng"]')).to_be_visible()
            page.locator('#add button[data-name="Lăng Văn Tùng"]').click()
            expect(page.locator("#members")).to_contain_text("Lăng Văn Tùng")
            expect(page.locator("#members .flag")).to_have_count(1)
            expect(page.locator("#blockers")).to_contain_text(
                "Lăng Văn Tùng có 1 đơn thư chưa giải quyết xong"
            )

            # Removing from the list asks first: going back keeps him, confirming removes him.
            row = page.locator("#members tr", has_text="Lăng Văn Tùng")
            dialog = page.locator("dialog#confirm-dialog")
            row.get_by_role("button", name="Bỏ", exact=True).click()
            expect(dialog).to_contain_text("Bỏ Lăng Văn Tùng khỏi danh sách?")
            dialog.get_by_role("button", name="Quay lại, không làm").click()
            expect(dialog).to_be_hidden()
            expect(page.locator("#members")).to_contain_text("Lăng Văn Tùng")
            row.get_by_role("button", name="Bỏ", exact=True).click()
            dialog.get_by_role("button", name="Bỏ", exact=True).click()
            expect(page.locator("#members")).not_to_contain_text("Lăng Văn Tùng")
            expect(page.locator("#members tbody tr")).to_have_count(13)
            # Added back: the plan below is blocked by his complaint.
            page.locator('#add button[data-name="Lăng Văn Tùng"]').click()
            expect(page.locator("#members .flag")).to_have_count(1)

            # The unit sends its plan up; the superior's approval is what the complaint blocks.
            page.goto(f"{server}/dai-hoi/dh-2020-2025/188/")
            page.locator("#submit-personnel").get_by_role("button").click()
            expect(page.locator("#approval-personnel")).to_contain_text("Chờ cấp trên duyệt")

            superior = browser.new_context().new_page()
            _log_in(superior, server, "langson")
            superior.goto(f"{server}/dai-hoi/dh-2020-2025/188/")
            superior.get_by_role("button", name="Duyệt nhân sự").click()
            expect(superior.locator("body")).to_contain_text(
                "Lăng Văn Tùng (trong danh sách nhân sự) có đơn thư nhận ngày 01/06/2020"
            )
        finally:
            browser.close()
