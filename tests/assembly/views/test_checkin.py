"""The desk's page, its scan and search endpoints, and the undo form (views/checkin.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.assembly.actions.checkin import do_check_in
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.models import CheckIn, CheckInUndo, Delegate, Sitting
from daihoi.assembly.tokens import card_token
from daihoi.campaigns.models import Congress, CongressState
from tests.assembly.helpers import (
    loc_binh_congress,
    open_sitting,
    page_urls,
    reader,
    register,
    staff,
)
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _set_state(congress: Congress, state: str) -> None:
    # The lifecycle's own rules (approvals, dates) are tested in tests/campaigns;
    # here only the state the scan reads matters.
    Congress.objects.filter(pk=congress.pk).update(state=state)
    congress.refresh_from_db()


def _two_names() -> tuple[Sitting, Delegate, Delegate]:
    congress = loc_binh_congress()
    an = do_add_delegate(congress, full_name="Nguyễn Văn An", acting_user=staff())
    binh = do_add_delegate(congress, full_name="Trần Thị Bình", acting_user=staff())
    return open_sitting(congress), an, binh


def test_scanning_at_the_desk_updates_the_live_figures() -> None:
    congress = loc_binh_congress()
    officials = register(congress, officials=3, alternates=0)
    sitting = open_sitting(congress)
    urls = page_urls(congress)
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="locbinh"))
    page = client.get(urls["desk"])
    assert page.status_code == 200
    csrf = str(page.context["csrf_token"])
    scan = reverse("assembly_checkin", args=[sitting.pk])
    # Without the page's CSRF token the post is refused.
    assert client.post(scan, {"token": card_token(officials[0])}).status_code == 403
    first = client.post(
        scan, {"token": card_token(officials[0]), "desk": "Bàn 1"}, HTTP_X_CSRFTOKEN=csrf
    )
    assert first.status_code == 200
    assert first.json()["created"] is True and officials[0].full_name in first.json()["message"]
    again = client.post(scan, {"token": card_token(officials[0])}, HTTP_X_CSRFTOKEN=csrf)
    assert again.status_code == 200 and again.json()["code"] == "already"
    assert "đã điểm danh lúc" in again.json()["message"]
    forged = client.post(
        scan, {"token": f"{congress.pk}.{officials[1].pk}:abc"}, HTTP_X_CSRFTOKEN=csrf
    )
    assert forged.status_code == 400 and forged.json()["code"] == "forged"
    live = client.get(urls["quorum_json"]).json()
    assert (live["present"], live["summoned"], live["required"], live["has_quorum"]) == (
        1,
        3,
        2,
        False,
    )
    client.post(scan, {"token": card_token(officials[1])}, HTTP_X_CSRFTOKEN=csrf)
    live = client.get(urls["quorum_json"]).json()
    assert (live["present"], live["has_quorum"]) == (2, True)
    assert CheckIn.objects.filter(sitting=sitting).count() == 2


def test_the_endpoint_refuses_strangers_and_other_provinces() -> None:
    congress = loc_binh_congress()
    delegate = register(congress, officials=1, alternates=0)[0]
    sitting = open_sitting(congress)
    scan = reverse("assembly_checkin", args=[sitting.pk])
    assert Client().post(scan, {"token": card_token(delegate)}).status_code == 401
    assert login("soctrang").post(scan, {"token": card_token(delegate)}).status_code == 404
    assert reader().post(scan, {"token": card_token(delegate)}).status_code == 403
    assert not CheckIn.objects.exists()


def test_search_by_name_ignores_diacritics() -> None:
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=0)
    sitting = open_sitting(congress)
    found = login("locbinh").get(
        reverse("assembly_search", args=[sitting.pk]), {"q": "dai bieu so 2"}
    )
    rows = found.json()["results"]
    assert [r["full_name"] for r in rows] == ["Đại Biểu Số 2"]
    result = do_check_in(
        rows[0]["token"], sitting=sitting, desk="", acting_user=staff(), method="name"
    )
    assert result.created


def test_the_desk_endpoint_answers_409_with_the_reason() -> None:
    congress = loc_binh_congress()
    delegate = register(congress, officials=1, alternates=0)[0]
    sitting = open_sitting(congress)
    _set_state(congress, CongressState.HELD)
    answer = login("locbinh").post(
        reverse("assembly_checkin", args=[sitting.pk]), {"token": card_token(delegate)}
    )
    assert answer.status_code == 409
    data = answer.json()
    assert (data["ok"], data["code"]) == (False, "expired")
    assert "thẻ đại biểu không còn dùng để điểm danh" in data["message"]
    assert not CheckIn.objects.exists()


def test_the_endpoint_refuses_a_stale_row_and_checks_in_the_shown_one() -> None:
    sitting, an, binh = _two_names()
    client = login("locbinh")
    url = reverse("assembly_checkin", args=[sitting.pk])
    stale = client.post(
        url,
        {"token": card_token(an), "method": "name", "delegate": an.pk, "q": "tran"},
    )
    assert stale.status_code == 400 and stale.json()["code"] == "mismatch"
    assert not CheckIn.objects.exists()
    right = client.post(
        url,
        {"token": card_token(binh), "method": "name", "delegate": binh.pk, "q": "tran"},
    )
    assert right.status_code == 200 and right.json()["delegate"]["id"] == binh.pk
    assert list(CheckIn.objects.values_list("delegate_id", flat=True)) == [binh.pk]
    # A scanned card carries no search: the scan path is unchanged.
    scanned = client.post(url, {"token": card_token(an), "q": "tran"})
    assert scanned.status_code == 200 and scanned.json()["code"] == "checked_in"


def test_the_desk_undoes_a_check_in_and_the_quorum_page_shows_who_when_why() -> None:
    congress = loc_binh_congress()
    officials = register(congress, officials=3, alternates=0)
    sitting = open_sitting(congress)
    kw = {"campaign": congress.campaign.slug, "code": congress.organisation.code}
    desk_url = reverse("assembly_desk", kwargs=kw)
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="locbinh"))
    csrf = str(client.get(desk_url).context["csrf_token"])
    scanned = client.post(
        reverse("assembly_checkin", args=[sitting.pk]),
        {"token": card_token(officials[2]), "desk": "Bàn 3"},
        HTTP_X_CSRFTOKEN=csrf,
    ).json()
    checkin_id = scanned["checkin"]
    assert scanned["created"] and checkin_id == CheckIn.objects.get(delegate=officials[2]).pk
    page = client.get(desk_url).content.decode()
    undo_url = reverse("assembly_checkin_undo", args=[sitting.pk])
    # The last check-ins carry the undo form, with its reason required.
    assert f'data-checkin="{checkin_id}"' in page and "Hoàn tác" in page
    assert f'action="{undo_url}"' in page and 'name="reason" required' in page
    done = client.post(
        undo_url,
        {"checkin": checkin_id, "reason": "Đại biểu về trước, quét nhầm", "desk": "Bàn 3"},
        HTTP_X_CSRFTOKEN=csrf,
        follow=True,
    )
    assert done.redirect_chain[-1][0] == f"{desk_url}?phien={sitting.pk}&ban=B%C3%A0n+3"
    text = done.content.decode()
    assert f"Đã hoàn tác điểm danh của {officials[2].full_name}" in text
    assert f'data-checkin="{checkin_id}"' not in text
    live = client.get(reverse("assembly_quorum_json", kwargs=kw)).json()
    assert live["present"] == 0
    search = client.get(reverse("assembly_search", args=[sitting.pk]), {"q": "dai bieu so 3"})
    assert search.json()["results"][0]["checked_in_at"] is None
    quorum = client.get(reverse("assembly_quorum", kwargs=kw)).content.decode()
    history = quorum[quorum.index('id="undos"') :]
    for shown in (officials[2].full_name, "Đại biểu về trước, quét nhầm", "Bàn 3"):
        assert shown in history
    assert User.objects.get(username="locbinh").full_name in history


def test_an_undo_without_a_reason_through_the_page_says_why_and_keeps_the_check_in() -> None:
    congress = loc_binh_congress()
    officials = register(congress, officials=2, alternates=0)
    sitting = open_sitting(congress)
    result = do_check_in(card_token(officials[0]), sitting=sitting, desk="", acting_user=staff())
    client = login("locbinh")
    undo_url = reverse("assembly_checkin_undo", args=[sitting.pk])
    page = client.post(undo_url, {"checkin": result.checkin_id, "reason": "  "}, follow=True)
    assert page.status_code == 200
    # The form finds the reason missing before the action does: named by its label.
    assert "Lý do hoàn tác:" in page.content.decode()
    missing = client.post(undo_url, {"reason": "Nhầm"}, follow=True)
    assert missing.status_code == 200 and "Lượt điểm danh:" in missing.content.decode()
    assert CheckIn.objects.filter(pk=result.checkin_id).exists()
    assert not CheckInUndo.objects.exists()


def test_the_undo_url_refuses_get_readers_and_other_provinces() -> None:
    congress = loc_binh_congress()
    officials = register(congress, officials=1, alternates=0)
    sitting = open_sitting(congress)
    result = do_check_in(card_token(officials[0]), sitting=sitting, desk="", acting_user=staff())
    undo_url = reverse("assembly_checkin_undo", args=[sitting.pk])
    data = {"checkin": result.checkin_id, "reason": "Nhầm"}
    # GET is refused for everyone, signed in or not (as the permission matrix says).
    assert login("locbinh").get(undo_url).status_code == 405
    assert Client().get(undo_url).status_code == 405
    assert reader().post(undo_url, data).status_code == 403
    assert login("soctrang").post(undo_url, data).status_code == 404
    anonymous = Client().post(undo_url, data)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    assert CheckIn.objects.filter(pk=result.checkin_id).exists()
