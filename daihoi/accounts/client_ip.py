"""The address a login came from, as the throttle should see it behind a reverse proxy.

Behind nginx every request arrives from 127.0.0.1, so counting failures by
REMOTE_ADDR would lock a username for everyone. X-Forwarded-For is believed
only when the request came from a proxy named in DAIHOI_TRUSTED_PROXIES, and
then only its right-most address that is not itself a trusted proxy: that is
the one the proxy appended; anything to its left the client could have typed.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))
    if not remote or remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if hop not in trusted:
            return hop
    return remote
