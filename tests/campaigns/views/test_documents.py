"""The governing documents register's pages: list, detail, the register form, files, cascade."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from daihoi.campaigns.models import GoverningDocument
from tests.campaigns.document_helpers import (
    EXE,
    SMALL_PDF,
    directive,
    listed,
    media,
    register,
    soc_trang,
    soc_trang_plan,
)
from tests.conftest import login, org

pytestmark = pytest.mark.django_db
__all__ = ["media", "soc_trang"]  # fixtures, used by name


# --- pages -----------------------------------------------------------------------


def test_the_list_searches_by_number_and_title_and_filters_by_type(
    national_admin: Client,
) -> None:
    ct35 = directive()
    soc_trang_plan(ct35, title="Kế hoạch thực hiện Chỉ thị 35")
    register("langson", "20", "09-HD/TU", dt.date(2019, 9, 1), title="Hướng dẫn nhân sự")
    by_number = national_admin.get("/van-ban/", {"q": "Số 93-KH/TU"}).content.decode()
    assert listed(by_number, "93-KH/TU")
    assert not listed(by_number, "09-HD/TU")
    by_title = national_admin.get("/van-ban/", {"q": "nhân sự"}).content.decode()
    assert listed(by_title, "09-HD/TU")
    assert not listed(by_title, "93-KH/TU")
    by_type = national_admin.get("/van-ban/", {"type": "HD"}).content.decode()
    assert listed(by_type, "09-HD/TU")
    assert not listed(by_type, "35-CT/TW")


def test_the_detail_page_shows_the_number_links_and_amendments(soc_trang: Client) -> None:
    ct35 = directive()
    plan = soc_trang_plan(ct35)
    amending = register("soctrang", "94", "101-KH/TU", dt.date(2019, 10, 1), amends=[plan])
    page = soc_trang.get(f"/van-ban/{plan.pk}/").content.decode()
    assert "Số 93-KH/TU" in page
    assert "19/08/2019" in page
    assert f'href="/van-ban/{ct35.pk}/"' in page
    assert f'href="/van-ban/{amending.pk}/"' in page
    assert "Tỉnh ủy Sóc Trăng" in page or org("94").name in page


def test_staff_register_a_plan_through_the_form(loc_binh_staff: Client) -> None:
    ct35 = directive()
    lang_son = register("langson", "20", "45-KH/TU", dt.date(2019, 8, 1), implements=ct35)
    response = loc_binh_staff.post(
        "/van-ban/dang-ky/luu/",
        {
            "organisation": "188",
            "number_text": "Số 20-KH/HU",
            "date": "01/09/2019",
            "title": "Kế hoạch đại hội đảng bộ huyện",
            "implements": "45-KH/TU",
        },
    )
    plan = GoverningDocument.objects.get(number=20)
    assert response.status_code == 302
    assert response["Location"] == f"/van-ban/{plan.pk}/"
    assert plan.implements == lang_son
    assert plan.date == dt.date(2019, 9, 1)


def test_the_form_names_the_wrong_part_of_the_number(loc_binh_staff: Client) -> None:
    response = loc_binh_staff.post(
        "/van-ban/dang-ky/luu/",
        {"organisation": "188", "number_text": "35-XX/HU", "date": "01/09/2019", "title": "X"},
    )
    assert response.status_code == 200
    assert "Loại văn bản «XX»" in response.content.decode()
    assert not GoverningDocument.objects.exists()


def test_the_form_refuses_an_organisation_outside_the_users_subtree(
    loc_binh_staff: Client,
) -> None:
    response = loc_binh_staff.post(
        "/van-ban/dang-ky/luu/",
        {"organisation": "94", "number_text": "93-KH/TU", "date": "19/08/2019", "title": "X"},
    )
    assert response.status_code == 200
    assert "Không có tổ chức mã «94»" in response.content.decode()
    assert not GoverningDocument.objects.exists()


def test_the_form_asks_for_the_issuer_when_a_number_is_ambiguous(
    loc_binh_staff: Client,
) -> None:
    register("locbinh", "06553", "10-KH/ĐU", dt.date(2020, 1, 6))
    register("locbinh", "188", "10-KH/ĐU", dt.date(2020, 1, 7))
    data = {"organisation": "06553", "number_text": "12-KH/ĐU", "date": "03/02/2020"}
    ambiguous = loc_binh_staff.post(
        "/van-ban/dang-ky/luu/", {**data, "title": "X", "amends": "10-KH/ĐU"}
    )
    assert "hãy ghi thêm mã tổ chức" in ambiguous.content.decode()
    chosen = loc_binh_staff.post(
        "/van-ban/dang-ky/luu/", {**data, "title": "X", "amends": "10-KH/ĐU 06553"}
    )
    assert chosen.status_code == 302
    amending = GoverningDocument.objects.get(number=12)
    assert [d.organisation.code for d in amending.amends.all()] == ["06553"]


def test_a_read_only_leader_gets_403_on_the_register_form(leader: Client) -> None:
    assert leader.get("/van-ban/dang-ky/").status_code == 403
    response = leader.post(
        "/van-ban/dang-ky/luu/",
        {"organisation": "34", "number_text": "187-KH/TU", "date": "01/08/2019", "title": "X"},
    )
    assert response.status_code == 403
    assert not GoverningDocument.objects.exists()


def test_the_register_form_is_prefilled_from_the_directive(loc_binh_staff: Client) -> None:
    ct35 = directive()
    page = loc_binh_staff.get("/van-ban/dang-ky/", {"implements": ct35.pk}).content.decode()
    assert 'name="organisation" value="188"' in page
    assert 'name="implements" value="35-CT/TW TW"' in page
    assert '<option value="35-CT/TW TW">' in page


def test_an_account_without_an_organisation_sees_no_documents_and_cannot_register(
    outsider: Client,
) -> None:
    directive()
    assert not listed(outsider.get("/van-ban/").content.decode(), "35-CT/TW")
    assert outsider.get("/van-ban/dang-ky/").status_code == 403


def test_a_small_pdf_uploads_and_downloads_only_in_scope(soc_trang: Client) -> None:
    ct35 = directive()
    response = soc_trang.post(
        "/van-ban/dang-ky/luu/",
        {
            "organisation": "94",
            "number_text": "93-KH/TU",
            "date": "19/08/2019",
            "title": "Kế hoạch thực hiện Chỉ thị 35",
            "implements": "35-CT/TW TW",
            "upload": SimpleUploadedFile("93-KH-TU.pdf", SMALL_PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    plan = GoverningDocument.objects.get(number=93)
    assert plan.implements == ct35
    download = soc_trang.get(f"/van-ban/{plan.pk}/tep/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == SMALL_PDF  # type: ignore[attr-defined]
    assert login("quantri").get(f"/van-ban/{plan.pk}/tep/").status_code == 200
    assert login("locbinh").get(f"/van-ban/{plan.pk}/tep/").status_code == 404


def test_an_exe_renamed_pdf_is_refused_by_the_form(soc_trang: Client) -> None:
    response = soc_trang.post(
        "/van-ban/dang-ky/luu/",
        {
            "organisation": "94",
            "number_text": "93-KH/TU",
            "date": "19/08/2019",
            "title": "X",
            "upload": SimpleUploadedFile("ke-hoach.pdf", EXE, "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF hoặc Word" in response.content.decode()
    assert not GoverningDocument.objects.exists()


# --- the cascade -------------------------------------------------------------------


def test_the_cascade_at_the_root_shows_soc_trang_issued_and_lang_son_not(
    national_admin: Client,
) -> None:
    ct35 = directive()
    soc_trang_plan(ct35)
    page = national_admin.get(f"/van-ban/{ct35.pk}/trien-khai/").content.decode()
    assert 'data-org="94" data-issued="yes"' in page
    assert 'data-org="20" data-issued="no"' in page
    assert 'data-org="34" data-issued="no"' in page
    province_level = org("94").level.code
    assert f'data-level="{province_level}" data-issued="1"' in page


def test_the_cascade_counts_transitive_implementations_per_level(national_admin: Client) -> None:
    ct35 = directive()
    lang_son = register("langson", "20", "45-KH/TU", dt.date(2019, 8, 1), implements=ct35)
    loc_binh = register("locbinh", "188", "20-KH/HU", dt.date(2019, 9, 1), implements=lang_son)
    register("locbinh", "06553", "10-KH/ĐU", dt.date(2020, 1, 6), implements=loc_binh)
    at_root = national_admin.get(f"/van-ban/{ct35.pk}/trien-khai/").content.decode()
    assert 'data-org="20" data-issued="yes"' in at_root
    at_province = national_admin.get(f"/van-ban/{ct35.pk}/trien-khai/20/").content.decode()
    assert 'data-org="188" data-issued="yes"' in at_province
    district = org("188").level.code
    commune = org("06553").level.code
    assert f'data-level="{district}" data-issued="1"' in at_province
    assert f'data-level="{commune}" data-issued="1"' in at_province


def test_the_cascade_defaults_to_the_users_organisation(loc_binh_staff: Client) -> None:
    ct35 = directive()
    register("locbinh", "06553", "10-KH/ĐU", dt.date(2020, 1, 6), implements=ct35)
    page = loc_binh_staff.get(f"/van-ban/{ct35.pk}/trien-khai/").content.decode()
    assert 'data-org="06553" data-issued="yes"' in page
    assert loc_binh_staff.get(f"/van-ban/{ct35.pk}/trien-khai/94/").status_code == 404


def test_the_register_form_posts_to_its_own_url(loc_binh_staff: Client) -> None:
    page = loc_binh_staff.get("/van-ban/dang-ky/").content.decode()
    assert 'action="/van-ban/dang-ky/luu/"' in page
    assert loc_binh_staff.post("/van-ban/dang-ky/", {}).status_code == 405
    assert loc_binh_staff.get("/van-ban/dang-ky/luu/").status_code == 405


def test_the_cascade_pages_the_units_below_with_the_shared_pager(
    national_admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from daihoi.campaigns.views import documents as views

    monkeypatch.setattr(views, "PER_PAGE", 1)  # one province a page
    ct35 = directive()
    url = f"/van-ban/{ct35.pk}/trien-khai/"
    first = national_admin.get(url).content.decode()
    second = national_admin.get(url + "?trang=2").content.decode()
    assert "Trang 1/" in first and 'rel="next"' in first
    assert "Trang 2/" in second and 'rel="prev"' in second

    def units(page: str) -> set[str]:
        return set(re.findall(r'<tr[^>]* data-org="([^"]+)"', page))

    assert len(units(first)) == len(units(second)) == 1
    assert units(first) != units(second)
