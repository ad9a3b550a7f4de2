"""What the superior approved is locked: documents and lists are not edited until withdrawn.

The checks sit in the drafts and personnel actions; they are tested here, with the
approvals that set them, and the document text a submission froze.
"""

from __future__ import annotations

import pytest

from daihoi.campaigns import hooks
from daihoi.campaigns.actions.approvals import do_approve_congress, do_withdraw_approval
from daihoi.campaigns.actions.submissions import do_submit_congress
from daihoi.campaigns.models import ApprovalKind
from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.documents import do_create_document
from daihoi.drafts.actions.versions import do_add_round, do_correct_round
from daihoi.drafts.models import DocKind, DraftDocument, Round
from daihoi.lib.paragraphs import parse_text
from daihoi.personnel.actions.lists import do_add_to_list, do_create_list, do_remove_from_list
from daihoi.personnel.models import ListMember
from tests.campaigns.helpers import approved, refused_codes, small_campaign, user
from tests.drafts.helpers import TEXT_1, document_with_round
from tests.personnel.helpers import eleven_seat_list, make_people, staff

pytestmark = pytest.mark.django_db
DOCS, PERS = ApprovalKind.DOCUMENTS, ApprovalKind.PERSONNEL
REASON = "Cần sửa phần phương hướng"


@pytest.fixture(autouse=True)
def no_gates(monkeypatch: pytest.MonkeyPatch) -> None:
    # The drafts gate (every required document approved) is tested in tests/drafts.
    monkeypatch.setattr(hooks, "approval_checks", [])


def test_approved_documents_are_not_edited_until_the_approval_is_withdrawn() -> None:
    document, round_ = document_with_round(small_campaign(), circulate=False)
    congress = document.congress
    sent = do_submit_congress(congress, DOCS, acting_user=user("locbinh"))
    assert [i["id"] for i in sent.content["items"]] == [document.pk]
    do_approve_congress(congress, DOCS, acting_user=user("langson"))
    locked_out = [
        lambda: do_add_round(document, parse_text(TEXT_1), acting_user=user("locbinh")),
        lambda: do_correct_round(round_, parse_text(TEXT_1), acting_user=user("locbinh")),
        lambda: do_create_document(congress, DocKind.PROGRAMME, acting_user=user("locbinh")),
    ]
    for call in locked_out:
        assert refused_codes(call) == ["approved_locked"]
    assert Round.objects.filter(document__congress=congress).count() == 1
    assert DraftDocument.objects.filter(congress=congress).count() == 1
    do_withdraw_approval(congress, DOCS, reason=REASON, acting_user=user("langson"))
    assert do_add_round(document, parse_text(TEXT_1), acting_user=user("locbinh")).number == 2


def test_a_document_edited_after_submission_is_not_approved() -> None:
    document, round_ = document_with_round(small_campaign(), circulate=False)
    congress = document.congress
    do_submit_congress(congress, DOCS, acting_user=user("locbinh"))
    do_correct_round(round_, parse_text(TEXT_1 + "\nMột đoạn thêm."), acting_user=user("locbinh"))
    with pytest.raises(ActionRefused) as refused:
        do_approve_congress(congress, DOCS, acting_user=user("langson"))
    assert refused.value.codes == ["changed_since_submission"]
    assert document.title in refused.value.reasons[0]
    assert not congress.approvals.exists()


def test_approved_lists_are_not_edited_until_the_approval_is_withdrawn() -> None:
    cl, people = eleven_seat_list(12)
    congress = cl.congress
    approved(congress, DOCS)
    approved(congress, PERS)
    extra = make_people()[12]
    locked_out = [
        lambda: do_add_to_list(cl, extra, acting_user=staff()),
        lambda: do_remove_from_list(cl, people[0], acting_user=staff()),
        lambda: do_create_list(congress, "standing", 3, acting_user=staff()),
    ]
    for call in locked_out:
        assert refused_codes(call) == ["approved_locked"]
    assert ListMember.objects.filter(candidate_list=cl).count() == 12
    do_withdraw_approval(congress, PERS, reason=REASON, acting_user=user("langson"))
    do_add_to_list(cl, extra, acting_user=staff())
    assert ListMember.objects.filter(candidate_list=cl).count() == 13
