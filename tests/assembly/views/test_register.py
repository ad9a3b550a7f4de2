"""The register page and its writes (views/register.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from daihoi.assembly.models import Allotment, Delegate
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from tests.assembly.helpers import (
    assert_post_denied,
    loc_binh_congress,
    page_url,
    reader,
    register_csv,
    register_rows,
    units,
)
from tests.conftest import login
from tests.orgs.helpers import xlsx_bytes

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list[str]]) -> bytes:
    return xlsx_bytes([list[object](cells) for cells in rows])


def _upload_url(congress: Congress) -> str:
    return reverse(
        "assembly_register_upload",
        kwargs={"campaign": congress.campaign.slug, "code": congress.organisation.code},
    )


def _upload(client: Client, congress: Congress, name: str, data: bytes) -> Any:
    return client.post(_upload_url(congress), {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_register_page_adds_and_refuses_with_clear_messages() -> None:
    congress = loc_binh_congress()
    client = login("locbinh")
    add = page_url(congress, "assembly_delegate_add")
    ok = client.post(
        add, {"full_name": "Lò Văn Mới", "kind": "guest", "basis": "invited"}, follow=True
    )
    assert "Đã thêm Lò Văn Mới" in ok.content.decode()
    bad = client.post(add, {"full_name": "Dự Khuyết Lạc", "kind": "alternate", "basis": "elected"})
    assert "phải thuộc một đoàn" in bad.content.decode()
    assert not Delegate.objects.filter(full_name="Dự Khuyết Lạc").exists()
    assert reader().post(page_url(congress, "assembly_import_elected")).status_code == 403


def test_the_register_page_imports_a_file_and_lists_a_bad_ones_errors() -> None:
    congress = loc_binh_congress()
    client = login("locbinh")
    url = reverse(
        "assembly_register",
        kwargs={"campaign": congress.campaign.slug, "code": congress.organisation.code},
    )
    page = client.get(url).content.decode()
    assert "Nhập danh sách từ tệp" in page and f'action="{_upload_url(congress)}"' in page
    bad = register_rows(congress)
    bad[2][5] = "Khác"
    response = _upload(client, congress, "dai-bieu.csv", register_csv(bad))
    body = response.content.decode()
    assert 'id="import-errors"' in body
    assert "Dòng 3, cột «Giới tính» (giá trị «Khác»)" in body
    assert "Tệp chưa được nhập vì có lỗi" in body
    assert not Delegate.objects.filter(congress=congress).exists()
    response = _upload(client, congress, "dai-bieu.xlsx", _xlsx(register_rows(congress)))
    assert response.redirect_chain[-1][0] == url
    body = response.content.decode()
    assert "Đã nhập 6 đại biểu từ tệp." in body and "Vi Thị Dung" in body
    assert Delegate.objects.filter(congress=congress).count() == 6
    # A file that is no table at all is refused the same way.
    body = _upload(client, congress, "anh.png", b"\x89PNG").content.decode()
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in body


def test_a_reader_sees_no_upload_form_and_is_refused_the_post() -> None:
    congress = loc_binh_congress()
    client = reader()
    url = reverse(
        "assembly_register",
        kwargs={"campaign": congress.campaign.slug, "code": congress.organisation.code},
    )
    page = client.get(url)
    assert page.status_code == 200 and "Nhập danh sách từ tệp" not in page.content.decode()
    response = client.post(
        _upload_url(congress),
        {"file": SimpleUploadedFile("a.csv", register_csv(register_rows(congress)))},
    )
    assert response.status_code == 403
    assert not Delegate.objects.filter(congress=congress).exists()


def test_a_refused_line_comes_back_with_what_was_typed_beside_its_field() -> None:
    congress = loc_binh_congress()
    client = login("locbinh")
    unit = units(congress, 1)[0]
    data = {
        "full_name": "Khách Lạc",
        "kind": "guest",
        "basis": "elected",
        "position": "Bí thư Chi bộ",
    }
    page = client.post(page_url(congress, "assembly_delegate_add"), data)
    assert page.status_code == 400
    form = page.context["form"]
    # The rule's refusal is beside the kind field, the values kept, the field focused.
    assert form.errors["kind"] == ["Khách mời có tư cách “được mời”."]
    body = page.content.decode()
    assert 'value="Khách Lạc"' in body and 'value="Bí thư Chi bộ"' in body
    assert "autofocus" in str(form["kind"])
    # The page's other forms are there, blank, not lost.
    assert not page.context["allot_form"].is_bound
    assert 'name="officials"' in body and unit.name in body
    assert not Delegate.objects.filter(congress=congress).exists()


def test_the_register_writes_refuse_readers_and_outsiders() -> None:
    congress = loc_binh_congress()
    unit = units(congress, 1)[0]
    assert_post_denied(
        page_url(congress, "assembly_delegate_add"),
        {"full_name": "Người Thử", "kind": "official", "basis": "elected"},
    )
    assert_post_denied(
        page_url(congress, "assembly_allotment_set"),
        {"unit": unit.code, "officials": "3", "alternates": "0"},
    )
    assert_post_denied(page_url(congress, "assembly_import_elected"))
    assert_post_denied(page_url(congress, "assembly_register_upload"))
    assert not Delegate.objects.filter(congress=congress).exists()


def test_an_allotment_is_saved_from_the_page_and_a_bad_one_marked() -> None:
    congress = loc_binh_congress()
    unit = units(congress, 1)[0]
    client = login("locbinh")
    url = page_url(congress, "assembly_allotment_set")
    done = client.post(url, {"unit": unit.code, "officials": "3", "alternates": "1"})
    assert done.status_code == 302
    assert Allotment.objects.get(congress=congress, unit=unit).officials == 3
    bad = client.post(url, {"unit": unit.code, "officials": "-2", "alternates": "1"})
    assert bad.status_code == 400 and "officials" in bad.context["allot_form"].errors
    assert 'value="-2"' in bad.content.decode()
    assert Allotment.objects.get(congress=congress, unit=unit).officials == 3


def test_the_elected_below_are_imported_from_the_page() -> None:
    congress = loc_binh_congress()
    answer = login("locbinh").post(page_url(congress, "assembly_import_elected"), follow=True)
    assert "Đã nhập 0 đại biểu từ kết quả bầu cử" in answer.content.decode()
    assert AuditEntry.objects.filter(action="assembly.import_elected").count() == 1


def test_a_unit_is_typed_by_its_code_and_a_code_from_elsewhere_is_named_in_the_refusal() -> None:
    congress = loc_binh_congress()
    unit = units(congress, 1)[0]
    client = login("locbinh")
    url = page_url(congress, "assembly_allotment_set")
    # District 189 is Lộc Bình's neighbour, not below it: refused by its code, nothing written.
    for code in ("189", "khong-co-ma-nay"):
        bad = client.post(url, {"unit": code, "officials": "3", "alternates": "0"})
        assert bad.status_code == 400
        assert bad.context["allot_form"].errors["unit"] == [
            f"Không có đơn vị mã “{code}” thuộc {congress.organisation.name}."
        ]
    assert not Allotment.objects.filter(congress=congress).exists()
    added = client.post(
        page_url(congress, "assembly_delegate_add"),
        {"full_name": "Nguyễn Văn Đoàn", "kind": "official", "basis": "elected", "unit": unit.code},
    )
    assert added.status_code == 302
    assert Delegate.objects.get(congress=congress, full_name="Nguyễn Văn Đoàn").unit == unit


def test_the_page_suggests_a_bounded_number_of_units(monkeypatch: pytest.MonkeyPatch) -> None:
    from daihoi.assembly import queries

    congress = loc_binh_congress()
    first, second = units(congress, 2)
    monkeypatch.setattr(queries.campaign_queries, "UNIT_SUGGESTIONS", 1)
    body = login("locbinh").get(page_url(congress, "assembly_register")).content.decode()
    # One suggestion, and the others are typed by code, as the page says.
    assert f'<option value="{first.code}">' in body
    assert f'<option value="{second.code}">' not in body
    assert "gợi ý 1 đơn vị đầu tiên; đơn vị khác gõ đúng mã" in body
