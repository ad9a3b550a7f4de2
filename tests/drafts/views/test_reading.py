"""Delegates read the approved documents of the congress they sit in."""

import io

import pytest
from django.urls import reverse
from docx import Document

from daihoi.drafts.actions.approval import do_approve_document
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import DocKind
from tests.conftest import login
from tests.drafts.helpers import document_with_round, user

pytestmark = pytest.mark.django_db


def test_delegates_read_and_download_the_approved_documents(campaign):
    document, round_ = document_with_round(campaign, kind=DocKind.POLITICAL_REPORT)
    do_close_round(round_, acting_user=user("locbinh"))
    do_approve_document(document, acting_user=user("langson"))
    document_with_round(campaign, kind=DocKind.PROGRAMME)  # not approved: not shown
    url = reverse("drafts_read", args=[campaign.slug, "188"])
    page = login("daibieu").get(url).content.decode()
    assert "Kinh tế tăng trưởng khá, bình quân 6,5%/năm." in page
    assert "Chương trình đại hội" not in page
    download = login("daibieu").get(
        reverse("drafts_read_docx", args=[campaign.slug, "188", document.kind])
    )
    assert download["Cache-Control"] == "private, no-store"
    text = "\n".join(p.text for p in Document(io.BytesIO(download.getvalue())).paragraphs)
    assert "Phấn đấu tăng trưởng 7%/năm." in text
    assert login("soctrang").get(url).status_code == 404
    unapproved = reverse("drafts_read_docx", args=[campaign.slug, "188", DocKind.PROGRAMME])
    assert login("daibieu").get(unapproved).status_code == 404
