"""Refusals an action explains to the user."""

from __future__ import annotations


class ActionRefused(Exception):
    """The action cannot be done now; `reasons` says why, in the user's language."""

    def __init__(self, reasons: list[str], codes: list[str] | None = None) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        # Machine-readable, one per reason where the action gives them: what tests
        # and API clients check, since the reasons are worded for people.
        self.codes = codes or []


class StaleEdit(ActionRefused):
    """Someone else changed the record since this copy was read."""
