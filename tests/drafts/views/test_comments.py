"""A round's comments page: the list and its filters, a comment entered, a table imported."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from daihoi.drafts.actions.handling import do_handle_comments
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import Handling, SourceGroup
from tests.conftest import login
from tests.drafts.helpers import comment, document_with_round, reader, unchanged, user

pytestmark = pytest.mark.django_db


def _url(name, round_):
    document = round_.document
    return reverse(name, args=[document.congress.campaign.slug, "188", document.kind, 1])


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Đoạn", "Nhóm", "Người góp ý", "Ngày", "Nội dung"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _comment_body(**kw):
    return {
        "paragraph": "1:1",
        "source_group": "retired",
        "source_name": "Ông A",
        "received_on": "02/03/2020",
        "text": "Bổ sung số liệu.",
    } | kw


def test_it_records_a_comment_and_goes_back_to_the_filtered_list(campaign):
    _document, round_ = document_with_round(campaign)
    url = _url("drafts_comment_add", round_) + "?xuly=chua"
    response = login("locbinh").post(url, _comment_body())
    assert response["Location"] == _url("drafts_comments", round_) + "?xuly=chua"
    made = round_.comments.get()
    assert (made.paragraph, made.source_group, made.source_name) == ("1:1", "retired", "Ông A")


def test_a_bad_date_comes_back_beside_its_field_with_everything_typed(campaign):
    _document, round_ = document_with_round(campaign)
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_comment_add", round_), _comment_body(received_on="hôm qua")
        )
    )
    page = response.content.decode()
    assert "Ngày «hôm qua» không hợp lệ" in page
    assert "Bổ sung số liệu.</textarea>" in page and 'value="Ông A"' in page
    assert '<option value="retired" selected>' in page
    assert '<option value="1:1" selected>' in page


def test_a_closed_round_takes_no_comment(campaign):
    _document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    response = unchanged(
        lambda: login("locbinh").post(_url("drafts_comment_add", round_), _comment_body())
    )
    assert "không trong thời gian lấy ý kiến" in response.content.decode()


def test_the_counting_board_cannot_enter_a_comment(campaign):
    _document, round_ = document_with_round(campaign)
    response = unchanged(
        lambda: login(reader().username).post(_url("drafts_comment_add", round_), _comment_body())
    )
    assert response.status_code == 403


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row(campaign):
    _document, round_ = document_with_round(campaign)
    data = _xlsx(
        [
            ["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."],
            ["7:7", "Nhân dân", "", "02/03/2020", "Sai đoạn"],
            ["", "Người ngoài hành tinh", "", "31/02/2020", ""],
        ]
    )
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_comments_import", round_), {"file": SimpleUploadedFile("y.xlsx", data)}
        )
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="import-errors"' in page
    assert "Dòng 3, cột «đoạn» (giá trị «7:7»)" in page
    assert "Dòng 4, cột «nhóm» (giá trị «Người ngoài hành tinh»)" in page
    assert "Dòng 4, cột «ngày» (giá trị «31/02/2020»)" in page
    assert "Dòng 4, cột «nội dung»" in page


def test_a_good_import_writes_every_row(campaign):
    _document, round_ = document_with_round(campaign)
    data = _xlsx(
        [
            ["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."],
            ["", "Cán bộ lão thành", "Ông B", "03/03/2020", "Làm rõ nguyên nhân."],
        ]
    )
    response = login("locbinh").post(
        _url("drafts_comments_import", round_), {"file": SimpleUploadedFile("y.xlsx", data)}
    )
    assert response.status_code == 302
    got = list(
        round_.comments.order_by("pk").values_list("paragraph", "source_group", "source_name")
    )
    assert got == [("1:1", SourceGroup.MEMBERS, "Chi bộ 1"), ("", SourceGroup.RETIRED, "Ông B")]


def test_an_import_waits_for_the_round_to_go_out(campaign):
    _document, round_ = document_with_round(campaign, circulate=False)
    data = _xlsx([["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."]])
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_comments_import", round_), {"file": SimpleUploadedFile("y.xlsx", data)}
        )
    )
    assert "không trong thời gian lấy ý kiến" in response.content.decode()


def test_the_counting_board_cannot_import(campaign):
    _document, round_ = document_with_round(campaign)
    data = _xlsx([["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."]])
    response = unchanged(
        lambda: login(reader().username).post(
            _url("drafts_comments_import", round_), {"file": SimpleUploadedFile("y.xlsx", data)}
        )
    )
    assert response.status_code == 403


def test_the_list_filters_the_comments_still_without_a_handling(campaign):
    _document, round_ = document_with_round(campaign)
    done = comment(round_, text="Đã xử lý rồi")
    comment(round_, text="Còn chờ xử lý")
    do_handle_comments(
        round_, [done.pk], handling=Handling.ACCEPTED, response="", acting_user=user("locbinh")
    )
    page = login("locbinh").get(_url("drafts_comments", round_) + "?xuly=chua").content.decode()
    assert "Còn chờ xử lý" in page and "Đã xử lý rồi" not in page
    # The forms post back to the same filtered list.
    assert _url("drafts_comments_handle", round_) + "?xuly=chua" in page


def test_the_page_links_the_import_template(campaign):
    _document, round_ = document_with_round(campaign)
    page = login("locbinh").get(_url("drafts_comments", round_)).content.decode()
    assert _url("drafts_import_template", round_) in page
