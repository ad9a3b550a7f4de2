"""do_create_document: one document per kind of a congress, opened by its drafters."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.drafts.actions.documents import do_create_document
from daihoi.drafts.models import DocKind
from tests.drafts.helpers import congress_of, forbidden, reader, refused, user

pytestmark = pytest.mark.django_db


def test_it_opens_a_document_named_after_its_kind(campaign):
    congress = congress_of(campaign, "188")
    document = do_create_document(congress, DocKind.REVIEW_REPORT, acting_user=user("locbinh"))
    assert (document.title, document.owner) == (
        "Báo cáo kiểm điểm của Ban Chấp hành",
        "Tiểu ban Văn kiện",
    )
    entry = AuditEntry.objects.get(action="drafts.create")
    assert entry.after == {"kind": "review_report", "owner": "Tiểu ban Văn kiện", "deadline": ""}


def test_a_congress_has_one_document_per_kind(campaign):
    congress = congress_of(campaign, "188")
    do_create_document(congress, DocKind.REVIEW_REPORT, acting_user=user("locbinh"))
    refused(
        lambda: do_create_document(congress, DocKind.REVIEW_REPORT, acting_user=user("locbinh")),
        "kind_exists",
    )


def test_a_kind_outside_the_list_is_refused(campaign):
    congress = congress_of(campaign, "188")
    refused(
        lambda: do_create_document(congress, "memoirs", acting_user=user("locbinh")),
        "unknown_kind",
    )


def test_the_counting_board_and_another_province_cannot_open_one(campaign):
    congress = congress_of(campaign, "188")
    forbidden(lambda: do_create_document(congress, DocKind.PROGRAMME, acting_user=reader()))
    forbidden(lambda: do_create_document(congress, DocKind.PROGRAMME, acting_user=user("soctrang")))
