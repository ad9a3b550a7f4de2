"""Language choice: Vietnamese unless the user has switched, whatever the browser says."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

REFRESHED_KEY = "_refreshed"


class LanguageMiddleware:
    """Activate the language from the switch's cookie, else the default (Vietnamese).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on
    most office machines is English; the brief wants Vietnamese unless asked.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override, not activate: the thread goes back to what it had, so a request in
        # English cannot leave the next piece of work on this thread in English.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionRefreshMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    SESSION_COOKIE_AGE is an idle limit for shared venue computers: each use must
    push the expiry on. Django's SESSION_SAVE_EVERY_REQUEST would do that with a
    write per request; this does it when the last push is older than
    SESSION_REFRESH_SECONDS, so the limit holds to within a minute.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.session_key is not None and "_auth_user_id" in session:
            now = int(time.time())
            last = session.get(REFRESHED_KEY)
            if not isinstance(last, int) or now - last >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now  # marks the session modified: saved, expiry moved
        return self.get_response(request)
