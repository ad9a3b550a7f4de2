"""The address a login came from, as the throttle should see it behind a reverse proxy.

Behind nginx every request arrives from 127.0.0.1, so counting failures by
REMOTE_ADDR would lock a username for everyone. X-Forwarded-For is believed
only when the request came from a proxy named in DAIHOI_TRUSTED_PROXIES, and
then only its right-most address that is not itself a trusted proxy: that is
the one the proxy appended; anything to its left the client could have typed.

`daihoi serve` already puts that address in REMOTE_ADDR (daihoi.ops.proxies);
the same rule here keeps the throttle right under any other WSGI server.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _canonical(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    trusted = {_canonical(p) for p in getattr(settings, "TRUSTED_PROXIES", ())} - {None}
    if not remote or _canonical(remote) not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        address = _canonical(hop)
        if address is None:
            # Not an address (the database column would refuse it): a proxy never
            # appends one, so this is client-typed text; stop at the proxy.
            return remote
        if address not in trusted:
            return address
    return remote
