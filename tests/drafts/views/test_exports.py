"""A round's summary of comments (XLSX, DOCX) and the import template, as private downloads."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from daihoi.drafts.actions.handling import do_handle_comments
from daihoi.drafts.models import Handling, SourceGroup
from tests.conftest import login
from tests.core.printing import assert_fits_a4, assert_prints_one_page_wide
from tests.drafts.helpers import comment, document_with_round, user

pytestmark = pytest.mark.django_db


def test_the_summary_counts_by_group_and_handling_in_xlsx_and_docx(campaign):
    document, round_ = document_with_round(campaign)
    a = comment(round_, source_group=SourceGroup.PUBLIC)
    comment(round_, source_group=SourceGroup.PUBLIC, text="Khác hẳn")
    comment(round_, source_group=SourceGroup.RETIRED, text="=1+1")
    do_handle_comments(
        round_, [a.pk], handling=Handling.ACCEPTED, response="Đã sửa.", acting_user=user("locbinh")
    )
    client = login("locbinh")
    args = [campaign.slug, "188", document.kind, 1]
    response = client.get(reverse("drafts_summary_xlsx", args=args))
    assert response["Cache-Control"] == "private, no-store"
    assert "tong-hop-gop-y-political_report-lan-1.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.getvalue()))
    rows = {r[0]: r[1:] for r in book["Tổng hợp"].iter_rows(min_row=5, values_only=True)}
    # Tiếp thu, Tiếp thu một phần, Giải trình, Chưa xử lý, Cộng
    assert rows["Nhân dân"] == (1, 0, 0, 1, 2)
    assert rows["Cán bộ lão thành, cán bộ hưu trí"] == (0, 0, 0, 1, 1)
    assert rows["Cộng"] == (1, 0, 0, 2, 3)
    texts = [c.value for c in book["Ý kiến"]["F"]]
    assert "=1+1" in texts and book["Ý kiến"]["F4"].data_type == "s"
    assert_prints_one_page_wide(book["Tổng hợp"], header_row=4, frozen="B5")
    assert_prints_one_page_wide(book["Ý kiến"], header_row=1, frozen="C2")
    word = client.get(reverse("drafts_summary_docx", args=args))
    assert word["Cache-Control"] == "private, no-store"
    docx = Document(io.BytesIO(word.getvalue()))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "tổng hợp ý kiến góp ý vào Báo cáo chính trị (dự thảo lần 1)" in body
    assert "Tổng số 3 ý kiến góp ý" in body
    assert "Tiếp thu: Đã sửa." in body
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in docx.tables[0].rows[0].cells[1].text
    counts = docx.tables[1]
    assert counts.rows[0].cells[0].text == "Nhóm góp ý"
    widths = assert_fits_a4(counts)
    assert widths[0] == max(widths)


def test_the_import_template_lists_the_columns_and_the_rounds_paragraphs(campaign):
    document, round_ = document_with_round(campaign)
    args = [campaign.slug, "188", document.kind, 1]
    response = login("locbinh").get(reverse("drafts_import_template", args=args))
    assert response["Cache-Control"] == "private, no-store"
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert [c.value for c in book["Ý kiến"][1]] == [
        "Đoạn",
        "Nhóm",
        "Người góp ý",
        "Mã đơn vị",
        "Ngày",
        "Nội dung",
    ]
    keys = [r[0] for r in book["Các đoạn"].iter_rows(min_row=2, values_only=True)]
    assert keys == [b.key for b in round_.numbered()]
