"""Security headers on every response: a Content-Security-Policy and a Permissions-Policy.

Scripts and styles come only from our own static files (no inline script, no eval,
no `<style>` block, no `style=` attribute), so a page that somebody manages to inject
markup into can neither run code nor restyle the page to mislead (a fake form laid
over a real one). Scripts may still set styles through the DOM (`element.style`),
which the policy does not govern and Swagger UI and the admin use.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Swagger UI's stylesheet draws its icons as data: SVG images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

# Features no page uses; the camera is switched on only where the desk reads QR cards.
_OFF = ("microphone=()", "geolocation=()", "payment=()", "usb=()")
PERMISSIONS_POLICY = ", ".join(("camera=()", *_OFF))
CAMERA_PERMISSIONS_POLICY = ", ".join(("camera=(self)", *_OFF))

# URL names of the pages that read QR cards with the device camera.
CAMERA_PAGES = frozenset({"assembly_desk"})


def permissions_policy_for(request: HttpRequest) -> str:
    """The Permissions-Policy of the page answering this request."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in CAMERA_PAGES:
        return CAMERA_PERMISSIONS_POLICY
    return PERMISSIONS_POLICY


class SecurityHeadersMiddleware:
    """Add the CSP and the Permissions-Policy to every response, static files included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", permissions_policy_for(request))
        return response
