"""The groups page: groups proposed, a group confirmed, comments split out of one."""

import pytest
from django.urls import reverse

from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import Comment, CommentGroup
from tests.conftest import login
from tests.drafts.helpers import comment, document_with_round, group_of, reader, unchanged, user

pytestmark = pytest.mark.django_db


def _url(name, round_, *more):
    document = round_.document
    return reverse(name, args=[document.congress.campaign.slug, "188", document.kind, 1, *more])


def _alike(round_):
    return [
        comment(round_, text="Đề nghị bổ sung số liệu về chuyển đổi số."),
        comment(round_, text="Cần bổ sung số liệu chuyển đổi số"),
        comment(round_, text="de nghi bo sung so lieu ve chuyen doi so"),
    ]


def _closed(round_):
    Comment.objects.update(handling="partly")
    do_close_round(round_, acting_user=user("locbinh"))


def test_it_proposes_groups_and_shows_them(campaign):
    _document, round_ = document_with_round(campaign)
    _alike(round_)
    response = login("locbinh").post(_url("drafts_groups_propose", round_), follow=True)
    page = response.content.decode()
    assert "Đã đề xuất 1 nhóm ý kiến." in page
    group = CommentGroup.objects.get()
    assert _url("drafts_group_split", round_, group.pk) in page
    assert _url("drafts_group_confirm", round_, group.pk) in page


def test_no_groups_are_proposed_on_a_closed_round(campaign):
    _document, round_ = document_with_round(campaign)
    _alike(round_)
    _closed(round_)
    response = unchanged(lambda: login("locbinh").post(_url("drafts_groups_propose", round_)))
    assert "đã khép lại; không sửa nhóm ý kiến" in response.content.decode()


def test_the_counting_board_cannot_propose_groups(campaign):
    _document, round_ = document_with_round(campaign)
    response = unchanged(
        lambda: login(reader().username).post(_url("drafts_groups_propose", round_))
    )
    assert response.status_code == 403


def test_it_confirms_a_group(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, *_alike(round_))
    response = login("locbinh").post(_url("drafts_group_confirm", round_, group.pk), follow=True)
    assert "Đã xác nhận nhóm." in response.content.decode()
    group.refresh_from_db()
    assert group.confirmed


def test_a_group_of_a_closed_round_is_not_confirmed(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, *_alike(round_))
    _closed(round_)
    response = unchanged(
        lambda: login("locbinh").post(_url("drafts_group_confirm", round_, group.pk))
    )
    assert "đã khép lại; không sửa nhóm ý kiến" in response.content.decode()


def test_the_counting_board_cannot_confirm_a_group(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, *_alike(round_))
    response = unchanged(
        lambda: login(reader().username).post(_url("drafts_group_confirm", round_, group.pk))
    )
    assert response.status_code == 403


def test_a_group_of_another_round_is_not_found(campaign):
    _document, round_ = document_with_round(campaign)
    _other, elsewhere = document_with_round(campaign, kind="programme")
    group = group_of(elsewhere, comment(elsewhere), comment(elsewhere, text="Bổ sung"))
    response = login("locbinh").post(_url("drafts_group_confirm", round_, group.pk))
    assert response.status_code == 404


def test_it_splits_the_ticked_comments_out(campaign):
    _document, round_ = document_with_round(campaign)
    same = _alike(round_)
    group = group_of(round_, *same)
    response = login("locbinh").post(
        _url("drafts_group_split", round_, group.pk), {"ids": [same[2].pk]}, follow=True
    )
    assert "Đã tách các ý kiến đã chọn khỏi nhóm." in response.content.decode()
    assert sorted(group.comments.values_list("pk", flat=True)) == [same[0].pk, same[1].pk]


def test_nothing_ticked_splits_nothing_and_says_so_beside_the_group(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, *_alike(round_))
    response = unchanged(
        lambda: login("locbinh").post(_url("drafts_group_split", round_, group.pk), {})
    )
    assert "Hãy chọn ít nhất một ý kiến." in response.content.decode()


def test_a_group_of_a_closed_round_is_not_split(campaign):
    _document, round_ = document_with_round(campaign)
    same = _alike(round_)
    group = group_of(round_, *same)
    _closed(round_)
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_group_split", round_, group.pk), {"ids": [same[0].pk]}
        )
    )
    assert "đã khép lại; không sửa nhóm ý kiến" in response.content.decode()


def test_the_counting_board_cannot_split_a_group(campaign):
    _document, round_ = document_with_round(campaign)
    same = _alike(round_)
    group = group_of(round_, *same)
    response = unchanged(
        lambda: login(reader().username).post(
            _url("drafts_group_split", round_, group.pk), {"ids": [same[0].pk]}
        )
    )
    assert response.status_code == 403


def test_the_split_button_asks_first(campaign):
    _document, round_ = document_with_round(campaign)
    group_of(round_, *_alike(round_))
    page = login("locbinh").get(_url("drafts_groups", round_)).content.decode()
    assert "data-confirm=" in page
