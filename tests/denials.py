"""The refusals every write of a congress is tried with: a reader inside Lộc Bình's
subtree, an outsider (Sóc Trăng's staff) and an anonymous visitor.

Each app's tests/<app>/helpers.py binds these to its own reader persona, so a test
reads `assert_denied(lambda user: …)` and the personas stay in one place.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused


def outsider() -> User:
    """Sóc Trăng's staff: Lộc Bình's congress does not exist for them."""
    return User.objects.get(username="soctrang")


def refusal_codes(call: Callable[[], object]) -> list[str]:
    """Run an action that must be refused; return the refusal's codes."""
    with pytest.raises(ActionRefused) as refused:
        call()
    return refused.value.codes


def assert_denied(call: Callable[[User], object], *, reader: Callable[[], User]) -> None:
    """The reader inside the subtree and the outsider are both refused; nothing is audited."""
    before = AuditEntry.objects.count()
    for user in (reader(), outsider()):
        with pytest.raises(PermissionDenied):
            call(user)
    assert AuditEntry.objects.count() == before


def assert_post_only(path: str) -> None:
    """A write's URL answers GET with 405, even to the staff who may post to it."""
    client = Client()
    client.force_login(User.objects.get(username="locbinh"))
    assert client.get(path).status_code == 405


def assert_post_denied(
    path: str, data: dict[str, object] | None = None, *, reader: Callable[[], User]
) -> None:
    """A POST by the reader is 403, by the outsider 404, anonymous goes to log in; nothing moves."""
    data = data or {}
    before = AuditEntry.objects.count()
    client = Client()
    client.force_login(reader())
    assert client.post(path, data).status_code == 403
    client.force_login(outsider())
    assert client.post(path, data).status_code == 404
    anonymous = Client().post(path, data)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    assert AuditEntry.objects.count() == before
