"""The superior's approvals (/duyet-van-kien/, /duyet-nhan-su/) from the congress page."""

from __future__ import annotations

import lxml.html
import pytest

from daihoi.campaigns.models import Congress
from tests.campaigns.helpers import client_of, dong_buc_congress, reader
from tests.conftest import login

pytestmark = pytest.mark.django_db
PAGE = "/dai-hoi/thu-nghiem/06553/"
DOCUMENTS = PAGE + "duyet-van-kien/"
PERSONNEL = PAGE + "duyet-nhan-su/"


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def test_it_records_an_approval(dong_buc: Congress) -> None:
    client = login("locbinh")
    response = client.post(DOCUMENTS, {"note": "Nhất trí"})
    assert response.status_code == 302 and response["Location"] == PAGE
    page = client.get(PAGE).content.decode()
    assert "Duyệt văn kiện: Ban Tổ chức Huyện ủy Lộc Bình" in page
    assert dong_buc.approvals.get().note == "Nhất trí"


def test_a_refused_approval_keeps_the_congress_form_and_the_note(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(pilot_lessons="Đã ghi")
    response = login("langson").post(PERSONNEL, {"note": "Ý kiến của tôi"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Cần duyệt văn kiện trước khi duyệt nhân sự." in text
    assert "Trường ẩn" not in text and "Trường này là bắt buộc" not in text
    page = lxml.html.fromstring(response.content)
    assert page.get_element_by_id("id_pilot_lessons").text_content().strip() == "Đã ghi"
    assert not page.xpath('//*[@id="record"]//*[@aria-invalid]')
    note = page.xpath('//form[@id="approve-personnel"]//input[@name="note"]')[0]
    assert note.get("value") == "Ý kiến của tôi"
    assert not dong_buc.approvals.exists()


def test_an_approval_already_recorded_is_refused_with_its_reason(dong_buc: Congress) -> None:
    client = login("langson")
    client.post(DOCUMENTS, {})
    response = client.post(DOCUMENTS, {})
    assert response.status_code == 200
    assert "Việc này đã được duyệt rồi." in response.content.decode()
    assert dong_buc.approvals.count() == 1


def test_they_reject_get(dong_buc: Congress) -> None:
    assert login("langson").get(DOCUMENTS).status_code == 405


def test_only_a_superior_approves(dong_buc: Congress) -> None:
    commune = client_of(
        type(reader()).objects.create_user(
            "xa", organisation=dong_buc.organisation, roles=["org_staff"]
        )
    )
    for url in (DOCUMENTS, PERSONNEL):
        assert commune.post(url, {}).status_code == 403
        assert client_of(reader()).post(url, {}).status_code == 403
        assert login("soctrang").post(url, {}).status_code == 404
    assert not dong_buc.approvals.exists()
