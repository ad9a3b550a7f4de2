"""Error pages (issue 15.8): Vietnamese, in the site's layout, saying why, with the way back.

Each status is reached the way a user meets it — an unknown address, a page of
someone else's role, a form left open, a wrong method, a document asked for too
early, too many wrong passwords, a crash — and checked for what the user sees:
the status, the Vietnamese heading and reason, the site's header and a link home.
Under /api/ the same refusals stay JSON.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path, resolve, reverse

from daihoi.accounts.models import User
from daihoi.web import errors
from tests.conftest import login
from tests.elections.papers.conftest import (
    scenario as scenario,  # noqa: F401 - an election counted, not yet reconciled
)
from tests.elections.papers.conftest import (
    signing_key as signing_key,  # noqa: F401 - the autouse fixture of the papers' tests
)
from tests.elections.papers.helpers import Scenario

pytestmark = pytest.mark.django_db


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


# The project's URLs and handlers plus one view that crashes (for the 500 page).
urlpatterns = [path("hong/", _boom), path("", include("daihoi.urls"))]
handler400 = "daihoi.web.errors.bad_request"
handler403 = "daihoi.web.errors.permission_denied"
handler404 = "daihoi.web.errors.page_not_found"
handler500 = "daihoi.web.errors.server_error"


def page(response: HttpResponse) -> str:
    """The page's text, after checking it is an HTML page of the site's layout."""
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert '<header class="top">' in body, "the site's header is missing"
    assert 'href="/"' in body and "Về trang chủ" in body, "no way back home"
    return body


def test_an_unknown_address_is_a_404_page_in_vietnamese() -> None:
    response = login("locbinh").get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = page(response)
    assert "Không tìm thấy trang" in body
    assert "nằm ngoài phạm vi tổ chức của bạn" in body
    assert "Page not found" not in body and "Not Found" not in body


def test_an_organisation_outside_the_scope_is_the_same_404_page() -> None:
    response = login("soctrang").get(reverse("org_detail", args=["2020", "20"]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page(response)


def test_the_404_page_offers_the_previous_page_of_this_site_only() -> None:
    client = login("locbinh")
    here = client.get("/khong-co/", HTTP_REFERER="http://testserver/to-chuc/2020/20/")
    assert 'href="http://testserver/to-chuc/2020/20/"' in page(here)
    assert "Quay lại trang trước" in here.content.decode()
    away = client.get("/khong-co/", HTTP_REFERER="https://evil.example/phishing")
    assert "evil.example" not in page(away)


def test_a_refused_role_is_told_whom_the_page_is_for() -> None:
    response = login("kiemphieu").get(reverse("personnel_people", args=["2020", "94"]))
    assert response.status_code == 403
    body = page(response)
    assert "Không có quyền truy cập" in body
    assert "Hồ sơ nhân sự chỉ dành cho cán bộ tổ chức, tiểu ban nhân sự." in body


def test_a_bare_refusal_on_a_counting_page_names_the_counting_board() -> None:
    """A PermissionDenied raised without a message still says whom the page is for."""
    request = RequestFactory().get("/bau-cu/1/doi-chieu/")
    request.user = User.objects.get(username="lanhdao")
    request.resolver_match = resolve("/bau-cu/1/doi-chieu/")
    response = errors.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Trang này dành cho ban kiểm phiếu" in page(response)


def test_a_form_sent_after_its_token_expired_gets_the_vietnamese_403() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "locbinh", "password": "daihoi2020"})
    assert response.status_code == 403
    body = page(response)
    assert "Biểu mẫu đã hết hạn" in body and "tải lại trang" in body
    assert "CSRF verification failed" not in body


def test_a_forged_host_gets_the_400_page_without_echoing_it() -> None:
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Yêu cầu không hợp lệ" in body and "Về trang chủ" in body
    assert "evil.example" not in body


def test_a_plain_text_400_is_shown_in_the_layout_with_its_reason(demo_campaign: object) -> None:
    url = reverse("report_progress_xlsx", args=["dh-2020-2025", "20"])
    response = login("langson").get(url, {"ngay": "30/02/2020"})
    assert response.status_code == 400
    body = page(response)
    assert "Yêu cầu không hợp lệ" in body
    assert "Ngày “30/02/2020” không hợp lệ" in body


def test_a_wrong_method_gets_the_405_page_and_keeps_the_allow_header() -> None:
    response = Client().post("/suc-khoe/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    body = page(response)
    assert "Thao tác không được phép" in body
    assert "không nhận yêu cầu kiểu POST" in body


def test_a_document_asked_for_too_early_gets_the_409_page_with_the_reason(
    scenario: Scenario,  # noqa: F811
) -> None:
    url = reverse("election_minutes_docx", args=[scenario.election.pk])
    response = login("locbinh").get(url)
    assert response.status_code == 409
    body = page(response)
    assert "Chưa thể thực hiện thao tác này" in body
    assert "đối chiếu xong" in body


def test_too_many_wrong_passwords_get_the_429_page() -> None:
    client = Client()
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "locbinh", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "locbinh", "password": "sai"})
    assert response.status_code == 429
    body = page(response)
    assert "Tạm khóa đăng nhập" in body and "Mã lỗi 429" in body
    assert "Đăng nhập sai quá nhiều lần" in body


@pytest.mark.urls("tests.trust.test_error_pages")
def test_a_crash_gets_the_500_page_in_vietnamese() -> None:
    response = Client(raise_request_exception=False).get("/hong/")
    assert response.status_code == 500
    body = page(response)
    assert "Lỗi hệ thống" in body and "Hãy thử lại sau ít phút" in body
    assert "a bug" not in body and "Traceback" not in body


def test_the_500_page_needs_no_database(django_assert_num_queries: object) -> None:
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):  # type: ignore[operator]
        response = errors.server_error(request)
    assert response.status_code == 500
    assert "Lỗi hệ thống" in page(response)


@pytest.mark.urls("tests.trust.test_error_pages")
def test_api_errors_stay_json() -> None:
    client = Client(raise_request_exception=False)
    missing = client.get("/api/khong-co")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"
    assert "Trang không tồn tại" in missing.json()["detail"]
    anonymous = client.get("/api/me")
    assert anonymous["Content-Type"].startswith("application/json")
    assert anonymous.status_code == 401


def test_the_english_interface_gets_the_error_pages_in_english() -> None:
    client = login("locbinh")
    client.cookies["django_language"] = "en"
    response = client.get("/khong-co/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "Back to the home page" in body
    assert "Không tìm thấy trang" not in body
