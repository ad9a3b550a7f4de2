"""The drafts' sections on the congress page and the dashboard."""

import pytest
from django.urls import reverse

from daihoi.drafts.actions.comments import do_add_comment
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from tests.conftest import login
from tests.drafts.helpers import DAY, congress_of, document_with_round, user

pytestmark = pytest.mark.django_db


def _send(round_, code):
    congress_of(round_.document.congress.campaign, code)
    do_add_comment(
        round_,
        text=f"Ý kiến của {code}.",
        received_on=DAY,
        source_org=Organisation.objects.get(code=code),
        acting_user=user("locbinh"),
    )


def test_the_dashboard_counts_the_units_that_sent_their_comments(campaign):
    province = Organisation.objects.get(code="20")
    districts = list(tree.children(province))
    congress_of(campaign, "20")
    _document, round_ = document_with_round(campaign, "20", staff="langson", units=districts)
    _send(round_, "188")
    page = login("langson").get(reverse("dashboard", args=[campaign.slug, "20"])).content.decode()
    assert f"1/{len(districts)} đơn vị đã gửi ý kiến" in page
    # Lộc Bình's own dashboard counts its communes: none has sent yet, then Đồng Bục has.
    communes = tree.children(Organisation.objects.get(code="188")).count()
    page = login("locbinh").get(reverse("dashboard", args=[campaign.slug, "188"])).content.decode()
    assert f"0/{communes} đơn vị đã gửi ý kiến" in page
    _send(round_, "06553")
    page = login("locbinh").get(reverse("dashboard", args=[campaign.slug, "188"])).content.decode()
    assert f"1/{communes} đơn vị đã gửi ý kiến" in page


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
