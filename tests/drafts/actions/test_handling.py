"""do_handle_comments: accepted, partly accepted or explained, and the round applying it."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.drafts.actions.handling import do_handle_comments
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.actions.versions import do_add_round
from daihoi.drafts.models import Handling
from daihoi.lib.paragraphs import parse_text
from tests.drafts.helpers import (
    TEXT_2,
    comment,
    document_with_round,
    forbidden,
    reader,
    refused,
    user,
)

pytestmark = pytest.mark.django_db


def _handle(round_, ids, *, handling=Handling.ACCEPTED, response="", by="locbinh", **kw):
    return do_handle_comments(
        round_, ids, handling=handling, response=response, acting_user=user(by), **kw
    )


def test_it_records_the_handling_and_the_round_that_applies_it(campaign):
    document, first = document_with_round(campaign)
    made = comment(first)
    second = do_add_round(document, parse_text(TEXT_2), acting_user=user("locbinh"))
    assert _handle(first, [made.pk], response=" Đã sửa. ", applied_in=second) == 1
    made.refresh_from_db()
    assert (made.handling, made.response, made.applied_in) == ("accepted", "Đã sửa.", second)
    assert AuditEntry.objects.get(action="drafts.handle").after == {
        "comments": [made.pk],
        "count": 1,
        "handling": "accepted",
        "applied_in": 2,
    }


def test_an_explanation_needs_a_response(campaign):
    _document, round_ = document_with_round(campaign)
    made = comment(round_)
    refused(
        lambda: _handle(round_, [made.pk], handling=Handling.EXPLAINED, response=" "),
        "response_required",
    )
    refused(lambda: _handle(round_, [made.pk], handling="ignored"), "unknown_handling")
    refused(lambda: _handle(round_, [made.pk, 10**9]), "comments_not_found")
    refused(lambda: _handle(round_, [made.pk], applied_in=round_), "applied_in_earlier_round")


def test_a_closed_round_is_final(campaign):
    _document, round_ = document_with_round(campaign)
    made = comment(round_)
    _handle(round_, [made.pk], handling=Handling.PARTLY)
    do_close_round(round_, acting_user=user("locbinh"))
    refused(lambda: _handle(round_, [made.pk]), "round_closed")


def test_only_the_drafters_handle_comments(campaign):
    _document, round_ = document_with_round(campaign)
    made = comment(round_)
    forbidden(
        lambda: do_handle_comments(
            round_, [made.pk], handling=Handling.ACCEPTED, response="", acting_user=reader()
        )
    )
