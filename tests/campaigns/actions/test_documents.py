"""Changes to the governing documents register: registering, the catalogues, who sees what."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions.documents import (
    do_add_document_type,
    do_add_issuer,
)
from daihoi.campaigns.documents import DocumentRefused, visible_documents
from daihoi.campaigns.models import DocumentType, GoverningDocument, Issuer
from tests.campaigns.document_helpers import (
    EXE,
    directive,
    docx_bytes,
    listed,
    media,
    register,
    soc_trang,
    soc_trang_plan,
    user,
)
from tests.conftest import login, org

pytestmark = pytest.mark.django_db
__all__ = ["media", "soc_trang"]  # fixtures, used by name


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
