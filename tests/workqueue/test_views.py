"""The work queue page, the partial the home page includes, and the count in the header."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from daihoi.campaigns.actions.submissions import do_submit_congress
from daihoi.campaigns.models import ApprovalKind, Campaign, Congress, CongressState
from tests.campaigns.helpers import PAPER
from tests.conftest import login
from tests.workqueue.helpers import campaign, congress, today, user

pytestmark = pytest.mark.django_db
__all__ = ["campaign", "today"]  # fixtures

URL = "/viec-can-lam/"


def late_dong_buc(campaign: Campaign) -> Congress:
    dong_buc = congress(campaign, "06553")
    Congress.objects.filter(pk=dong_buc.pk).update(
        state=CongressState.PREPARING, planned_date=dt.date(2020, 3, 1)
    )
    return dong_buc


def test_the_page_lists_the_work_by_kind_with_links(campaign: Campaign, today: dt.date) -> None:
    late_dong_buc(campaign)
    response = login("locbinh").get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("workqueue") == URL
    assert "<h1>Việc cần làm</h1>" in page
    assert "Đại hội cấp dưới chậm so với kế hoạch" in page
    detail = reverse("congress_detail", args=[campaign.slug, "06553"])
    assert f'<a href="{detail}">Đại hội Đảng bộ xã Đồng Bục dự kiến họp ngày 01/03/2020' in page


def test_with_nothing_waiting_the_page_says_so(campaign: Campaign, today: dt.date) -> None:
    page = login("locbinh").get(URL).content.decode()
    assert "Không có việc nào đang chờ bạn." in page


def test_the_page_is_read_only_and_for_signed_in_people(campaign: Campaign) -> None:
    assert login("locbinh").post(URL).status_code == 405
    response = Client().get(URL)
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_the_partial_shows_the_queue_on_another_page(campaign: Campaign, today: dt.date) -> None:
    late_dong_buc(campaign)
    request = RequestFactory().get("/")
    request.user = user("locbinh")
    html = render_to_string("workqueue/_list.html", {"request": request}, request=request)
    assert "Việc cần làm" in html
    assert "Đảng bộ xã Đồng Bục" in html
    assert f'href="{URL}"' in html

    request = RequestFactory().get("/")
    request.user = user("daibieu")
    html = render_to_string("workqueue/_list.html", {"request": request}, request=request)
    assert "Không có việc nào đang chờ bạn." in html


def test_the_header_counts_the_work_on_every_page(campaign: Campaign, today: dt.date) -> None:
    client = login("locbinh")
    page = client.get(reverse("notifications_inbox")).content.decode()
    assert f'<a href="{URL}">Việc cần làm</a>' in page  # nothing waiting: no badge

    dong_buc = late_dong_buc(campaign)  # late, and asking Lộc Bình to approve its documents
    do_submit_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=user("locbinh"), paper=PAPER)
    page = client.get(reverse("notifications_inbox")).content.decode()
    badge = '<span class="badge" aria-label="2 việc đang chờ">2</span>'
    assert f'<a href="{URL}">Việc cần làm {badge}</a>' in page
