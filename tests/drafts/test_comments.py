"""Comments: entry, XLSX import (all or nothing), handling, grouping, the closing rule, summary."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from daihoi.core.errors import ActionRefused
from daihoi.drafts import actions
from daihoi.drafts.models import Comment, Handling, RoundState, SourceGroup
from tests.conftest import login
from tests.drafts.helpers import DAY, document_with_round, user

pytestmark = pytest.mark.django_db


def _comment(round_, text="Bổ sung số liệu.", paragraph="1:1", **kw):
    return actions.do_add_comment(
        round_, text=text, received_on=DAY, paragraph=paragraph, acting_user=user("locbinh"), **kw
    )


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Đoạn", "Nhóm", "Người góp ý", "Ngày", "Nội dung"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_round_cannot_close_while_a_comment_has_no_handling(campaign):
    _document, round_ = document_with_round(campaign)
    done = _comment(round_)
    left = _comment(
        round_, text="Làm rõ nguyên nhân.", paragraph="", source_name="Ông Nguyễn Văn A"
    )
    actions.do_handle_comments(
        round_, [done.pk], handling=Handling.ACCEPTED, response="", acting_user=user("locbinh")
    )
    with pytest.raises(ActionRefused) as refused:
        actions.do_close_round(round_, acting_user=user("locbinh"))
    reason = refused.value.reasons[0]
    assert "còn 1 ý kiến chưa có hình thức xử lý" in reason
    assert f"#{left.pk} (Ý kiến chung, Ông Nguyễn Văn A)" in reason
    round_.refresh_from_db()
    assert round_.state == RoundState.CIRCULATING
    actions.do_handle_comments(
        round_,
        [left.pk],
        handling=Handling.EXPLAINED,
        response="Đã có ở mục 2.",
        acting_user=user("locbinh"),
    )
    assert actions.do_close_round(round_, acting_user=user("locbinh")).state == RoundState.CLOSED


def test_the_refusal_names_ten_comments_and_counts_the_rest(campaign):
    _document, round_ = document_with_round(campaign)
    for i in range(12):
        _comment(round_, text=f"Ý kiến {i}")
    with pytest.raises(ActionRefused) as refused:
        actions.do_close_round(round_, acting_user=user("locbinh"))
    assert "còn 12 ý kiến" in refused.value.reasons[0]
    assert "và 2 ý kiến khác" in refused.value.reasons[0]


def test_an_explanation_needs_a_response_and_a_closed_round_is_final(campaign):
    _document, round_ = document_with_round(campaign)
    comment = _comment(round_)
    with pytest.raises(ActionRefused, match="Giải trình cần có nội dung"):
        actions.do_handle_comments(
            round_,
            [comment.pk],
            handling=Handling.EXPLAINED,
            response=" ",
            acting_user=user("locbinh"),
        )
    actions.do_handle_comments(
        round_, [comment.pk], handling=Handling.PARTLY, response="", acting_user=user("locbinh")
    )
    actions.do_close_round(round_, acting_user=user("locbinh"))
    with pytest.raises(ActionRefused, match="đã khép lại"):
        actions.do_handle_comments(
            round_,
            [comment.pk],
            handling=Handling.ACCEPTED,
            response="",
            acting_user=user("locbinh"),
        )
    with pytest.raises(ActionRefused, match="không trong thời gian lấy ý kiến"):
        _comment(round_)


def test_a_comment_must_point_at_a_paragraph_of_the_round(campaign):
    _document, round_ = document_with_round(campaign)
    with pytest.raises(ActionRefused, match="không có đoạn «9:9»"):
        _comment(round_, paragraph="9:9")


def test_someone_from_another_province_cannot_enter_comments(campaign):
    _document, round_ = document_with_round(campaign)
    with pytest.raises(PermissionDenied):
        actions.do_add_comment(round_, text="x", received_on=DAY, acting_user=user("soctrang"))


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row(campaign):
    document, round_ = document_with_round(campaign)
    data = _xlsx(
        [
            ["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."],
            ["7:7", "Nhân dân", "", "02/03/2020", "Sai đoạn"],
            ["", "Người ngoài hành tinh", "", "31/02/2020", ""],
        ]
    )
    url = reverse("drafts_comments", args=[campaign.slug, "188", document.kind, 1])
    page = (
        login("locbinh")
        .post(url, {"action": "import", "file": SimpleUploadedFile("y.xlsx", data)})
        .content.decode()
    )
    assert "Dòng 3, cột «đoạn» (giá trị «7:7»)" in page
    assert "Dòng 4, cột «nhóm» (giá trị «Người ngoài hành tinh»)" in page
    assert "Dòng 4, cột «ngày» (giá trị «31/02/2020»)" in page
    assert "Dòng 4, cột «nội dung»" in page
    assert round_.comments.count() == 0


def test_a_good_import_writes_every_row(campaign):
    document, round_ = document_with_round(campaign)
    data = _xlsx(
        [
            ["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."],
            ["", "Cán bộ lão thành", "Ông B", "03/03/2020", "Làm rõ nguyên nhân."],
        ]
    )
    url = reverse("drafts_comments", args=[campaign.slug, "188", document.kind, 1])
    login("locbinh").post(url, {"action": "import", "file": SimpleUploadedFile("y.xlsx", data)})
    got = list(
        round_.comments.order_by("pk").values_list("paragraph", "source_group", "source_name")
    )
    assert got == [("1:1", SourceGroup.MEMBERS, "Chi bộ 1"), ("", SourceGroup.RETIRED, "Ông B")]


def test_similar_comments_are_proposed_as_a_group_and_handled_once(campaign):
    _document, round_ = document_with_round(campaign)
    same = [
        _comment(round_, text="Đề nghị bổ sung số liệu về chuyển đổi số."),
        _comment(round_, text="Cần bổ sung số liệu chuyển đổi số"),
        _comment(round_, text="de nghi bo sung so lieu ve chuyen doi so"),
    ]
    other = _comment(round_, text="Nên rút gọn phần đánh giá quốc phòng, an ninh.")
    assert actions.do_propose_groups(round_, acting_user=user("locbinh")) == 1
    group = round_.groups.get()
    assert sorted(group.comments.values_list("pk", flat=True)) == sorted(c.pk for c in same)
    actions.do_split_group(group, [same[2].pk], acting_user=user("locbinh"))
    actions.do_confirm_group(group, acting_user=user("locbinh"))
    url = reverse("drafts_groups", args=[campaign.slug, "188", round_.document.kind, 1])
    login("locbinh").post(
        url,
        {"action": "handle", "group": group.pk, "handling": "accepted", "response": "Đã bổ sung."},
    )
    handled = dict(Comment.objects.filter(round=round_).values_list("pk", "handling"))
    assert handled == {same[0].pk: "accepted", same[1].pk: "accepted", same[2].pk: "", other.pk: ""}


def test_the_summary_counts_by_group_and_handling_in_xlsx_and_docx(campaign):
    document, round_ = document_with_round(campaign)
    a = _comment(round_, source_group=SourceGroup.PUBLIC)
    _comment(round_, source_group=SourceGroup.PUBLIC, text="Khác hẳn")
    _comment(round_, source_group=SourceGroup.RETIRED, text="=1+1")
    actions.do_handle_comments(
        round_, [a.pk], handling=Handling.ACCEPTED, response="Đã sửa.", acting_user=user("locbinh")
    )
    client = login("locbinh")
    args = [campaign.slug, "188", document.kind, 1]
    book = load_workbook(io.BytesIO(client.get(reverse("drafts_summary_xlsx", args=args)).content))
    rows = {r[0]: r[1:] for r in book["Tổng hợp"].iter_rows(min_row=5, values_only=True)}
    # Tiếp thu, Tiếp thu một phần, Giải trình, Chưa xử lý, Cộng
    assert rows["Nhân dân"] == (1, 0, 0, 1, 2)
    assert rows["Cán bộ lão thành, cán bộ hưu trí"] == (0, 0, 0, 1, 1)
    assert rows["Cộng"] == (1, 0, 0, 2, 3)
    texts = [c.value for c in book["Ý kiến"]["F"]]
    assert "=1+1" in texts and book["Ý kiến"]["F4"].data_type == "s"
    docx = Document(io.BytesIO(client.get(reverse("drafts_summary_docx", args=args)).content))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "tổng hợp ý kiến góp ý vào Báo cáo chính trị (dự thảo lần 1)" in body
    assert "Tổng số 3 ý kiến góp ý" in body
    assert "Tiếp thu: Đã sửa." in body
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in docx.tables[0].rows[0].cells[1].text


def test_the_list_filters_the_comments_still_without_a_handling(campaign):
    document, round_ = document_with_round(campaign)
    done = _comment(round_, text="Đã xử lý rồi")
    _comment(round_, text="Còn chờ xử lý")
    actions.do_handle_comments(
        round_, [done.pk], handling=Handling.ACCEPTED, response="", acting_user=user("locbinh")
    )
    url = reverse("drafts_comments", args=[campaign.slug, "188", document.kind, 1])
    page = login("locbinh").get(url + "?xuly=chua").content.decode()
    assert "Còn chờ xử lý" in page and "Đã xử lý rồi" not in page


def test_the_import_template_lists_the_columns_and_the_rounds_paragraphs(campaign):
    document, round_ = document_with_round(campaign)
    args = [campaign.slug, "188", document.kind, 1]
    page = login("locbinh").get(reverse("drafts_comments", args=args)).content.decode()
    assert reverse("drafts_import_template", args=args) in page
    book = load_workbook(
        io.BytesIO(login("locbinh").get(reverse("drafts_import_template", args=args)).content)
    )
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
