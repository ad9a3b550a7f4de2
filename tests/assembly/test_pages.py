"""The pages as a desk clerk and the presidium use them: scan, repeat, forged, live figures."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from daihoi.accounts.models import User
from daihoi.assembly.actions.checkin import do_check_in
from daihoi.assembly.actions.credentials import do_decide_credential, do_record_absence
from daihoi.assembly.models import CheckIn, Delegate
from daihoi.assembly.tokens import card_token
from daihoi.elections.actions import do_create_election
from tests.assembly.helpers import loc_binh_congress, open_sitting, reader, register, staff
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _urls(congress: object) -> dict[str, str]:
    kw = {"campaign": congress.campaign.slug, "code": congress.organisation.code}  # type: ignore[attr-defined]
    return {
        n: reverse(f"assembly_{n}", kwargs=kw)
        for n in (
            "register",
            "credentials",
            "credentials_docx",
            "cards",
            "desk",
            "quorum",
            "quorum_json",
        )
    }


def test_scanning_at_the_desk_updates_the_live_figures() -> None:
    congress = loc_binh_congress()
    officials = register(congress, officials=3, alternates=0)
    sitting = open_sitting(congress)
    urls = _urls(congress)
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


def test_cards_carry_a_qr_per_delegate_and_never_for_readers() -> None:
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=1)
    page = login("locbinh").get(_urls(congress)["cards"])
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("<svg") == 3
    assert "Đại Biểu Số 1" in body and "ĐẠI BIỂU DỰ KHUYẾT" in body


def test_register_page_adds_and_refuses_with_clear_messages() -> None:
    congress = loc_binh_congress()
    urls = _urls(congress)
    client = login("locbinh")
    add = urls["register"] + "them/"
    ok = client.post(
        add, {"full_name": "Lò Văn Mới", "kind": "guest", "basis": "invited"}, follow=True
    )
    assert "Đã thêm Lò Văn Mới" in ok.content.decode()
    bad = client.post(add, {"full_name": "Dự Khuyết Lạc", "kind": "alternate", "basis": "elected"})
    assert "phải thuộc một đoàn" in bad.content.decode()
    assert not Delegate.objects.filter(full_name="Dự Khuyết Lạc").exists()
    assert reader().post(urls["register"] + "nhap-trung-cu/").status_code == 403


def test_credentials_report_docx_states_the_figures() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=4, alternates=1)
    do_decide_credential(
        made[0], valid=False, reason="Đang bị đình chỉ sinh hoạt", acting_user=staff()
    )
    do_record_absence(
        made[1], absence="with_reason", reason="Điều trị tại bệnh viện", acting_user=staff()
    )
    response = login("locbinh").get(_urls(congress)["credentials_docx"])
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.getvalue())).paragraphs)
    assert "BÁO CÁO" in text
    assert "được triệu tập: 3 đồng chí" in text
    assert "Điều trị tại bệnh viện" in text
    assert "Đang bị đình chỉ sinh hoạt" in text
    assert "có lý do 1, không có lý do 0" in text


def test_the_base_from_the_register_feeds_the_election() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=6, alternates=0, ex_officio=2)
    do_record_absence(made[0], absence="without_reason", acting_user=staff())
    election = do_create_election(
        congress, "committee", 3, acting_user=User.objects.get(username="langson")
    )
    response = login("locbinh").post(
        reverse(
            "assembly_election_base",
            args=[congress.campaign.slug, congress.organisation.code, election.pk],
        )
    )
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.base == 7  # 8 summoned, one official absent with no alternate in their place


def test_the_presidium_opens_a_sitting_from_the_page() -> None:
    congress = loc_binh_congress()
    client = login("locbinh")
    client.post(
        _urls(congress)["quorum"] + "khai-mac/",
        {"kind": "official", "date": "2020-07-21", "part": "afternoon"},
    )
    live = client.get(_urls(congress)["quorum_json"]).json()
    assert live["sitting"]["open"] is True and "chiều" in live["sitting"]["label"]
    bad = client.post(_urls(congress)["quorum"] + "ti-le/", {"numerator": "4", "denominator": "3"})
    assert "không hợp lệ" in bad.content.decode()
