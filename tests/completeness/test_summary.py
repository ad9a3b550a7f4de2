"""The reporting-rate summary: expected, received and on time, by level and by child,
checked against counts made here from the congress table."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.campaigns.models import Campaign, Congress, Submission, SubmissionState
from daihoi.completeness.models import Due
from daihoi.completeness.queries import Summary, summary
from daihoi.lib.completeness import Obligation, Tally
from daihoi.orgs.models import Level, Organisation
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import login

pytestmark = pytest.mark.django_db
PLANNED = dt.date(2020, 6, 30)
DUE = PLANNED - dt.timedelta(days=21)  # the default documents rule
AS_OF = dt.date(2020, 6, 20)


def org(code: str) -> Organisation:
    return Organisation.objects.get(structure__code="2020", code=code)


def documents_by_level(found: Summary) -> dict[str, Tally]:
    return {
        row.level.code: row.tallies[Obligation.DOCUMENTS] for row in found.by_level if row.level
    }


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


@pytest.fixture
def campaign() -> Campaign:
    """Every unit under Lộc Bình planned for 30/06; three communes sent their documents:
    on time, late, and after the day looked at."""
    camp = small_campaign("bao-cao-thu")
    open_congresses(camp, "188", planned_date=PLANNED)
    communes = Congress.objects.filter(campaign=camp, level__code="co-so").order_by("org_path")
    staff = User.objects.get(username="locbinh")
    days = (DUE - dt.timedelta(days=5), DUE + dt.timedelta(days=3), AS_OF + dt.timedelta(days=2))
    for congress, day in zip(communes[:3], days, strict=True):
        Submission.objects.create(
            congress=congress, kind="documents", state=SubmissionState.WAITING,
            submitted_by=staff, submitted_at=_at(day), fingerprint="0" * 64,
        )  # fmt: skip
    return camp


def test_documents_by_level_match_a_count_of_the_congress_table(campaign: Campaign) -> None:
    found = summary(campaign, org("188"), AS_OF)
    communes = Congress.objects.filter(campaign=campaign, level__code="co-so")
    cells = Congress.objects.filter(campaign=campaign, level__code="chi-bo")
    sent = Submission.objects.filter(congress__campaign=campaign, kind="documents")
    by_level = documents_by_level(found)
    # Everyone's documents were due on 09/06, before the day looked at.
    assert by_level["co-so"].expected == communes.count() == 58
    assert by_level["chi-bo"].expected == cells.count() == 388
    assert by_level["co-so"].received == sent.filter(submitted_at__lte=_at(AS_OF)).count() == 2
    assert by_level["co-so"].on_time == sent.filter(submitted_at__lte=_at(DUE)).count() == 1
    assert by_level["chi-bo"].received == 0
    # Results are not owed before the congress: nothing expected on 20/06.
    assert all(row.tallies[Obligation.RESULTS].expected == 0 for row in found.by_level)
    assert found.total.tallies[Obligation.DOCUMENTS].expected == 58 + 388


def test_each_child_row_holds_the_child_and_everything_under_it(campaign: Campaign) -> None:
    found = summary(campaign, org("188"), AS_OF)
    assert len(found.by_child) == 58
    for row in found.by_child:
        assert row.org is not None
        under = Congress.objects.filter(campaign=campaign, org_path__startswith=row.org.path)
        assert row.tallies[Obligation.PLAN].expected == under.count()
    assert sum(r.tallies[Obligation.DOCUMENTS].received for r in found.by_child) == 2


def test_a_register_line_replaces_the_default_for_its_level(campaign: Campaign) -> None:
    Due.objects.create(
        campaign=campaign,
        level=Level.objects.get(structure__code="2020", code="co-so"),
        obligation="documents",
        anchor="before_planned",
        days=5,
    )
    found = summary(campaign, org("188"), AS_OF)
    documents = documents_by_level(found)
    assert documents["co-so"].expected == 0  # due 25/06 now, after the day looked at
    assert documents["chi-bo"].expected == 388  # the other level keeps the default


def test_the_page_drills_down_and_the_workbook_holds_the_same_figures(campaign: Campaign) -> None:
    url = reverse("completeness", args=[campaign.slug, "20"]) + "?ngay=20/06/2020"
    page = login("langson").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("completeness", args=[campaign.slug, "188"]) in html  # drill down
    book = login("locbinh").get(
        reverse("completeness_xlsx", args=[campaign.slug, "188"]) + "?ngay=20/06/2020"
    )
    assert book.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(book.getvalue()))["Theo cấp"]
    rows = list(sheet.iter_rows(values_only=True))
    total = rows[-1]
    # Columns: unit, then (expected, received, on time) per obligation; documents second.
    assert total[0] == "Tổng cộng" and total[4:7] == (58 + 388, 2, 1)


def test_a_unit_outside_the_users_subtree_is_not_found(campaign: Campaign) -> None:
    assert (
        login("locbinh").get(reverse("completeness", args=[campaign.slug, "94"])).status_code == 404
    )
    assert (
        login("soctrang").get(reverse("completeness", args=[campaign.slug, "188"])).status_code
        == 404
    )


def _page_rows(html: str) -> list[list[str]]:
    """Each row of the page's tables as text: name, then "2/446 đúng hạn 1" or "–" per cell."""
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        text = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells]
        if text and text[0] not in ("Cấp", "Đơn vị"):
            rows.append(text)
    return rows


def test_the_report_holds_the_pages_figures_in_the_guidances_format(campaign: Campaign) -> None:
    client = login("locbinh")
    query = "?ngay=20/06/2020"
    page = client.get(reverse("completeness", args=[campaign.slug, "188"]) + query)
    docx_url = reverse("completeness_docx", args=[campaign.slug, "188"]) + query
    assert docx_url.split("?")[0] in page.content.decode()  # linked from the page
    answer = client.get(docx_url)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = docx.Document(io.BytesIO(answer.getvalue()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "(tính đến ngày 20/06/2020)" in text
    # Hướng dẫn 36: the issuing committee, a number to fill in, the place and day.
    header = "\n".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "HUYỆN ỦY LỘC BÌNH" in header.upper() and "-BC/" in header
    assert "ngày 20 tháng 6 năm 2020" in header
    # Documents: 2 of the 446 due by 20/06 came in, 1 by its due day.
    assert "Văn kiện trình duyệt: đã nhận 2/446 báo cáo đến hạn (0,45%)" in text
    grids = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert len(grids) == 2  # by level, then by unit below
    in_report = [
        [" ".join(c.text.split()) for c in row.cells[1:]] for t in grids for row in t.rows[1:]
    ]
    assert len(in_report) == 2 + 1 + 58 + 1  # two levels, 58 communes, each with its total
    # The page shows the units below 50 at a time (issue 19.5): the second page the rest.
    second = client.get(reverse("completeness", args=[campaign.slug, "188"]) + query + "&trang=2")
    shown = _page_rows(page.content.decode())
    assert in_report == shown[:-1] + _page_rows(second.content.decode())[3:]


def test_the_word_report_lists_the_first_units_and_says_where_the_rest_are(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-docx holds the whole document in memory: the table stops at DOCX_ROWS units.
    monkeypatch.setattr("daihoi.completeness.document.DOCX_ROWS", 10)
    url = reverse("completeness_docx", args=[campaign.slug, "188"]) + "?ngay=20/06/2020"
    doc = docx.Document(io.BytesIO(login("locbinh").get(url).getvalue()))
    by_level, by_unit = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert len(by_unit.rows) == 1 + 10 + 1  # titles, the first ten communes, the total
    # The total still counts every unit: the same as the table by level.
    totals = [[c.text for c in t.rows[-1].cells] for t in (by_level, by_unit)]
    assert totals[0] == totals[1] and totals[1][1] == "Tổng cộng"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "còn 48 đơn vị khác" in text  # 58 communes, ten shown
