"""Fixtures of the papers' tests: a signing key of each test's own, the counted election."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.elections.papers.helpers import Scenario, counted_scenario


@pytest.fixture(autouse=True)
def signing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test signs with a key of its own, made on first use, outside the data directory."""
    key = tmp_path / "signing-key.pem"
    monkeypatch.setenv("DAIHOI_SIGNING_KEY", str(key))
    return key


@pytest.fixture
def scenario() -> Scenario:
    return counted_scenario()
