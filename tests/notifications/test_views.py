"""The inbox pages: one's own notifications only, each write its own URL."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.models import Delivery, Preference
from tests.conftest import login

pytestmark = pytest.mark.django_db

PARAMS = {"unit": "Đảng bộ huyện Lộc Bình", "what": "văn kiện"}


def test_the_header_counts_unread_and_the_inbox_lists_them(loc_binh_staff: Client) -> None:
    me = User.objects.get(username="locbinh")
    notify(Event.APPROVAL_ASKED, [me], params=PARAMS, url="/tong-quan/")
    page = loc_binh_staff.get(reverse("notifications_inbox"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đảng bộ huyện Lộc Bình xin duyệt văn kiện." in html
    assert '<span class="badge"' in html


def test_opening_a_notification_marks_it_read_and_leads_to_its_page(
    loc_binh_staff: Client,
) -> None:
    me = User.objects.get(username="locbinh")
    (note,) = notify(Event.APPROVAL_ASKED, [me], params=PARAMS, url="/tong-quan/")
    answer = loc_binh_staff.post(reverse("notifications_mark_read", args=[note.pk]))
    assert answer.status_code == 302 and answer["Location"] == "/tong-quan/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_another_persons_notification_does_not_exist_for_you(loc_binh_staff: Client) -> None:
    other = User.objects.get(username="langson")
    (note,) = notify(Event.APPROVAL_ASKED, [other], params=PARAMS)
    answer = loc_binh_staff.post(reverse("notifications_mark_read", args=[note.pk]))
    assert answer.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_marking_all_read_touches_only_ones_own(loc_binh_staff: Client) -> None:
    me, other = User.objects.get(username="locbinh"), User.objects.get(username="langson")
    notify(Event.APPROVAL_ASKED, [me, other], params=PARAMS)
    loc_binh_staff.post(reverse("notifications_mark_all_read"))
    assert not me.notifications.filter(read_at__isnull=True).exists()
    assert other.notifications.filter(read_at__isnull=True).count() == 1


def test_choosing_a_daily_digest_is_saved_and_audited_without_values_of_others(
    loc_binh_staff: Client,
) -> None:
    url = reverse("notifications_set_delivery")
    assert loc_binh_staff.post(url, {"delivery": Delivery.DIGEST}).status_code == 302
    me = User.objects.get(username="locbinh")
    assert Preference.objects.get(user=me).delivery == Delivery.DIGEST
    entry = AuditEntry.objects.filter(action="notifications.delivery").latest("id")
    assert entry.after == {"delivery": "digest"} and entry.target == f"user:{me.pk}"


def test_a_choice_that_does_not_exist_is_named_and_nothing_saved(loc_binh_staff: Client) -> None:
    answer = loc_binh_staff.post(reverse("notifications_set_delivery"), {"delivery": "fax"})
    assert answer.status_code == 400
    assert "fax" in answer.content.decode()
    assert not Preference.objects.filter(user__username="locbinh").exists()


def test_the_pages_ask_for_sign_in_and_writes_refuse_get() -> None:
    anonymous = Client()
    assert anonymous.get(reverse("notifications_inbox")).status_code == 302
    assert login("locbinh").get(reverse("notifications_mark_all_read")).status_code == 405
