"""The approval writes of the congress page: submit, approve, return, withdraw; one URL each."""

from __future__ import annotations

import lxml.html
import pytest
from django.test import Client

from daihoi.accounts.models import User
from daihoi.campaigns.models import Congress, CongressState, SubmissionState
from tests.campaigns.helpers import (
    approved,
    client_of,
    dong_buc_congress,
    reader,
    submitted,
    with_list,
)
from tests.conftest import login

pytestmark = pytest.mark.django_db
PAGE = "/dai-hoi/thu-nghiem/06553/"
DOCUMENTS = PAGE + "duyet-van-kien/"
PERSONNEL = PAGE + "duyet-nhan-su/"
SUBMIT = PAGE + "gui-van-kien/"
SUBMIT_PERSONNEL = PAGE + "gui-nhan-su/"
RETURN = PAGE + "tra-lai-van-kien/"
WITHDRAW = PAGE + "rut-duyet-van-kien/"
WRITES = [
    DOCUMENTS,
    PERSONNEL,
    SUBMIT,
    SUBMIT_PERSONNEL,
    RETURN,
    PAGE + "tra-lai-nhan-su/",
    WITHDRAW,
    PAGE + "rut-duyet-nhan-su/",
]


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def commune_client(congress: Congress) -> Client:
    unit = congress.organisation
    return client_of(User.objects.create_user("xa", organisation=unit, roles=["org_staff"]))


def test_a_unit_submits_its_documents_named_on_paper(dong_buc: Congress) -> None:
    response = commune_client(dong_buc).post(SUBMIT, {"paper": "Báo cáo chính trị\n\nĐề án"})
    assert response.status_code == 302 and response["Location"] == PAGE
    sent = dong_buc.submissions.get()
    assert sent.state == SubmissionState.WAITING
    assert sent.content["paper"] == ["Báo cáo chính trị", "Đề án"]


def test_a_submission_of_nothing_is_refused_with_its_reason(dong_buc: Congress) -> None:
    response = login("locbinh").post(SUBMIT_PERSONNEL, {})
    assert response.status_code == 409
    form = lxml.html.fromstring(response.content).get_element_by_id("submit-personnel")
    assert "chưa lập danh sách nhân sự" in form.text_content()
    assert not dong_buc.submissions.exists()


def test_it_records_an_approval(dong_buc: Congress) -> None:
    submitted(dong_buc, "documents")
    client = login("locbinh")
    response = client.post(DOCUMENTS, {"note": "Nhất trí"})
    assert response.status_code == 302 and response["Location"] == PAGE
    page = client.get(PAGE).content.decode()
    assert "Duyệt văn kiện: Ban Tổ chức Huyện ủy Lộc Bình" in page
    assert dong_buc.approvals.get().note == "Nhất trí"


def test_a_refused_approval_keeps_the_congress_form_and_the_note(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(pilot_lessons="Đã ghi")
    submitted(dong_buc, "personnel")
    response = login("langson").post(PERSONNEL, {"note": "Ý kiến của tôi"})
    assert response.status_code == 409
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
    submitted(dong_buc, "documents")
    client = login("langson")
    client.post(DOCUMENTS, {})
    response = client.post(DOCUMENTS, {})
    assert response.status_code == 409
    assert "Việc này đã được duyệt rồi." in response.content.decode()
    assert dong_buc.approvals.count() == 1


def test_a_return_shows_its_reason_to_the_unit(dong_buc: Congress) -> None:
    submitted(dong_buc, "documents")
    response = login("locbinh").post(RETURN, {"reason": "Thiếu báo cáo kiểm điểm"})
    assert response.status_code == 302
    page = lxml.html.fromstring(commune_client(dong_buc).get(PAGE).content)
    box = page.get_element_by_id("approval-documents")
    assert "Thiếu báo cáo kiểm điểm" in box.text_content()
    assert page.get_element_by_id("submit-documents") is not None  # it may send again


def test_a_return_without_a_reason_is_refused_and_keeps_the_request(dong_buc: Congress) -> None:
    submitted(dong_buc, "documents")
    response = login("locbinh").post(RETURN, {"reason": "  "})
    assert response.status_code == 400
    form = lxml.html.fromstring(response.content).get_element_by_id("return-documents")
    assert "Hãy ghi lý do" in form.text_content()
    assert dong_buc.submissions.get().state == SubmissionState.WAITING


def test_a_withdrawal_takes_the_approval_back(dong_buc: Congress) -> None:
    approved(dong_buc, "documents")
    response = login("langson").post(WITHDRAW, {"reason": "Phát hiện sai sót"})
    assert response.status_code == 302
    assert not dong_buc.approvals.exists()
    assert dong_buc.submissions.get().state == SubmissionState.WITHDRAWN


def test_a_held_congress_offers_no_withdrawal_and_refuses_one(dong_buc: Congress) -> None:
    approved(dong_buc, "documents")
    Congress.objects.filter(pk=dong_buc.pk).update(state=CongressState.HELD)
    client = login("langson")
    assert b'id="withdraw-documents"' not in client.get(PAGE).content
    assert client.post(WITHDRAW, {"reason": "Phát hiện sai sót"}).status_code == 409
    assert dong_buc.approvals.exists()


def test_they_reject_get(dong_buc: Congress) -> None:
    for url in WRITES:
        assert login("langson").get(url).status_code == 405


def test_only_a_superior_approves_returns_and_withdraws(dong_buc: Congress) -> None:
    submitted(dong_buc, "documents")
    with_list(dong_buc)
    commune = commune_client(dong_buc)
    for url in (DOCUMENTS, PERSONNEL, RETURN, WITHDRAW):
        body = {"reason": "Lý do đầy đủ", "note": ""}
        assert commune.post(url, body).status_code == 403
        assert client_of(reader()).post(url, body).status_code == 403
        assert login("soctrang").post(url, body).status_code == 404
    assert not dong_buc.approvals.exists()
    assert dong_buc.submissions.get().state == SubmissionState.WAITING


def test_only_the_units_writers_submit(dong_buc: Congress) -> None:
    with_list(dong_buc)
    for url in (SUBMIT, SUBMIT_PERSONNEL):
        assert client_of(reader()).post(url, {"paper": "Báo cáo"}).status_code == 403
        assert login("soctrang").post(url, {"paper": "Báo cáo"}).status_code == 404
    assert not dong_buc.submissions.exists()
