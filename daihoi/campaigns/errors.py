"""Refusals an action explains to the user."""

from __future__ import annotations


class ActionRefused(Exception):
    """The action cannot be done now; `reasons` says why, in the user's language."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class StaleEdit(ActionRefused):
    """Someone else changed the record since this copy was read."""
