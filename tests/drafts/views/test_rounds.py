"""A round's page: sending it out for comments, closing it."""

import pytest
from django.urls import reverse

from daihoi.drafts.models import RoundState
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from tests.conftest import login
from tests.drafts.helpers import comment, document_with_round, reader, unchanged

pytestmark = pytest.mark.django_db


def _url(name, round_):
    document = round_.document
    return reverse(name, args=[document.congress.campaign.slug, "188", document.kind, 1])


def test_it_sends_the_round_to_the_groups_and_units_named(campaign):
    _document, round_ = document_with_round(campaign, circulate=False)
    commune = tree.children(Organisation.objects.get(code="188")).first()
    response = login("locbinh").post(
        _url("drafts_round_circulate", round_),
        {"groups": ["members", "public"], "units": commune.code, "deadline": "15/03/2020"},
        follow=True,
    )
    assert "Đã gửi dự thảo đi lấy ý kiến." in response.content.decode()
    round_.refresh_from_db()
    assert round_.state == RoundState.CIRCULATING
    assert round_.circulated_groups == ["members", "public"]
    assert list(round_.circulated_units.all()) == [commune]


def test_an_unknown_unit_code_comes_back_beside_the_field_with_what_was_typed(campaign):
    _document, round_ = document_with_round(campaign, circulate=False)
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_round_circulate", round_),
            {"groups": ["retired"], "units": "KHONG-CO", "deadline": "15/03/2020"},
        )
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Không tìm thấy đơn vị mã: KHONG-CO." in page
    assert 'value="KHONG-CO"' in page and 'value="15/03/2020"' in page
    assert 'value="retired" checked' in page and 'value="members" checked' not in page


def test_a_round_already_out_is_not_sent_again(campaign):
    _document, round_ = document_with_round(campaign)
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_round_circulate", round_), {"groups": ["members"]}
        )
    )
    assert "đã được gửi lấy ý kiến rồi" in response.content.decode()


def test_the_counting_board_cannot_send_a_round(campaign):
    _document, round_ = document_with_round(campaign, circulate=False)
    response = unchanged(
        lambda: login(reader().username).post(
            _url("drafts_round_circulate", round_), {"groups": ["members"]}
        )
    )
    assert response.status_code == 403


def test_it_closes_a_round_whose_comments_are_all_handled(campaign):
    _document, round_ = document_with_round(campaign)
    response = login("locbinh").post(_url("drafts_round_close", round_), follow=True)
    assert "Đã khép lại dự thảo lần 1" in response.content.decode()
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED


def test_a_round_with_a_comment_unhandled_stays_open(campaign):
    _document, round_ = document_with_round(campaign)
    comment(round_)
    response = unchanged(lambda: login("locbinh").post(_url("drafts_round_close", round_)))
    assert response.status_code == 409
    assert "còn 1 ý kiến chưa có hình thức xử lý" in response.content.decode()


def test_the_counting_board_cannot_close_a_round(campaign):
    _document, round_ = document_with_round(campaign)
    response = unchanged(lambda: login(reader().username).post(_url("drafts_round_close", round_)))
    assert response.status_code == 403


def test_the_close_button_asks_first(campaign):
    _document, round_ = document_with_round(campaign)
    page = login("locbinh").get(_url("drafts_round", round_)).content.decode()
    assert _url("drafts_round_close", round_) in page
    assert "data-confirm=" in page
