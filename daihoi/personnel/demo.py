"""Demo personnel data (stub replaced below)."""

from __future__ import annotations

from collections.abc import Callable

from daihoi.campaigns.models import Campaign


def load_demo_personnel(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    return None
