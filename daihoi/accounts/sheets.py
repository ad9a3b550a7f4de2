"""The printed sign-in sheet: one page per person with the username, the one-time
password and a QR code of the sign-in page (segno, inline SVG).

The password exists only in the response that shows it: the page is not cached
(never_cache on the views that call this) and not stored anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from daihoi.accounts.actions.accounts import Issued


def sheets_response(
    request: HttpRequest, issued: Sequence[Issued], *, title: str, back_url: str
) -> HttpResponse:
    """The print page of these accounts' sheets, shown once."""
    login_url = request.build_absolute_uri(reverse("login"))
    # One code for every sheet: it opens the sign-in page, where the person types both.
    qr = segno.make(login_url, error="m").svg_inline(scale=4, border=2)
    context = {
        "issued": issued,
        "title": title,
        "back_url": back_url,
        "login_url": login_url,
        "qr": qr,
    }
    response = render(request, "accounts/sheets.html", context)
    add_never_cache_headers(response)
    return response
