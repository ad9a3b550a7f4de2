"""Reverse proxies whose forwarded headers `daihoi serve` believes (DAIHOI_TRUSTED_PROXIES).

Behind nginx every connection comes from nginx's address and, with TLS ended at
nginx, over plain http. The client's address and scheme then travel in
X-Forwarded-For and X-Forwarded-Proto, which any client can also type. They are
believed only on a connection from a named proxy; from anyone else they, and
every other forwarding header, are removed before Django sees them.

The work is waitress's own proxy-header middleware (what its `trusted_proxy`,
`trusted_proxy_count`, `trusted_proxy_headers` and `clear_untrusted_proxy_headers`
options switch on), chosen per connection: waitress's options name one peer and
a fixed number of hops, while a province may run two proxies, or nginx behind a
load balancer. daihoi.wsgi applies it, so gunicorn's workers (which would pass
every X-Forwarded-* header through to Django untouched) and any other WSGI
server get the same rule.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from waitress.proxy_headers import (  # type: ignore[import-untyped]
    PROXY_HEADERS,
    clear_untrusted_headers,
    proxy_headers_middleware,
)

# Only what the guide's nginx sets itself (docs/operations.md): nginx passes on any
# other header the client typed, so X-Forwarded-Host (the name is already in Host),
# -Port, -By and Forwarded are never believed, even from the proxy.
TRUSTED_HEADERS = frozenset({"x-forwarded-for", "x-forwarded-proto"})

WSGIApp = Callable[..., Any]


def parse(value: str | None) -> tuple[str, ...]:
    """The addresses in DAIHOI_TRUSTED_PROXIES, written as servers report them.

    Raises ValueError on anything that is not one IP address: a typo must stop
    the start, not leave the throttle keyed on the proxy's address, and a
    wildcard would let every client choose its own address.
    """
    addresses = []
    for item in (value or "").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            addresses.append(str(ipaddress.ip_address(item)))
        except ValueError:
            raise ValueError(
                f"DAIHOI_TRUSTED_PROXIES: {item!r} is not an IP address "
                "(name each proxy by its address, e.g. 127.0.0.1)"
            ) from None
    return tuple(dict.fromkeys(addresses))


def is_trusted(address: str, proxies: Iterable[str]) -> bool:
    """Whether a peer's address is one of the proxies (IPv6 compared in canonical form)."""
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]"))) in set(proxies)
    except ValueError:
        return False


def hops_to_client(forwarded_for: str, proxies: Iterable[str]) -> int:
    """How many X-Forwarded-For entries, from the right, lead to the client.

    The right-most entry was appended by the proxy that connected to us; entries
    to its left are believed only while each was appended by another trusted
    proxy, i.e. while the entry to the right is itself a trusted proxy. Anything
    further left is what the client sent and could have typed.
    """
    trusted = tuple(proxies)
    hops = [h.strip() for h in forwarded_for.split(",")]
    count = 1
    for hop in reversed(hops[1:]):
        if not is_trusted(hop, trusted):
            break
        count += 1
    return count


def trust_proxies(application: WSGIApp, proxies: Iterable[str]) -> WSGIApp:
    """Wrap a WSGI application so forwarded headers count only from the proxies."""
    trusted = tuple(proxies)

    def middleware(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        # A unix socket or a test harness may give no REMOTE_ADDR: then no proxy either.
        if not trusted or not is_trusted(environ.get("REMOTE_ADDR") or "", trusted):
            # From anyone else: every X-Forwarded-*/Forwarded header is dropped.
            clear_untrusted_headers(environ, PROXY_HEADERS)
            return application(environ, start_response)
        believing = proxy_headers_middleware(
            application,
            # The peer was checked just above against the whole list.
            trusted_proxy="*",
            trusted_proxy_count=hops_to_client(environ.get("HTTP_X_FORWARDED_FOR", ""), trusted),
            trusted_proxy_headers=TRUSTED_HEADERS,
            clear_untrusted=True,
        )
        return believing(environ, start_response)

    return middleware
