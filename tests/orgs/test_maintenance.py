"""Planner statistics are refreshed after a bulk write, once it has committed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from daihoi.orgs import maintenance

pytestmark = pytest.mark.django_db


def test_statistics_are_refreshed_after_a_large_write_commits(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(maintenance, "refresh_planner_statistics", lambda: calls.append("x"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        maintenance.after_bulk_write(maintenance.BULK - 1)
        maintenance.after_bulk_write(maintenance.BULK)
        assert calls == []  # nothing runs inside the transaction
    assert len(callbacks) == 1 and calls == ["x"]


def test_refreshing_the_statistics_runs_on_this_database() -> None:
    maintenance.refresh_planner_statistics()
