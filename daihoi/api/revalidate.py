"""Answers a client may keep and revalidate: an ETag from the body, 304 when it matches.

Provinces poll these figures from their own reporting systems; with the ETag they
re-download a page only when it changed. Django's ConditionalGetMiddleware does the
work, applied per operation so the HTML pages keep their own headers. `private`
because every answer is scoped to the caller; `no-cache` so a client asks each time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.cache import cache_control
from ninja.decorators import decorate_view

_conditional = decorator_from_middleware(ConditionalGetMiddleware)


def revalidated() -> Callable[[Any], Any]:
    """Decorate an API operation: private, revalidated each time, 304 on a matching ETag."""
    return decorate_view(_conditional, cache_control(private=True, no_cache=True))
