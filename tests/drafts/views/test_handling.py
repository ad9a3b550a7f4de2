"""Handling comments from the list (those ticked) and from the groups page (a whole group)."""

import pytest
from django.urls import reverse

from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import Comment
from tests.conftest import login
from tests.drafts.helpers import comment, document_with_round, group_of, reader, unchanged, user

pytestmark = pytest.mark.django_db


def _url(name, round_, *more):
    document = round_.document
    return reverse(name, args=[document.congress.campaign.slug, "188", document.kind, 1, *more])


def test_the_ticked_comments_get_their_handling(campaign):
    _document, round_ = document_with_round(campaign)
    a, b = comment(round_), comment(round_, text="Khác")
    response = login("locbinh").post(
        _url("drafts_comments_handle", round_),
        {"ids": [a.pk], "handling": "accepted", "response": "Đã sửa."},
        follow=True,
    )
    assert "Đã ghi việc xử lý 1 ý kiến." in response.content.decode()
    assert dict(Comment.objects.values_list("pk", "handling")) == {a.pk: "accepted", b.pk: ""}


def test_an_explanation_without_a_response_comes_back_with_the_ticks_kept(campaign):
    _document, round_ = document_with_round(campaign)
    a, b = comment(round_), comment(round_, text="Khác")
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_comments_handle", round_), {"ids": [b.pk], "handling": "explained"}
        )
    )
    page = response.content.decode()
    assert "Giải trình cần có nội dung trả lời." in page
    assert f'value="{b.pk}" aria-label="chọn" checked' in page
    assert f'value="{a.pk}" aria-label="chọn">' in page
    assert 'value="explained" required id="handle-handling_2" checked' in page


def test_nothing_ticked_is_an_error_and_an_id_beyond_any_key_is_no_500(campaign):
    _document, round_ = document_with_round(campaign)
    comment(round_)
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_comments_handle", round_), {"ids": [str(10**20)], "handling": "accepted"}
        )
    )
    assert "Hãy chọn ít nhất một ý kiến." in response.content.decode()


def test_a_closed_round_keeps_its_handling(campaign):
    _document, round_ = document_with_round(campaign)
    made = comment(round_)
    Comment.objects.update(handling="partly")
    do_close_round(round_, acting_user=user("locbinh"))
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_comments_handle", round_), {"ids": [made.pk], "handling": "accepted"}
        )
    )
    assert "đã khép lại; không sửa việc xử lý ý kiến" in response.content.decode()


def test_the_counting_board_cannot_handle_comments(campaign):
    _document, round_ = document_with_round(campaign)
    made = comment(round_)
    response = unchanged(
        lambda: login(reader().username).post(
            _url("drafts_comments_handle", round_), {"ids": [made.pk], "handling": "accepted"}
        )
    )
    assert response.status_code == 403


def test_a_group_is_handled_at_once(campaign):
    _document, round_ = document_with_round(campaign)
    a, b, other = (
        comment(round_),
        comment(round_, text="Bổ sung số liệu"),
        comment(round_, text="x"),
    )
    group = group_of(round_, a, b)
    response = login("locbinh").post(
        _url("drafts_group_handle", round_, group.pk),
        {"handling": "accepted", "response": "Đã bổ sung."},
        follow=True,
    )
    assert "Đã xử lý cả nhóm: 2 ý kiến." in response.content.decode()
    handled = dict(Comment.objects.values_list("pk", "handling"))
    assert handled == {a.pk: "accepted", b.pk: "accepted", other.pk: ""}


def test_a_group_of_a_closed_round_is_not_handled(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, comment(round_), comment(round_, text="Bổ sung số liệu"))
    Comment.objects.update(handling="partly")
    do_close_round(round_, acting_user=user("locbinh"))
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_group_handle", round_, group.pk), {"handling": "accepted"}
        )
    )
    assert "đã khép lại" in response.content.decode()


def test_the_counting_board_cannot_handle_a_group(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, comment(round_), comment(round_, text="Bổ sung số liệu"))
    response = unchanged(
        lambda: login(reader().username).post(
            _url("drafts_group_handle", round_, group.pk), {"handling": "accepted"}
        )
    )
    assert response.status_code == 403
