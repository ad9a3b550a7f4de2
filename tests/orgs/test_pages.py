"""The organisation pages: children, counts per level, search, editing and the audit trail."""

from __future__ import annotations

import pytest
from django.test import Client

from daihoi.audit.models import AuditEntry
from daihoi.orgs.models import Organisation
from tests.conftest import login, org
from tests.orgs.helpers import csv_bytes

pytestmark = pytest.mark.django_db


def test_the_loc_binh_page_counts_58_organisations_and_388_cells(loc_binh_staff: Client) -> None:
    page = loc_binh_staff.get("/to-chuc/2020/188/").content.decode()
    assert "Đảng bộ huyện Lộc Bình" in page
    assert 'data-level="co-so"><span class="big">58</span>' in page
    assert 'data-level="chi-bo"><span class="big">388</span>' in page
    assert "Đảng bộ xã Đồng Bục" in page


def test_the_tree_is_one_click_from_home_at_the_users_organisation(loc_binh_staff: Client) -> None:
    # The home is the person's work (tests/web/test_home.py); the header links the tree.
    assert 'href="/cay-to-chuc/"' in loc_binh_staff.get("/").content.decode()
    response = loc_binh_staff.get("/cay-to-chuc/")
    assert response.status_code == 302
    assert response["Location"] == "/to-chuc/2020/188/"


def test_breadcrumbs_stop_at_the_top_of_the_users_scope(province_staff: Client) -> None:
    page = province_staff.get("/to-chuc/2020/06553/").content.decode()
    assert 'href="/to-chuc/2020/20/"' in page
    assert 'href="/to-chuc/2020/188/"' in page
    assert 'href="/to-chuc/2020/TW/"' not in page


def test_children_are_paginated_for_thousands(national_admin: Client) -> None:
    page = national_admin.get("/to-chuc/2020/20/").content.decode()
    first = national_admin.get("/to-chuc/2020/188/?trang=2").content.decode()
    assert "Trang 1/" not in page  # Lạng Sơn has fewer than 50 children
    assert "Trang 2/2" in first
    fragment = national_admin.get("/to-chuc/2020/188/?trang=2", HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content
    assert b"Trang 2/2" in fragment.content


def test_member_counts_are_grouped_the_vietnamese_way(loc_binh_staff: Client) -> None:
    members = org("188").members
    assert members >= 1000
    grouped = f"{members:,}".replace(",", ".")
    assert grouped in loc_binh_staff.get("/to-chuc/2020/188/").content.decode()


@pytest.mark.parametrize("query", ["loc binh", "LOC BINH", "Lộc Bình", "lộc bình"])
def test_search_finds_loc_binh_with_or_without_diacritics(
    province_staff: Client, query: str
) -> None:
    page = province_staff.get("/tim-kiem/", {"q": query}).content.decode()
    assert "Đảng bộ huyện Lộc Bình" in page
    # Higher levels come first: the district before its cells and agencies.
    assert page.index("Đảng bộ huyện Lộc Bình") < page.index("Chi bộ")


def test_search_finds_an_organisation_by_its_code(province_staff: Client) -> None:
    page = province_staff.get("/tim-kiem/", {"q": "06553"}).content.decode()
    assert "Đảng bộ xã Đồng Bục" in page


def test_editing_an_organisation_is_audited_with_before_and_after(loc_binh_staff: Client) -> None:
    response = loc_binh_staff.post(
        "/to-chuc/2020/06553/sua/luu/",
        {"name": "Đảng bộ xã Đồng Bục ", "kind": "dang_bo", "unit_type": "", "members": "345"},
    )
    assert response.status_code == 302
    commune = org("06553")
    assert commune.members == 345
    entry = AuditEntry.objects.get(action="org.update", organisation=commune)
    assert entry.actor_name == "locbinh"
    assert entry.before is not None and entry.after is not None
    assert entry.after["members"] == 345 and entry.before["members"] != 345
    trail = loc_binh_staff.get("/to-chuc/2020/188/nhat-ky/").content.decode()
    assert "locbinh" in trail and "06553 Đảng bộ xã Đồng Bục" in trail


def test_the_audit_page_does_not_show_other_provinces_changes(loc_binh_staff: Client) -> None:
    soc = login("soctrang")
    soc.post(
        "/to-chuc/2020/94/sua/luu/",
        {"name": "Đảng bộ tỉnh Sóc Trăng", "kind": "dang_bo", "unit_type": "", "members": "1"},
    )
    assert AuditEntry.objects.filter(organisation__code="94").exists()
    trail = loc_binh_staff.get("/to-chuc/2020/188/nhat-ky/").content.decode()
    assert "Sóc Trăng" not in trail


def test_an_upload_with_errors_lists_them_and_writes_nothing(loc_binh_staff: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = csv_bytes(
        "Mã,Mã cấp trên,Tên,Cấp",
        "188-N1,188,Đảng bộ Nhà máy Xi măng,3",
        "188-N2,KHONGCO,Đảng bộ B,3",
    )
    response = loc_binh_staff.post(
        "/to-chuc/2020/188/nhap/tai-len/", {"file": SimpleUploadedFile("ds.csv", data)}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "1 lỗi — chưa có gì được ghi" in page
    assert "Dòng 3, cột «Mã cấp trên» (giá trị «KHONGCO»)" in page
    assert not Organisation.objects.filter(code="188-N1").exists()


def test_an_upload_cannot_reach_outside_the_users_subtree(loc_binh_staff: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = csv_bytes("code,parent_code,name,level", "X9,941,Đảng bộ lạ,3", "94,TW,Đổi tên,1")
    response = loc_binh_staff.post(
        "/to-chuc/2020/188/nhap/tai-len/", {"file": SimpleUploadedFile("ds.csv", data)}
    )
    page = response.content.decode()
    # Refused without saying that 941 and 94 exist elsewhere: the same words as for
    # a code nobody has.
    assert "Không có tổ chức cấp trên với mã này trong tệp hay trong đơn vị của bạn." in page
    assert "Không dùng được mã này cho một tổ chức trong đơn vị của bạn" in page
    assert "ngoài phạm vi" not in page
    assert org("94").name == "Đảng bộ tỉnh Sóc Trăng"


def test_a_good_upload_is_imported_and_reported(loc_binh_staff: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = csv_bytes("code,parent_code,name,level", "188-N1,188,Đảng bộ Nhà máy Xi măng,3")
    response = loc_binh_staff.post(
        "/to-chuc/2020/188/nhap/tai-len/", {"file": SimpleUploadedFile("ds.csv", data)}, follow=True
    )
    assert "thêm mới 1" in response.content.decode()
    assert org("188-N1").name == "Đảng bộ Nhà máy Xi măng"
    assert AuditEntry.objects.filter(action="org.create", organisation__code="188-N1").exists()
    assert AuditEntry.objects.filter(action="org.import", actor_name="locbinh").exists()


def test_an_upload_of_the_wrong_type_is_refused(loc_binh_staff: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = loc_binh_staff.post(
        "/to-chuc/2020/188/nhap/tai-len/", {"file": SimpleUploadedFile("ds.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 400
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in response.content.decode()


def test_the_style_sheet_and_htmx_are_served(loc_binh_staff: Client) -> None:
    page = loc_binh_staff.get("/to-chuc/2020/188/").content.decode()
    for asset in ("/static/daihoi/site.css", "/static/django_htmx/htmx-2.min.js"):
        assert asset in page
        response = loc_binh_staff.get(asset)
        assert response.status_code == 200, asset


def test_the_page_costs_one_count_per_child_shown_and_no_more(
    loc_binh_staff: Client, django_assert_max_num_queries: object
) -> None:
    shown = min(org("188").numchild, 50)
    with django_assert_max_num_queries(shown + 12):  # type: ignore[operator]
        loc_binh_staff.get("/to-chuc/2020/188/")
