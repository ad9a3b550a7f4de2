"""A document's text: do_add_round (the next round) and do_correct_round (a draft fixed)."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.drafts.actions.approval import do_approve_document
from daihoi.drafts.actions.rounds import do_circulate_round, do_close_round
from daihoi.drafts.actions.versions import do_add_round, do_correct_round
from daihoi.lib.paragraphs import parse_text
from tests.drafts.helpers import TEXT_2, document_with_round, forbidden, reader, refused, user

pytestmark = pytest.mark.django_db


def test_it_adds_the_next_round(campaign):
    document, _first = document_with_round(campaign)
    second = do_add_round(
        document, parse_text(TEXT_2), note="Sau hội nghị", acting_user=user("locbinh")
    )
    assert second.number == 2 and len(second.numbered()) == 6
    assert AuditEntry.objects.filter(action="drafts.round").order_by("pk").last().after == {
        "number": 2,
        "paragraphs": 6,
        "file": "",
    }


def test_an_approved_document_takes_no_new_round(campaign):
    document, first = document_with_round(campaign)
    do_close_round(first, acting_user=user("locbinh"))
    do_approve_document(document, acting_user=user("langson"))
    refused(
        lambda: do_add_round(document, parse_text(TEXT_2), acting_user=user("locbinh")),
        "document_approved",
    )


def test_a_round_needs_some_text(campaign):
    document, _first = document_with_round(campaign)
    refused(lambda: do_add_round(document, [], acting_user=user("locbinh")), "empty_draft")


def test_only_the_drafters_add_a_round(campaign):
    document, _first = document_with_round(campaign)
    forbidden(lambda: do_add_round(document, parse_text(TEXT_2), acting_user=reader()))


def test_a_round_not_yet_sent_is_corrected_in_place(campaign):
    _document, first = document_with_round(campaign, circulate=False)
    corrected = do_correct_round(
        first, parse_text("# Phần I\nĐoạn đã sửa.\n"), acting_user=user("locbinh")
    )
    assert corrected.number == 1
    assert [b.text for b in corrected.numbered()] == ["Phần I", "Đoạn đã sửa."]
    entry = AuditEntry.objects.get(action="drafts.correct")
    assert (entry.before, entry.after) == ({"paragraphs": 5}, {"paragraphs": 2})


def test_a_round_sent_for_comments_is_not_corrected(campaign):
    _document, first = document_with_round(campaign, circulate=False)
    do_circulate_round(first, groups=["members"], deadline=None, acting_user=user("locbinh"))
    refused(
        lambda: do_correct_round(first, parse_text(TEXT_2), acting_user=user("locbinh")),
        "round_circulated",
    )


def test_only_the_drafters_correct_a_round(campaign):
    _document, first = document_with_round(campaign, circulate=False)
    forbidden(lambda: do_correct_round(first, parse_text(TEXT_2), acting_user=user("soctrang")))
