"""The superior's word: do_review_document (cho ý kiến) and do_approve_document (thông qua)."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.drafts.actions.approval import do_approve_document, do_review_document
from daihoi.drafts.actions.documents import do_create_document
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import DocKind
from tests.drafts.helpers import (
    comment,
    congress_of,
    document_with_round,
    forbidden,
    refused,
    user,
)

pytestmark = pytest.mark.django_db


def test_the_superior_reviews_the_latest_round(campaign):
    document, _round = document_with_round(campaign)
    reviewed = do_review_document(
        document, note=" Làm rõ phương hướng. ", acting_user=user("langson")
    )
    assert (reviewed.reviewed_by, reviewed.review_note) == (user("langson"), "Làm rõ phương hướng.")
    after = AuditEntry.objects.get(action="drafts.review").after
    assert (after["round"], after["note"], after["by"]) == (1, "Làm rõ phương hướng.", "langson")


def test_a_review_needs_a_round_and_a_note(campaign):
    empty = do_create_document(
        congress_of(campaign, "188"), DocKind.PROGRAMME, acting_user=user("locbinh")
    )
    refused(lambda: do_review_document(empty, note="x", acting_user=user("langson")), "no_round")
    document, _round = document_with_round(campaign)
    refused(
        lambda: do_review_document(document, note=" ", acting_user=user("langson")),
        "note_required",
    )


def test_the_unit_does_not_review_its_own_document(campaign):
    document, _round = document_with_round(campaign)
    forbidden(lambda: do_review_document(document, note="x", acting_user=user("locbinh")))


def test_the_superior_approves_the_closed_final_round(campaign):
    document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    approved = do_approve_document(document, note="Nhất trí.", acting_user=user("langson"))
    assert (approved.approved_by, approved.approved_round) == (user("langson"), round_)
    assert approved.review_note == "Nhất trí."
    assert AuditEntry.objects.filter(action="drafts.approve", actor__username="langson").exists()


def test_only_a_closed_final_round_is_approved_and_only_once(campaign):
    document, round_ = document_with_round(campaign)
    comment(round_)
    refused(lambda: do_approve_document(document, acting_user=user("langson")), "round_not_closed")
    round_.comments.update(handling="accepted")
    do_close_round(round_, acting_user=user("locbinh"))
    do_approve_document(document, acting_user=user("langson"))
    refused(lambda: do_approve_document(document, acting_user=user("langson")), "already_approved")


def test_only_the_superior_approves(campaign):
    document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    forbidden(lambda: do_approve_document(document, acting_user=user("locbinh")))
    forbidden(lambda: do_approve_document(document, acting_user=user("soctrang")))
