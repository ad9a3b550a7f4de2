"""The trail's personal entries: an app registers who may read them, pages hide the rest."""

from __future__ import annotations

from typing import Any

import pytest

from daihoi.audit import privacy
from daihoi.personnel import access


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, privacy.Reader]:
    readers: dict[str, privacy.Reader] = {}
    monkeypatch.setattr(privacy, "_readers", readers)
    return readers


def test_a_prefix_is_hidden_from_whom_its_reader_refuses(
    registry: dict[str, privacy.Reader],
) -> None:
    def only_alice(user: Any, organisation: Any) -> bool:
        return user == "alice"

    privacy.register_personal_prefix("health.", only_alice)
    assert privacy.hidden_prefixes("alice", None) == []  # type: ignore[arg-type]
    assert privacy.hidden_prefixes("bob", None) == ["health."]  # type: ignore[arg-type]


def test_nothing_is_hidden_when_no_app_registered(registry: dict[str, privacy.Reader]) -> None:
    assert privacy.hidden_prefixes("anyone", None) == []  # type: ignore[arg-type]


def test_the_personnel_app_registers_its_entries_with_its_reading_rule() -> None:
    # Registered by PersonnelConfig.ready(); the audit page (orgs/views.py) relies on it.
    assert privacy._readers["personnel."] is access.may_read
