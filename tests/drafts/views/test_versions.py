"""The next round uploaded (a Word file) or typed in the editor; a round not yet sent corrected."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daihoi.drafts.actions.approval import do_approve_document
from daihoi.drafts.actions.rounds import do_circulate_round, do_close_round
from daihoi.drafts.models import DocKind
from tests.conftest import login
from tests.drafts.helpers import (
    TEXT_1,
    TEXT_2,
    document_with_round,
    docx_bytes,
    reader,
    unchanged,
    user,
)

pytestmark = pytest.mark.django_db


def _upload(client, campaign, data, name="du-thao.docx", **extra):
    url = reverse("drafts_round_upload", args=[campaign.slug, "188", DocKind.POLITICAL_REPORT])
    return client.post(url, {"file": SimpleUploadedFile(name, data), **extra}, follow=True)


def test_a_word_draft_becomes_numbered_sections_and_paragraphs(campaign, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document, _round = document_with_round(campaign, circulate=False)
    response = _upload(login("locbinh"), campaign, docx_bytes(TEXT_2))
    assert "Đã tải lên dự thảo lần 2 (6 đoạn)" in response.content.decode()
    second = document.rounds.get(number=2)
    assert [(b.key, b.text) for b in second.numbered()][:3] == [
        ("1", "PHẦN I. ĐÁNH GIÁ"),
        ("1:1", "Kinh tế tăng trưởng khá nhanh và bền vững, bình quân 6,5%/năm."),
        ("1:2", "Văn hóa – xã hội có tiến bộ."),
    ]
    assert second.file_name == "du-thao.docx"


def test_a_file_that_is_not_word_is_refused_beside_the_field(campaign):
    document, _round = document_with_round(campaign, circulate=False)
    response = unchanged(
        lambda: _upload(
            login("locbinh"), campaign, b"%PDF-1.4 not a docx", name="gia.docx", note="Lần 2"
        )
    )
    page = response.content.decode()
    assert "không phải tệp Word (.docx)" in page
    assert 'value="Lần 2"' in page  # the note typed comes back
    assert document.rounds.count() == 1


def test_a_file_too_large_is_refused(campaign, settings):
    settings.DAIHOI_MAX_UPLOAD_BYTES = 100
    document, _round = document_with_round(campaign, circulate=False)
    response = _upload(login("locbinh"), campaign, docx_bytes(TEXT_1))
    assert "quá lớn" in response.content.decode()
    assert document.rounds.count() == 1


def test_an_approved_document_takes_no_upload(campaign, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    do_approve_document(document, acting_user=user("langson"))
    response = unchanged(lambda: _upload(login("locbinh"), campaign, docx_bytes(TEXT_2)))
    assert "không thêm dự thảo mới" in response.content.decode()


def test_the_counting_board_cannot_upload(campaign):
    document_with_round(campaign, circulate=False)
    response = unchanged(lambda: _upload(login(reader().username), campaign, docx_bytes(TEXT_2)))
    assert response.status_code == 403


def test_the_editor_starts_from_the_latest_round_and_posts_where_it_says(campaign):
    document, _round = document_with_round(campaign, circulate=False)
    args = [campaign.slug, "188", document.kind]
    page = login("locbinh").get(reverse("drafts_edit", args=args)).content.decode()
    assert "# PHẦN I. ĐÁNH GIÁ" in page and "chưa gửi lấy ý kiến" in page
    assert reverse("drafts_round_correct", args=[*args, 1]) in page
    assert login(reader().username).get(reverse("drafts_edit", args=args)).status_code == 403


def test_a_round_not_yet_sent_is_corrected_in_place(campaign):
    document, first = document_with_round(campaign, circulate=False)
    url = reverse("drafts_round_correct", args=[campaign.slug, "188", document.kind, 1])
    response = login("locbinh").post(url, {"text": "# Phần I\nĐoạn đã sửa.\n"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert document.rounds.count() == 1
    assert [b.text for b in first.numbered()] == ["Phần I", "Đoạn đã sửa."]


def test_a_round_sent_out_is_not_corrected_and_the_text_typed_comes_back(campaign):
    document, first = document_with_round(campaign)
    url = reverse("drafts_round_correct", args=[campaign.slug, "188", document.kind, 1])
    response = unchanged(lambda: login("locbinh").post(url, {"text": "# Phần I\nBản sửa.\n"}))
    page = response.content.decode()
    assert "chỉ sửa được bằng một lần dự thảo mới" in page
    assert "Bản sửa." in page


def test_the_counting_board_cannot_correct_a_round(campaign):
    document, _first = document_with_round(campaign, circulate=False)
    url = reverse("drafts_round_correct", args=[campaign.slug, "188", document.kind, 1])
    response = unchanged(lambda: login(reader().username).post(url, {"text": TEXT_2}))
    assert response.status_code == 403


def test_text_typed_after_a_round_went_out_makes_the_next_round(campaign):
    document, first = document_with_round(campaign, circulate=False)
    do_circulate_round(first, groups=["members"], deadline=None, acting_user=user("locbinh"))
    args = [campaign.slug, "188", document.kind]
    page = login("locbinh").get(reverse("drafts_edit", args=args)).content.decode()
    assert reverse("drafts_round_add", args=args) in page
    response = login("locbinh").post(reverse("drafts_round_add", args=args), {"text": TEXT_2})
    assert response["Location"] == reverse("drafts_round", args=[*args, 2])
    assert document.rounds.count() == 2
    first.refresh_from_db()
    assert first.numbered()[1].text == "Kinh tế tăng trưởng khá, bình quân 6,5%/năm."


def test_an_empty_text_is_an_error_beside_the_editor(campaign):
    document, _first = document_with_round(campaign)
    url = reverse("drafts_round_add", args=[campaign.slug, "188", document.kind])
    response = unchanged(lambda: login("locbinh").post(url, {"text": "  \n", "note": "Ghi chú"}))
    page = response.content.decode()
    assert "Dự thảo không có nội dung." in page and 'value="Ghi chú"' in page


def test_an_approved_document_takes_no_typed_round(campaign):
    document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    do_approve_document(document, acting_user=user("langson"))
    url = reverse("drafts_round_add", args=[campaign.slug, "188", document.kind])
    response = unchanged(lambda: login("locbinh").post(url, {"text": TEXT_2}))
    assert "không thêm dự thảo mới" in response.content.decode()


def test_the_counting_board_cannot_add_a_round(campaign):
    document, _first = document_with_round(campaign)
    url = reverse("drafts_round_add", args=[campaign.slug, "188", document.kind])
    response = unchanged(lambda: login(reader().username).post(url, {"text": TEXT_2}))
    assert response.status_code == 403


def test_an_empty_file_is_named_beside_the_field(campaign):
    document_with_round(campaign, circulate=False)
    response = unchanged(lambda: _upload(login("locbinh"), campaign, b"", name="trong.docx"))
    assert response.status_code == 400
    assert "Tệp «trong.docx» trống." in response.content.decode()
