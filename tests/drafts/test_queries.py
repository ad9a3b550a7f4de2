"""Reads: whose comments a unit sees, the counts by unit, and the approval gate."""

import pytest

from daihoi.accounts.models import Role, User
from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.actions.submissions import do_return_submission, do_submit_congress
from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.approval import do_approve_document
from daihoi.drafts.actions.comments import do_add_comment
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import REQUIRED_KINDS, DocKind
from daihoi.drafts.queries import counts_by_child, visible_comments
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import submitted
from tests.drafts.helpers import DAY, congress_of, document_with_round, user

pytestmark = pytest.mark.django_db


def test_a_unit_sees_only_the_comments_of_its_own_subtree(campaign):
    province = Organisation.objects.get(code="20")
    districts = list(tree.children(province))
    congress_of(campaign, "20")
    _document, round_ = document_with_round(campaign, "20", staff="langson", units=districts)
    other = next(d for d in districts if d.code != "188")
    User.objects.create_user("huyenkhac", organisation=other, roles=[Role.ORG_STAFF])
    for text, code, by in (
        ("Ý kiến của Lộc Bình.", "188", "locbinh"),
        ("Ý kiến của xã Đồng Bục.", "06553", "locbinh"),
        ("Ý kiến của huyện khác.", other.code, "huyenkhac"),
    ):
        do_add_comment(
            round_,
            text=text,
            received_on=DAY,
            source_org=Organisation.objects.get(code=code),
            acting_user=user(by),
        )
    mine = sorted(visible_comments(user("locbinh"), round_).values_list("text", flat=True))
    assert mine == ["Ý kiến của Lộc Bình.", "Ý kiến của xã Đồng Bục."]
    assert visible_comments(user("langson"), round_).count() == 3
    by_child = {
        o.code: n for o, n, _open in counts_by_child(round_, Organisation.objects.get(code="188"))
    }
    assert by_child["06553"] == 1 and sum(by_child.values()) == 1
    by_district = {o.code: n for o, n, _open in counts_by_child(round_, province)}
    assert by_district["188"] == 2 and by_district[other.code] == 1


def _approved(campaign, kind):
    document, round_ = document_with_round(campaign, kind=kind)
    do_close_round(round_, acting_user=user("locbinh"))
    return do_approve_document(document, acting_user=user("langson"))


def test_a_congress_with_its_documents_on_paper_is_approved_without_the_gate(campaign):
    congress = congress_of(campaign, "188")
    submitted(congress, "documents")  # names its paper documents: none kept here
    assert (
        do_approve_congress(congress, "documents", acting_user=user("langson")).kind == "documents"
    )


def _resubmit(congress):
    """The superior returns the request and the unit sends what it has now."""
    do_return_submission(
        congress, "documents", reason="Gửi lại bản mới", acting_user=user("langson")
    )
    do_submit_congress(congress, "documents", acting_user=user("locbinh"))


def test_the_documents_approval_waits_for_every_required_type(campaign):
    congress = congress_of(campaign, "188")
    document_with_round(campaign, kind=DocKind.PROGRAMME)
    do_submit_congress(congress, "documents", acting_user=user("locbinh"))
    with pytest.raises(ActionRefused) as refused:
        do_approve_congress(congress, "documents", acting_user=user("langson"))
    reason = refused.value.reasons[0]
    for kind in REQUIRED_KINDS:
        assert str(DocKind(kind).label) in reason
    _approved(campaign, DocKind.POLITICAL_REPORT)
    _approved(campaign, DocKind.REVIEW_REPORT)
    _resubmit(congress)
    with pytest.raises(ActionRefused) as refused:
        do_approve_congress(congress, "documents", acting_user=user("langson"))
    assert "Đề án nhân sự" in refused.value.reasons[0]
    assert "Báo cáo chính trị" not in refused.value.reasons[0]
    _approved(campaign, DocKind.PERSONNEL_PLAN)
    _resubmit(congress)
    assert (
        do_approve_congress(congress, "documents", acting_user=user("langson")).kind == "documents"
    )
