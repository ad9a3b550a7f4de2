"""Comments going up the tree, the superior's approval, the delegates' reading page."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from docx import Document

from daihoi.accounts.models import Role, User
from daihoi.campaigns.actions import do_approve_congress
from daihoi.core.errors import ActionRefused
from daihoi.drafts import actions
from daihoi.drafts.models import REQUIRED_KINDS, DocKind, Handling, SourceGroup
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from tests.conftest import login
from tests.drafts.helpers import DAY, congress_of, document_with_round, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_round(campaign):
    """Lạng Sơn's political report, out for comments to every district."""
    province = Organisation.objects.get(code="20")
    congress_of(campaign, "20")
    districts = list(tree.children(province))
    _document, round_ = document_with_round(campaign, "20", staff="langson", units=districts)
    return round_, districts


def _send(campaign, code, round_, text, client="locbinh"):
    congress_of(campaign, code)
    url = reverse("drafts_upward", args=[campaign.slug, code, round_.document.pk])
    return login(client).post(
        url,
        {"text": text, "received_on": DAY.strftime("%d/%m/%Y"), "paragraph": "1:1"},
        follow=True,
    )


def test_a_districts_comments_land_on_the_provinces_draft_with_their_source(
    campaign, province_round
):
    round_, _districts = province_round
    page = _send(campaign, "188", round_, "Bổ sung chỉ tiêu trồng rừng.").content.decode()
    assert "Đã gửi ý kiến lên cấp trên." in page
    comment = round_.comments.get()
    assert (comment.source_group, comment.source_name) == (
        SourceGroup.UNIT,
        "Đảng bộ huyện Lộc Bình",
    )
    assert comment.source_path == Organisation.objects.get(code="188").path
    # The province sees it on its own page, with its source.
    listing = login("langson").get(
        reverse("drafts_comments", args=[campaign.slug, "20", round_.document.kind, 1])
    )
    assert "Bổ sung chỉ tiêu trồng rừng." in listing.content.decode()


def test_a_unit_sees_only_the_comments_of_its_own_subtree(campaign, province_round):
    round_, districts = province_round
    other = next(d for d in districts if d.code != "188")
    User.objects.create_user("huyenkhac", organisation=other, roles=[Role.ORG_STAFF])
    _send(campaign, "188", round_, "Ý kiến của Lộc Bình.")
    _send(campaign, "06553", round_, "Ý kiến của xã Đồng Bục.")
    _send(campaign, other.code, round_, "Ý kiến của huyện khác.", client="huyenkhac")
    assert round_.comments.count() == 3
    mine = sorted(actions.visible_comments(user("locbinh"), round_).values_list("text", flat=True))
    assert mine == ["Ý kiến của Lộc Bình.", "Ý kiến của xã Đồng Bục."]
    assert actions.visible_comments(user("langson"), round_).count() == 3
    page = (
        login("locbinh")
        .get(reverse("drafts_upward", args=[campaign.slug, "188", round_.document.pk]))
        .content.decode()
    )
    assert "Ý kiến của xã Đồng Bục." in page and "huyện khác" not in page
    by_child = {
        o.code: n
        for o, n, _open in actions.counts_by_child(round_, Organisation.objects.get(code="188"))
    }
    assert by_child["06553"] == 1 and sum(by_child.values()) == 1
    by_district = {
        o.code: n
        for o, n, _open in actions.counts_by_child(round_, Organisation.objects.get(code="20"))
    }
    assert by_district["188"] == 2 and by_district[other.code] == 1


def test_a_unit_the_draft_was_not_sent_to_cannot_comment(campaign):
    congress_of(campaign, "20")
    document, round_ = document_with_round(
        campaign,
        "20",
        staff="langson",
        units=[
            Organisation.objects.exclude(code="188")
            .filter(
                tree.subtree_q(Organisation.objects.get(code="20").path, include_self=False),
                depth=3,
            )
            .first()
        ],
    )
    congress_of(campaign, "188")
    url = reverse("drafts_upward", args=[campaign.slug, "188", document.pk])
    assert login("locbinh").get(url).status_code == 404


def test_the_dashboard_counts_the_units_that_sent_their_comments(campaign, province_round):
    round_, districts = province_round
    _send(campaign, "188", round_, "Ý kiến của Lộc Bình.")
    page = login("langson").get(reverse("dashboard", args=[campaign.slug, "20"])).content.decode()
    assert f"1/{len(districts)} đơn vị đã gửi ý kiến" in page
    # Lộc Bình's own dashboard counts its communes: none has sent yet, then Đồng Bục has.
    communes = tree.children(Organisation.objects.get(code="188")).count()
    page = login("locbinh").get(reverse("dashboard", args=[campaign.slug, "188"])).content.decode()
    assert f"0/{communes} đơn vị đã gửi ý kiến" in page
    _send(campaign, "06553", round_, "Ý kiến của xã Đồng Bục.")
    page = login("locbinh").get(reverse("dashboard", args=[campaign.slug, "188"])).content.decode()
    assert f"1/{communes} đơn vị đã gửi ý kiến" in page


def _approved(campaign, kind):
    document, round_ = document_with_round(campaign, kind=kind)
    actions.do_close_round(round_, acting_user=user("locbinh"))
    return actions.do_approve_document(document, acting_user=user("langson"))


def test_a_congress_without_documents_here_is_approved_as_before(campaign):
    congress = congress_of(campaign, "188")
    assert (
        do_approve_congress(congress, "documents", acting_user=user("langson")).kind == "documents"
    )


def test_the_documents_approval_waits_for_every_required_type(campaign):
    congress = congress_of(campaign, "188")
    document_with_round(campaign, kind=DocKind.PROGRAMME)
    with pytest.raises(ActionRefused) as refused:
        do_approve_congress(congress, "documents", acting_user=user("langson"))
    reason = refused.value.reasons[0]
    for kind in REQUIRED_KINDS:
        assert str(DocKind(kind).label) in reason
    _approved(campaign, DocKind.POLITICAL_REPORT)
    _approved(campaign, DocKind.REVIEW_REPORT)
    with pytest.raises(ActionRefused) as refused:
        do_approve_congress(congress, "documents", acting_user=user("langson"))
    assert "Đề án nhân sự" in refused.value.reasons[0]
    assert "Báo cáo chính trị" not in refused.value.reasons[0]
    _approved(campaign, DocKind.PERSONNEL_PLAN)
    assert (
        do_approve_congress(congress, "documents", acting_user=user("langson")).kind == "documents"
    )


def test_only_the_superior_approves_and_only_a_closed_final_round(campaign):
    document, round_ = document_with_round(campaign)
    actions.do_add_comment(round_, text="x", received_on=DAY, acting_user=user("locbinh"))
    with pytest.raises(PermissionDenied):
        actions.do_approve_document(document, acting_user=user("locbinh"))
    with pytest.raises(ActionRefused, match="chưa khép lại"):
        actions.do_approve_document(document, acting_user=user("langson"))
    actions.do_review_document(document, note="Làm rõ phương hướng.", acting_user=user("langson"))
    actions.do_handle_comments(
        round_,
        list(round_.comments.values_list("pk", flat=True)),
        handling=Handling.ACCEPTED,
        response="",
        acting_user=user("locbinh"),
    )
    actions.do_close_round(round_, acting_user=user("locbinh"))
    approved = actions.do_approve_document(document, acting_user=user("langson"))
    assert approved.approved_by.username == "langson" and approved.approved_round == round_
    assert approved.reviewed_by.username == "langson"
    from daihoi.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="drafts.approve", actor__username="langson").exists()
    with pytest.raises(ActionRefused, match="không thêm dự thảo mới"):
        actions.do_add_round(document, round_.numbered(), acting_user=user("locbinh"))


def test_delegates_read_and_download_the_approved_documents(campaign):
    document = _approved(campaign, DocKind.POLITICAL_REPORT)
    document_with_round(campaign, kind=DocKind.PROGRAMME)  # not approved: not shown
    url = reverse("drafts_read", args=[campaign.slug, "188"])
    page = login("daibieu").get(url).content.decode()
    assert "Kinh tế tăng trưởng khá, bình quân 6,5%/năm." in page
    assert "Chương trình đại hội" not in page
    download = login("daibieu").get(
        reverse("drafts_read_docx", args=[campaign.slug, "188", document.kind])
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "Phấn đấu tăng trưởng 7%/năm." in text
    assert login("soctrang").get(url).status_code == 404


def test_the_congress_page_shows_the_documents_and_what_blocks_approval(campaign):
    document_with_round(campaign)
    page = (
        login("langson")
        .get(reverse("congress_detail", args=[campaign.slug, "188"]))
        .content.decode()
    )
    assert 'id="drafts-panel"' in page
    assert "dự thảo lần 1 (Đang lấy ý kiến)" in page
    assert "Cấp trên chưa thông qua dự thảo cuối của các văn kiện bắt buộc" in page
