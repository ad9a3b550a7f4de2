"""Rounds: DOCX upload into numbered sections, upload checks, the diff, edited rounds."""

import pytest
from django.urls import reverse

from daihoi.drafts.models import DocKind, DraftDocument
from tests.conftest import login
from tests.drafts.helpers import TEXT_1, TEXT_2, congress_of, document_with_round, docx_bytes

pytestmark = pytest.mark.django_db


def _upload(client, campaign, data, name="du-thao.docx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("drafts_document", args=[campaign.slug, "188", DocKind.POLITICAL_REPORT])
    return client.post(
        url, {"action": "upload", "file": SimpleUploadedFile(name, data)}, follow=True
    )


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


def test_a_file_that_is_not_word_is_refused_by_its_content(campaign):
    document, _round = document_with_round(campaign, circulate=False)
    response = _upload(login("locbinh"), campaign, b"%PDF-1.4 not a docx", name="gia.docx")
    assert "không phải tệp Word (.docx)" in response.content.decode()
    assert document.rounds.count() == 1


def test_a_file_too_large_is_refused(campaign, settings):
    settings.DAIHOI_MAX_UPLOAD_BYTES = 100
    document, _round = document_with_round(campaign, circulate=False)
    response = _upload(login("locbinh"), campaign, docx_bytes(TEXT_1))
    assert "quá lớn" in response.content.decode()
    assert document.rounds.count() == 1


def test_a_round_not_yet_sent_is_corrected_in_place_and_a_sent_one_is_not(campaign):
    document, first = document_with_round(campaign, circulate=False)
    url = reverse("drafts_edit", args=[campaign.slug, "188", document.kind])
    client = login("locbinh")
    assert "chưa gửi lấy ý kiến" in client.get(url).content.decode()
    client.post(url, {"text": "# Phần I\nĐoạn đã sửa.\n"})
    first.refresh_from_db()
    assert document.rounds.count() == 1
    assert [b.text for b in first.numbered()] == ["Phần I", "Đoạn đã sửa."]
    from daihoi.drafts import actions
    from tests.drafts.helpers import user

    actions.do_circulate_round(
        first, groups=["members"], deadline=None, acting_user=user("locbinh")
    )
    client.post(url, {"text": "# Phần I\nĐoạn sửa lần hai.\n"})
    assert document.rounds.count() == 2
    first.refresh_from_db()
    assert first.numbered()[1].text == "Đoạn đã sửa."


def test_the_diff_shows_the_changed_and_added_paragraphs_side_by_side(campaign):
    document, _round = document_with_round(campaign)
    client = login("locbinh")
    client.post(
        reverse("drafts_edit", args=[campaign.slug, "188", document.kind]), {"text": TEXT_2}
    )
    assert document.rounds.count() == 2
    page = client.get(
        reverse("drafts_diff", args=[campaign.slug, "188", document.kind]) + "?a=1&b=2"
    ).content.decode()
    assert "1 đoạn sửa · 1 đoạn thêm · 0 đoạn bỏ" in page
    assert "<del>khá,</del>" in page
    assert "<ins>khá nhanh và bền vững,</ins>" in page
    assert "Chuyển đổi số bước đầu có kết quả." in page


def test_the_editor_starts_from_the_latest_round(campaign):
    document, _round = document_with_round(campaign, circulate=False)
    page = (
        login("locbinh")
        .get(reverse("drafts_edit", args=[campaign.slug, "188", document.kind]))
        .content.decode()
    )
    assert "# PHẦN I. ĐÁNH GIÁ" in page


def test_a_congress_has_one_document_per_kind(campaign):
    congress_of(campaign, "188")
    client = login("locbinh")
    url = reverse("drafts_congress", args=[campaign.slug, "188"])
    client.post(url, {"kind": DocKind.REVIEW_REPORT})
    page = client.post(url, {"kind": DocKind.REVIEW_REPORT}, follow=True).content.decode()
    assert "đã có «Báo cáo kiểm điểm của Ban Chấp hành»" in page
    assert DraftDocument.objects.filter(kind=DocKind.REVIEW_REPORT).count() == 1


def test_the_counting_board_reads_but_cannot_draft(campaign):
    from daihoi.accounts.models import Role, User
    from daihoi.orgs.models import Organisation

    User.objects.create_user(
        "bkp", organisation=Organisation.objects.get(code="188"), roles=[Role.COUNTING_BOARD]
    )
    congress_of(campaign, "188")
    response = login("bkp").post(
        reverse("drafts_congress", args=[campaign.slug, "188"]), {"kind": DocKind.PROGRAMME}
    )
    assert response.status_code == 403
