"""The superior's review and approval of a document, from the document's page."""

import pytest
from django.urls import reverse

from daihoi.drafts.actions.rounds import do_close_round
from tests.conftest import login
from tests.drafts.helpers import comment, document_with_round, unchanged, user

pytestmark = pytest.mark.django_db


def _url(name, document):
    return reverse(name, args=[document.congress.campaign.slug, "188", document.kind])


def test_the_superior_reviews_a_document(campaign):
    document, _round = document_with_round(campaign)
    response = login("langson").post(
        _url("drafts_document_review", document), {"note": "Làm rõ phương hướng."}, follow=True
    )
    assert "Đã ghi ý kiến của cấp trên." in response.content.decode()
    document.refresh_from_db()
    assert document.review_note == "Làm rõ phương hướng."


def test_a_review_without_a_note_is_an_error_beside_the_field(campaign):
    document, _round = document_with_round(campaign)
    response = unchanged(
        lambda: login("langson").post(_url("drafts_document_review", document), {"note": " "})
    )
    assert "Hãy ghi nội dung ý kiến của cấp trên." in response.content.decode()


def test_the_unit_does_not_review_its_own_document(campaign):
    document, _round = document_with_round(campaign)
    response = unchanged(
        lambda: login("locbinh").post(_url("drafts_document_review", document), {"note": "x"})
    )
    assert response.status_code == 403


def test_the_superior_approves_the_closed_final_round(campaign):
    document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    response = login("langson").post(_url("drafts_document_approve", document), follow=True)
    assert "Đã ghi nhận cấp trên nhất trí thông qua." in response.content.decode()
    document.refresh_from_db()
    assert document.approved_round == round_


def test_a_round_still_open_is_not_approved(campaign):
    document, round_ = document_with_round(campaign)
    comment(round_)
    response = unchanged(lambda: login("langson").post(_url("drafts_document_approve", document)))
    assert "chưa khép lại" in response.content.decode()


def test_only_the_superior_approves(campaign):
    document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    response = unchanged(lambda: login("locbinh").post(_url("drafts_document_approve", document)))
    assert response.status_code == 403
    outsider = login("soctrang").post(_url("drafts_document_approve", document))
    assert outsider.status_code == 404
