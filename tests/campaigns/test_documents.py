"""The governing documents register: registering, scoping, files and the cascade."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions.documents import (
    do_add_document_type,
    do_add_issuer,
    do_register_document,
)
from daihoi.campaigns.documents import DocumentRefused, visible_documents
from daihoi.campaigns.models import DocumentType, GoverningDocument, Issuer
from tests.conftest import login, org

pytestmark = pytest.mark.django_db

# The smallest PDF a reader opens: one empty page.
SMALL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# What a Windows program starts with, whatever its name.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def listed(page: str, code: str) -> bool:
    """Return whether the page links to a document numbered `code`."""
    return f">{code}</a>" in page


def user(username: str) -> User:
    return User.objects.get(username=username)


def register(
    username: str,
    org_code: str,
    number: str,
    date: dt.date,
    title: str = "Kế hoạch tổ chức đại hội",
    **kwargs: Any,
) -> GoverningDocument:
    return do_register_document(
        organisation=org(org_code),
        number_text=number,
        date=date,
        title=title,
        acting_user=user(username),
        **kwargs,
    )


def directive() -> GoverningDocument:
    return register(
        "quantri",
        "TW",
        "35-CT/TW",
        dt.date(2019, 5, 30),
        "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII",
    )


def soc_trang_plan(ct35: GoverningDocument, **kwargs: Any) -> GoverningDocument:
    return register("soctrang", "94", "93-KH/TU", dt.date(2019, 8, 19), implements=ct35, **kwargs)


def docx_bytes(*, with_body: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_body:
            archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


# --- do_register_document ----------------------------------------------------


def test_soc_trang_registers_its_plan_implementing_directive_35() -> None:
    ct35 = directive()
    plan = soc_trang_plan(ct35)
    assert plan.code == "93-KH/TU"
    assert plan.number == 93
    assert plan.organisation == org("94")
    assert plan.implements == ct35
    assert list(ct35.implementations.all()) == [plan]


def test_a_number_written_with_so_in_front_is_accepted() -> None:
    plan = register("locbinh", "06553", "Số 10-KH/ĐU", dt.date(2020, 1, 6))
    assert (plan.number_text, plan.doc_type.code, plan.issuer.code) == ("10", "KH", "ĐU")
    assert plan.code == "10-KH/ĐU"


def test_a_leading_zero_is_kept_as_written() -> None:
    guidance = register("locbinh", "188", "09-HD/HU", dt.date(2020, 1, 6))
    assert guidance.number == 9
    assert guidance.code == "09-HD/HU"


def test_12_kh_du_amends_10_kh_du_and_11_kh_du() -> None:
    first = register("locbinh", "06553", "10-KH/ĐU", dt.date(2020, 1, 6))
    second = register("locbinh", "06553", "11-KH/ĐU", dt.date(2020, 1, 20))
    amending = register("locbinh", "06553", "12-KH/ĐU", dt.date(2020, 2, 3), amends=[first, second])
    assert set(amending.amends.all()) == {first, second}
    assert list(first.amended_by.all()) == [amending]


@pytest.mark.parametrize(
    ("number", "part", "named"),
    [
        ("35-XX/TW", "type", "Loại văn bản «XX»"),
        ("35-kh/TW", "type", "có phải «KH»"),
        ("35-CT/XY", "issuer", "Ký hiệu cơ quan ban hành «XY»"),
        ("35CT/TW", "format", "không đúng dạng"),
        ("35 -CT/TW", "format", "không đúng dạng"),
        ("0-CT/TW", "number", "Phần số"),
    ],
)
def test_a_bad_number_is_refused_naming_the_wrong_part(number: str, part: str, named: str) -> None:
    with pytest.raises(DocumentRefused) as refused:
        register("quantri", "TW", number, dt.date(2019, 5, 30))
    assert refused.value.part == part
    assert named in refused.value.message_dict["number_text"][0]
    assert not GoverningDocument.objects.exists()


def test_the_same_document_cannot_be_registered_twice() -> None:
    directive()
    with pytest.raises(DocumentRefused) as refused:
        directive()
    assert "không đăng ký lại" in refused.value.message_dict["number_text"][0]
    assert GoverningDocument.objects.count() == 1


def test_the_same_number_on_another_date_is_another_document() -> None:
    register("locbinh", "188", "01-KH/HU", dt.date(2015, 3, 1))
    register("locbinh", "188", "01-KH/HU", dt.date(2020, 3, 1))
    assert GoverningDocument.objects.filter(number=1).count() == 2


def test_an_empty_title_is_refused() -> None:
    with pytest.raises(DocumentRefused) as refused:
        register("quantri", "TW", "35-CT/TW", dt.date(2019, 5, 30), title="  ")
    assert "title" in refused.value.message_dict


def test_an_exe_renamed_pdf_is_refused() -> None:
    upload = SimpleUploadedFile("ke-hoach.pdf", EXE, content_type="application/pdf")
    with pytest.raises(DocumentRefused) as refused:
        register("quantri", "TW", "35-CT/TW", dt.date(2019, 5, 30), upload=upload)
    assert "PDF" in refused.value.message_dict["upload"][0]
    assert not GoverningDocument.objects.exists()


def test_a_zip_without_a_word_body_is_refused() -> None:
    upload = SimpleUploadedFile("ke-hoach.docx", docx_bytes(with_body=False))
    with pytest.raises(DocumentRefused):
        register("quantri", "TW", "35-CT/TW", dt.date(2019, 5, 30), upload=upload)


def test_a_docx_is_accepted_and_stored_under_a_name_from_its_number(media: Path) -> None:
    upload = SimpleUploadedFile("anything.pdf", docx_bytes())
    plan = register("soctrang", "94", "93-KH/TU", dt.date(2019, 8, 19), upload=upload)
    assert plan.file.name.endswith("94_93-KH-TU.docx")
    assert (media / plan.file.name).read_bytes() == docx_bytes()


def test_an_upload_over_20_mb_is_refused(settings: Settings) -> None:
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * settings.DAIHOI_MAX_UPLOAD_BYTES)
    with pytest.raises(DocumentRefused) as refused:
        register("quantri", "TW", "35-CT/TW", dt.date(2019, 5, 30), upload=upload)
    assert "20 MB" in refused.value.message_dict["upload"][0]


def test_a_district_implements_its_provinces_plan() -> None:
    ct35 = directive()
    province = register("langson", "20", "45-KH/TU", dt.date(2019, 8, 1), implements=ct35)
    district = register("locbinh", "188", "20-KH/HU", dt.date(2019, 9, 1), implements=province)
    assert district.implements == province


def test_a_district_cannot_implement_another_provinces_plan() -> None:
    plan = soc_trang_plan(directive())
    with pytest.raises(DocumentRefused) as refused:
        register("locbinh", "188", "20-KH/HU", dt.date(2019, 9, 1), implements=plan)
    assert "implements" in refused.value.message_dict
    with pytest.raises(DocumentRefused) as refused:
        register("locbinh", "188", "21-KH/HU", dt.date(2019, 9, 1), amends=[plan])
    assert "amends" in refused.value.message_dict


def test_staff_cannot_register_for_another_province() -> None:
    with pytest.raises(PermissionDenied):
        register("locbinh", "94", "93-KH/TU", dt.date(2019, 8, 19))


def test_a_read_only_leader_cannot_register() -> None:
    with pytest.raises(PermissionDenied):
        register("lanhdao", "34", "187-KH/TU", dt.date(2019, 8, 1))


def test_registering_writes_an_audit_entry_with_before_and_after() -> None:
    ct35 = directive()
    plan = soc_trang_plan(ct35)
    entry = AuditEntry.objects.get(action="document.register", target="93-KH/TU")
    assert entry.actor == user("soctrang")
    assert entry.organisation == org("94")
    assert entry.before is None
    assert entry.after is not None
    assert entry.after["implements"] == "35-CT/TW [TW]"
    assert entry.after["date"] == "2019-08-19"
    assert entry.after["id"] == plan.pk


def test_amending_audits_the_amended_document_too() -> None:
    first = register("locbinh", "06553", "10-KH/ĐU", dt.date(2020, 1, 6))
    register("locbinh", "06553", "12-KH/ĐU", dt.date(2020, 2, 3), amends=[first])
    entry = AuditEntry.objects.get(action="document.amended", target="10-KH/ĐU")
    assert entry.before == {"amended_by": []}
    assert entry.after == {"amended_by": ["12-KH/ĐU [06553]"]}


# --- do_add_document_type, do_add_issuer ---------------------------------------


def test_a_national_admin_adds_a_document_type_that_numbers_then_use() -> None:
    do_add_document_type("ĐA", "Đề án", acting_user=user("quantri"))
    assert DocumentType.objects.get(code="ĐA").name == "Đề án"
    assert AuditEntry.objects.filter(action="document_type.add", target="ĐA").exists()
    assert register("quantri", "TW", "01-ĐA/TW", dt.date(2019, 6, 1)).code == "01-ĐA/TW"


def test_a_national_admin_adds_an_issuer_that_numbers_then_use() -> None:
    do_add_issuer("BTCHU", "Ban Tổ chức Huyện ủy", acting_user=user("quantri"))
    assert Issuer.objects.filter(code="BTCHU").exists()
    assert AuditEntry.objects.filter(action="issuer.add", target="BTCHU").exists()
    assert register("locbinh", "188", "05-HD/BTCHU", dt.date(2020, 1, 2)).issuer.code == "BTCHU"


@pytest.mark.parametrize("code", ["KH", "A/B", "A-B", "A B", ""])
def test_a_taken_or_malformed_type_code_is_refused(code: str) -> None:
    with pytest.raises(DocumentRefused):
        do_add_document_type(code, "Tên", acting_user=user("quantri"))


@pytest.mark.parametrize("code", ["TU", "X/Y", ""])
def test_a_taken_or_malformed_issuer_code_is_refused(code: str) -> None:
    with pytest.raises(DocumentRefused):
        do_add_issuer(code, "Tên", acting_user=user("quantri"))


@pytest.mark.parametrize("username", ["langson", "lanhdao"])
def test_only_a_national_admin_extends_the_catalogues(username: str) -> None:
    with pytest.raises(PermissionDenied):
        do_add_document_type("ĐA", "Đề án", acting_user=user(username))
    with pytest.raises(PermissionDenied):
        do_add_issuer("BTCHU", "Ban Tổ chức Huyện ủy", acting_user=user(username))
    assert not DocumentType.objects.filter(code="ĐA").exists()


# --- scope ---------------------------------------------------------------------


def test_loc_binh_sees_its_own_and_its_ancestors_documents_but_not_soc_trangs() -> None:
    ct35 = directive()
    soc_trang_plan(ct35)
    lang_son = register("langson", "20", "45-KH/TU", dt.date(2019, 8, 1), implements=ct35)
    loc_binh = register("locbinh", "188", "20-KH/HU", dt.date(2019, 9, 1), implements=lang_son)
    assert set(visible_documents(user("locbinh"))) == {ct35, lang_son, loc_binh}
    page = login("locbinh").get("/van-ban/").content.decode()
    assert listed(page, "45-KH/TU")
    assert listed(page, "35-CT/TW")
    assert not listed(page, "93-KH/TU")


def test_a_provinces_documents_do_not_include_its_sub_units_siblings() -> None:
    ct35 = directive()
    plan = soc_trang_plan(ct35)
    assert plan not in visible_documents(user("langson"))
    assert plan in visible_documents(user("quantri"))


def test_another_provinces_document_is_not_found(loc_binh_staff: Client) -> None:
    plan = soc_trang_plan(directive())
    assert loc_binh_staff.get(f"/van-ban/{plan.pk}/").status_code == 404
    assert loc_binh_staff.get(f"/van-ban/{plan.pk}/trien-khai/").status_code == 404


def test_the_central_directive_shows_only_the_implementations_in_scope(
    loc_binh_staff: Client,
) -> None:
    ct35 = directive()
    soc_trang_plan(ct35)
    register("langson", "20", "45-KH/TU", dt.date(2019, 8, 1), implements=ct35)
    page = loc_binh_staff.get(f"/van-ban/{ct35.pk}/").content.decode()
    assert listed(page, "45-KH/TU")
    assert not listed(page, "93-KH/TU")


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
        "/van-ban/dang-ky/",
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
        "/van-ban/dang-ky/",
        {"organisation": "188", "number_text": "35-XX/HU", "date": "01/09/2019", "title": "X"},
    )
    assert response.status_code == 200
    assert "Loại văn bản «XX»" in response.content.decode()
    assert not GoverningDocument.objects.exists()


def test_the_form_refuses_an_organisation_outside_the_users_subtree(
    loc_binh_staff: Client,
) -> None:
    response = loc_binh_staff.post(
        "/van-ban/dang-ky/",
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
        "/van-ban/dang-ky/", {**data, "title": "X", "amends": "10-KH/ĐU"}
    )
    assert "hãy ghi thêm mã tổ chức" in ambiguous.content.decode()
    chosen = loc_binh_staff.post(
        "/van-ban/dang-ky/", {**data, "title": "X", "amends": "10-KH/ĐU 06553"}
    )
    assert chosen.status_code == 302
    amending = GoverningDocument.objects.get(number=12)
    assert [d.organisation.code for d in amending.amends.all()] == ["06553"]


def test_a_read_only_leader_gets_403_on_the_register_form(leader: Client) -> None:
    assert leader.get("/van-ban/dang-ky/").status_code == 403
    response = leader.post(
        "/van-ban/dang-ky/",
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
        "/van-ban/dang-ky/",
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
    assert b"".join(download.streaming_content) == SMALL_PDF  # type: ignore[attr-defined]
    assert login("quantri").get(f"/van-ban/{plan.pk}/tep/").status_code == 200
    assert login("locbinh").get(f"/van-ban/{plan.pk}/tep/").status_code == 404


def test_an_exe_renamed_pdf_is_refused_by_the_form(soc_trang: Client) -> None:
    response = soc_trang.post(
        "/van-ban/dang-ky/",
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


@pytest.fixture
def soc_trang(db: None) -> Client:
    return login("soctrang")
