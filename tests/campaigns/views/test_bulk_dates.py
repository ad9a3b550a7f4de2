"""The bulk date editor (/cap-nhat/): every unit under one, filtered, paged, all or nothing."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from daihoi.campaigns.models import Congress
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import client_of, open_congresses, reader, small_campaign
from tests.conftest import login

pytestmark = pytest.mark.django_db
PAGE = "/dai-hoi/thu-nghiem/188/cap-nhat/"
SAVE = PAGE + "luu/"
IMPORT = PAGE + "nhap-tep/"


@pytest.fixture
def campaign() -> None:
    c = small_campaign()
    open_congresses(c, "188", planned_date=dt.date(2020, 3, 1))


def record(code: str) -> Congress:
    return Congress.objects.get(campaign__slug="thu-nghiem", organisation__code=code)


def table(html: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """The bulk form's values, and each row's prefix by organisation code."""
    page = lxml.html.fromstring(html)
    form = page.get_element_by_id("bulk")
    values = {k: v for k, v in form.form_values() if k != "csrfmiddlewaretoken"}
    prefixes = {
        row.get("data-org"): row.xpath('.//input[contains(@name, "-org")]')[0]
        .get("name")
        .removesuffix("-org")
        for row in form.xpath(".//tr[@data-org]")
    }
    return values, prefixes


def test_it_shows_every_unit_under_the_district_fifty_a_page(campaign: None) -> None:
    client = login("langson")
    page = client.get(PAGE)
    values, prefixes = table(page.content)
    assert len(prefixes) == 50 and values["form-TOTAL_FORMS"] == "50"
    below = Organisation.objects.filter(path__startswith=Organisation.objects.get(code="188").path)
    assert "Trang 1/" in page.content.decode()
    assert f"dòng 1–50 trong {below.count() - 1}" in page.content.decode()
    # Deeper than the children: the communes and the cells under them.
    levels = Organisation.objects.filter(code__in=prefixes).values_list("level__code", flat=True)
    assert len(set(levels)) > 1


def test_a_unit_is_filtered_by_its_code_and_an_unknown_code_is_named(campaign: None) -> None:
    client = login("langson")
    typed = client.get(PAGE + "?don_vi=06553")
    _values, prefixes = table(typed.content)
    assert "06553" in prefixes
    unit = Organisation.objects.get(code="06553")
    assert set(prefixes) <= set(
        Organisation.objects.filter(path__startswith=unit.path).values_list("code", flat=True)
    )
    # The suggestions name the units directly below, as a datalist, not a dropdown.
    assert '<option value="06553">' in typed.content.decode()
    # A code not directly below (the district itself, or none): said by name, all rows shown.
    for code in ("188", "khong-co"):
        body = client.get(PAGE + "?don_vi=" + code).content.decode()
        assert f"Không có đơn vị trực thuộc mã “{code}”." in body
        assert 'aria-describedby="id_don_vi_error"' in body
        assert "dòng 1–50 trong" in body


def test_it_filters_by_level_and_by_subordinate_unit(campaign: None) -> None:
    client = login("langson")
    _values, cells = table(client.get(PAGE + "?cap=chi-bo").content)
    levels = set(Organisation.objects.filter(code__in=cells).values_list("level__code", flat=True))
    assert levels == {"chi-bo"}
    # The filters stay out of the header's search box.
    page = lxml.html.fromstring(client.get(PAGE + "?cap=chi-bo").content)
    assert page.xpath('//input[@name="q"]')[0].get("value") == ""
    _values, under = table(client.get(PAGE + "?don_vi=06553").content)
    assert set(under) and all(code.startswith("06553") for code in under)


def test_it_saves_many_rows_at_once(campaign: None) -> None:
    client = login("langson")
    values, rows = table(client.get(PAGE + "?don_vi=06553").content)
    cell = next(code for code in rows if code != "06553")
    values[f"{rows['06553']}-planned_date"] = "01/03/2020"
    values[f"{rows['06553']}-held_date"] = "05/03/2020"
    values[f"{rows[cell]}-planned_date"] = "2020-03-02"
    response = client.post(SAVE + "?don_vi=06553", values)
    assert response.status_code == 302 and response["Location"] == PAGE + "?don_vi=06553"
    saved = record("06553")
    assert saved.held_date == dt.date(2020, 3, 5)
    # The unit's reported date marks its congress held; the other is still planned.
    assert saved.state == "held" and saved.held_at is not None
    assert record(cell).state == "planned" and record(cell).planned_date == dt.date(2020, 3, 2)


def test_one_bad_row_saves_nothing_keeps_every_edit_and_marks_the_bad_one(campaign: None) -> None:
    client = login("langson")
    values, rows = table(client.get(PAGE + "?don_vi=06553").content)
    good, bad = "06553", next(code for code in rows if code != "06553")
    values[f"{rows[good]}-planned_date"] = "09/03/2020"
    values[f"{rows[bad]}-planned_date"] = "32/03/2020"
    response = client.post(SAVE + "?don_vi=06553", values)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    good_field = page.get_element_by_id(f"id_{rows[good]}-planned_date")
    bad_field = page.get_element_by_id(f"id_{rows[bad]}-planned_date")
    assert good_field.get("value") == "09/03/2020" and good_field.get("aria-invalid") is None
    assert bad_field.get("value") == "32/03/2020"
    assert bad_field.get("aria-invalid") == "true" and bad_field.get("autofocus") is not None
    # The error is read with the field: the id the field names is the error's.
    error = page.get_element_by_id(bad_field.get("aria-describedby"))
    assert "«32/03/2020» không hợp lệ" in error.text_content()
    assert "invalid" in page.xpath(f'//tr[@data-org="{bad}"]')[0].get("class")
    assert "«32/03/2020» không hợp lệ" in response.content.decode()
    assert record(good).planned_date == dt.date(2020, 3, 1)


def test_a_refused_row_is_marked_and_nothing_is_saved(campaign: None) -> None:
    client = login("langson")
    values, rows = table(client.get(PAGE + "?don_vi=06553").content)
    stale, other = "06553", next(code for code in rows if code != "06553")
    Congress.objects.filter(pk=record(stale).pk).update(version=9)
    values[f"{rows[stale]}-planned_date"] = "09/03/2020"
    values[f"{rows[other]}-planned_date"] = "10/03/2020"
    response = client.post(SAVE + "?don_vi=06553", values)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    (row,) = page.xpath(f'//tr[@data-org="{stale}"]')
    assert "vừa được người khác cập nhật" in row.text_content()
    assert page.get_element_by_id(f"id_{rows[other]}-planned_date").get("value") == "10/03/2020"
    assert record(other).planned_date == dt.date(2020, 3, 1)


def test_a_row_outside_the_unit_refuses_the_table_as_stale(campaign: None) -> None:
    client = login("langson")
    values, rows = table(client.get(PAGE + "?don_vi=06553").content)
    outside = Organisation.objects.get(code="94")
    cell = next(code for code in rows if code != "06553")
    values[f"{rows['06553']}-org"] = str(outside.pk)
    values[f"{rows['06553']}-planned_date"] = "09/03/2020"
    values[f"{rows[cell]}-planned_date"] = "10/03/2020"
    response = client.post(SAVE + "?don_vi=06553", values)
    assert response.status_code == 200
    assert "Trang này đã cũ" in response.content.decode()
    assert not Congress.objects.filter(organisation=outside).exists()
    assert record(cell).planned_date == dt.date(2020, 3, 1)


def test_a_table_without_its_management_form_is_told_the_page_is_stale(campaign: None) -> None:
    client = login("langson")
    values, _rows = table(client.get(PAGE + "?don_vi=06553").content)
    del values["form-TOTAL_FORMS"]
    text = client.post(SAVE, values).content.decode()
    assert "Trang này đã cũ" in text and "ManagementForm" not in text


def test_the_page_warns_before_leaving_with_unsaved_edits(campaign: None) -> None:
    page = lxml.html.fromstring(login("langson").get(PAGE).content)
    assert page.get_element_by_id("bulk").get("data-unsaved")
    assert page.xpath('//script[contains(@src, "campaigns/unsaved.js")]')
    assert not page.xpath("//script[not(@src)][normalize-space()]")


def test_a_file_of_dates_is_imported(campaign: None) -> None:
    upload = SimpleUploadedFile(
        "ngay.csv", b"org_code,planned_date,held_date\n06553,2020-03-04,2020-03-06\n", "text/csv"
    )
    response = login("langson").post(IMPORT, {"file": upload})
    assert response.status_code == 302
    assert record("06553").held_date == dt.date(2020, 3, 6)


def test_a_file_with_errors_writes_nothing_and_names_each_row_and_column(campaign: None) -> None:
    upload = SimpleUploadedFile(
        "ngay.csv",
        b"org_code,planned_date,held_date\n06553,2020-03-04,\n06556,31/02/2020,\n94,2020-03-01,\n",
        "text/csv",
    )
    response = login("langson").post(IMPORT, {"file": upload})
    assert response.status_code == 200
    errors = lxml.html.fromstring(response.content).get_element_by_id("import-errors")
    lines = [li.text_content() for li in errors.xpath(".//li")]
    assert lines[0].startswith("Dòng 3, cột «planned_date» (giá trị «31/02/2020»)")
    assert lines[1].startswith("Dòng 4, cột «org_code» (giá trị «94»)")
    assert record("06553").planned_date == dt.date(2020, 3, 1)


def test_a_file_over_the_cap_is_refused_unread(campaign: None, settings: object) -> None:
    settings.DAIHOI_MAX_UPLOAD_BYTES = 10  # type: ignore[attr-defined]
    upload = SimpleUploadedFile("ngay.csv", b"org_code,planned_date,held_date\n", "text/csv")
    response = login("langson").post(IMPORT, {"file": upload})
    assert response.status_code == 200 and "quá lớn" in response.content.decode()


def test_the_writes_reject_get(campaign: None) -> None:
    client = login("langson")
    assert client.get(SAVE).status_code == 405 and client.get(IMPORT).status_code == 405


def test_a_reader_cannot_open_or_post_the_bulk_editor(campaign: None) -> None:
    leader = client_of(reader())
    assert leader.get(PAGE).status_code == 403
    assert leader.post(SAVE, {}).status_code == 403
    assert leader.post(IMPORT, {}).status_code == 403
    assert login("soctrang").post(SAVE, {}).status_code == 404
