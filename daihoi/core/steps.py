"""The steps of a lifecycle as pages show them: label, when it was reached, whether it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import models


def timeline(
    obj: Any, states: type[models.TextChoices], stamps: Mapping[str, str]
) -> list[tuple[str, dt.datetime | None, bool]]:
    """Return (label, timestamp, reached) for every state, in order."""
    reached = list(states).index(states(obj.state))
    return [
        (
            str(state.label),
            getattr(obj, stamps[state]) if state in stamps else None,
            index <= reached,
        )
        for index, state in enumerate(states)
    ]
