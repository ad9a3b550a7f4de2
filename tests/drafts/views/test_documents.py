"""The congress's documents page and its form opening a document; a document's page; the diff."""

import pytest
from django.urls import reverse

from daihoi.drafts.models import DocKind, DraftDocument
from tests.conftest import login
from tests.drafts.helpers import (
    TEXT_2,
    congress_of,
    document_with_round,
    reader,
    unchanged,
    user,
)

pytestmark = pytest.mark.django_db


def _create_url(campaign):
    return reverse("drafts_document_create", args=[campaign.slug, "188"])


def test_the_page_offers_the_kinds_not_yet_opened(campaign):
    document_with_round(campaign)
    page = login("locbinh").get(reverse("drafts_congress", args=[campaign.slug, "188"]))
    text = page.content.decode()
    assert 'value="review_report"' in text and 'value="political_report"' not in text
    assert f'action="{_create_url(campaign)}"' in text


def test_it_opens_a_document_and_goes_to_its_page(campaign):
    congress_of(campaign, "188")
    response = login("locbinh").post(
        _create_url(campaign),
        {"kind": DocKind.REVIEW_REPORT, "title": "", "owner": "Tiểu ban", "deadline": "30/06/2020"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "drafts_document", args=[campaign.slug, "188", DocKind.REVIEW_REPORT]
    )
    document = DraftDocument.objects.get()
    assert (document.owner, str(document.deadline)) == ("Tiểu ban", "2020-06-30")


def test_a_congress_has_one_document_per_kind(campaign):
    congress_of(campaign, "188")
    client = login("locbinh")
    client.post(_create_url(campaign), {"kind": DocKind.REVIEW_REPORT})
    page = unchanged(
        lambda: client.post(_create_url(campaign), {"kind": DocKind.REVIEW_REPORT, "title": "Mới"})
    )
    text = page.content.decode()
    assert page.status_code == 409
    assert "đã có «Báo cáo kiểm điểm của Ban Chấp hành»" in text
    assert 'value="Mới"' in text  # what was typed comes back
    assert DraftDocument.objects.filter(kind=DocKind.REVIEW_REPORT).count() == 1


def test_a_bad_date_comes_back_beside_its_field_with_what_was_typed(campaign):
    congress_of(campaign, "188")
    page = unchanged(
        lambda: login("locbinh").post(
            _create_url(campaign),
            {"kind": DocKind.PROGRAMME, "title": "Chương trình", "deadline": "31/02/2020"},
        )
    )
    text = page.content.decode()
    assert page.status_code == 400
    assert "Ngày «31/02/2020» không hợp lệ" in text
    assert 'value="Chương trình"' in text
    assert 'name="deadline" value="31/02/2020"' in text and "autofocus" in text


def test_the_counting_board_reads_but_cannot_open_a_document(campaign):
    congress_of(campaign, "188")
    client = login(reader().username)
    assert client.get(reverse("drafts_congress", args=[campaign.slug, "188"])).status_code == 200
    response = unchanged(lambda: client.post(_create_url(campaign), {"kind": DocKind.PROGRAMME}))
    assert response.status_code == 403
    outsider = login("soctrang").post(_create_url(campaign), {"kind": DocKind.PROGRAMME})
    assert outsider.status_code == 404


def test_the_pages_answer_get_only_and_the_write_post_only(campaign):
    document, _round = document_with_round(campaign)
    client = login("locbinh")
    assert client.get(_create_url(campaign)).status_code == 405
    page = reverse("drafts_document", args=[campaign.slug, "188", document.kind])
    assert client.post(page, {"action": "upload"}).status_code == 405


def test_the_document_page_offers_the_upload_and_the_superior_its_review(campaign):
    document, _round = document_with_round(campaign)
    args = [campaign.slug, "188", document.kind]
    own = login("locbinh").get(reverse("drafts_document", args=args)).content.decode()
    assert reverse("drafts_round_upload", args=args) in own
    assert reverse("drafts_document_review", args=args) not in own
    above = login("langson").get(reverse("drafts_document", args=args)).content.decode()
    assert reverse("drafts_document_review", args=args) in above
    assert reverse("drafts_document_approve", args=args) in above
    assert "data-confirm=" in above


def test_the_diff_shows_the_changed_and_added_paragraphs_side_by_side(campaign):
    from daihoi.drafts.actions.versions import do_add_round
    from daihoi.lib.paragraphs import parse_text

    document, _round = document_with_round(campaign)
    do_add_round(document, parse_text(TEXT_2), acting_user=user("locbinh"))
    page = (
        login("locbinh")
        .get(reverse("drafts_diff", args=[campaign.slug, "188", document.kind]) + "?a=1&b=2")
        .content.decode()
    )
    assert "1 đoạn sửa · 1 đoạn thêm · 0 đoạn bỏ" in page
    assert "<del>khá,</del>" in page
    assert "<ins>khá nhanh và bền vững,</ins>" in page
    assert "Chuyển đổi số bước đầu có kết quả." in page


def test_a_title_too_long_for_its_column_is_named_beside_the_field(campaign):
    congress_of(campaign, "188")
    response = unchanged(
        lambda: login("locbinh").post(
            _create_url(campaign), {"kind": DocKind.POLITICAL_REPORT, "title": "Báo cáo " * 200}
        )
    )
    assert response.status_code == 400
    assert "tối đa 300 kí tự (hiện có 1599)" in response.content.decode()
