"""Error pages in Vietnamese, in the site's layout, saying why where it is safe and the way back.

Django's handlers (400, 403, 404, 500 and the CSRF refusal) are pointed here from
daihoi/urls.py and settings. Responses that views build without a page — a bare
405 from require_POST, a plain-text 400 or 409 carrying the reason — are dressed in
the same layout by ErrorPageMiddleware, keeping their status and headers (Allow).
Under /api/ every answer stays JSON.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from daihoi.web import busy

logger = logging.getLogger(__name__)

# Statuses this module renders a page for; others pass through untouched.
PAGE_STATUSES = frozenset({400, 403, 404, 405, 409, 429})


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _default_reason(request: HttpRequest, status: int) -> str:
    """What to tell the user when the refusal itself carries no message."""
    if status == 403:
        return _forbidden_reason(request)
    if status == 405:
        return _(
            "Trang này không nhận yêu cầu kiểu %(method)s. "
            "Hãy dùng các nút trên trang thay vì gõ hoặc tải lại địa chỉ."
        ) % {"method": request.method}
    reasons = {
        400: _("Yêu cầu gửi lên không hợp lệ (thiếu hoặc sai dữ liệu)."),
        404: _("Trang không tồn tại, đã bị xóa, hoặc nằm ngoài phạm vi tổ chức của bạn."),
        409: _("Dữ liệu đang ở trạng thái không cho phép thao tác này."),
        429: _("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Hãy đợi một lát rồi thử lại."),
    }
    return reasons.get(status, "")


def _forbidden_reason(request: HttpRequest) -> str:
    """Name whom the page is for, from the part of the site it belongs to."""
    match = getattr(request, "resolver_match", None)
    name = (match.url_name or "") if match is not None else ""
    by_prefix = (
        ("election_", _("Trang này dành cho ban kiểm phiếu và ban tổ chức đại hội.")),
        (
            "assembly_",
            _("Trang này dành cho ban tổ chức đại hội và người được giao làm bàn điểm danh."),
        ),
        ("proceedings_", _("Trang này dành cho ban tổ chức đại hội và đoàn chủ tịch.")),
        ("personnel_", _("Hồ sơ nhân sự chỉ dành cho cán bộ tổ chức, tiểu ban nhân sự.")),
        ("drafts_", _("Trang này dành cho người soạn và người góp ý văn kiện được giao.")),
    )
    for prefix, reason in by_prefix:
        if name.startswith(prefix):
            return reason
    return _("Tài khoản của bạn không có quyền xem hoặc thay đổi trang này.")


def _back_url(request: HttpRequest) -> str:
    """The page the user came from, if it is on this site; else nothing."""
    referer = request.headers.get("Referer", "")
    try:
        allowed = {request.get_host()}
    except DisallowedHost:  # a forged Host is being answered: no host to trust
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts=allowed, require_https=request.is_secure()
    ):
        return referer
    return ""


def _titles() -> dict[int, str]:
    return {
        400: _("Yêu cầu không hợp lệ"),
        403: _("Không có quyền truy cập"),
        404: _("Không tìm thấy trang"),
        405: _("Thao tác không được phép"),
        409: _("Chưa thể thực hiện thao tác này"),
        429: _("Quá nhiều yêu cầu"),
        500: _("Lỗi hệ thống"),
    }


def error_page(request: HttpRequest, status: int, reason: str = "") -> HttpResponse:
    """The error page (or, under /api/, a JSON answer) for this status."""
    reason = reason or _default_reason(request, status)
    if _is_api(request):
        return JsonResponse({"detail": reason or _titles()[status]}, status=status)
    context = {
        "status": status,
        "heading": _titles()[status],
        "reason": reason,
        "back_url": _back_url(request),
    }
    return render(request, f"errors/{status}.html", context, status=status)


def _message(exception: Exception | None) -> str:
    """The refusal's own message, if our code gave it one (a bare `raise` has none)."""
    if exception is None or not exception.args:
        return ""
    first = exception.args[0]
    return str(first) if isinstance(first, str | Promise) else ""


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A 400's message can echo a forged Host header or other raw input: not shown.
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Our PermissionDenied messages are written for users ("Bạn không thuộc tổ nhập phiếu này.").
    return error_page(request, 403, _message(exception))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Not the message: outside a user's scope everything is a plain 404, whatever exists.
    return error_page(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal: usually a form left open past the session's end."""
    return error_page(
        request,
        403,
        _("Biểu mẫu đã hết hạn hoặc phiên đăng nhập đã thay đổi. Hãy tải lại trang rồi gửi lại."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without the request: the database may be what failed."""
    # A lock timeout raised outside a view (saving the session, a middleware's write)
    # reaches Django's handler, not BusyDatabaseMiddleware: it is still "try again".
    failure = sys.exc_info()[1]
    if failure is not None and busy.is_busy(failure):
        return busy.busy_response(request)
    if _is_api(request):
        return JsonResponse({"detail": _("Lỗi hệ thống. Hãy thử lại sau ít phút.")}, status=500)
    body = loader.get_template("errors/500.html").render({"heading": _titles()[500]})
    return HttpResponse(body, status=500)


class ErrorPageMiddleware:
    """Give a page to error responses that views answered without one.

    A bare HttpResponseNotAllowed (405), or a plain-text 400/409 whose text is the
    reason, becomes the error page with that reason; the original headers (Allow,
    Retry-After, Cache-Control) and cookies are kept. JSON answers — the desks' and
    the API's — are left alone; an empty one under /api/ gets a JSON body.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code not in PAGE_STATUSES or response.streaming:
            return response
        content_type = response.headers.get("Content-Type", "")
        empty = not response.content
        plain = content_type.startswith("text/plain")
        if not (empty or plain):
            return response
        reason = "" if empty else response.content.decode(response.charset, "replace").strip()
        page = error_page(request, response.status_code, reason)
        for header, value in response.headers.items():
            if header.lower() not in ("content-type", "content-length"):
                page.headers[header] = value
        page.cookies.update(response.cookies)
        return page
