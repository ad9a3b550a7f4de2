"""Reminders of deadlines, sent by the daily run: each app registers what falls due.

The notifications app sits below the apps that own deadlines (drafts' comment rounds,
say), so it does not read their tables: each registers a function that, given today,
tells the people concerned about what falls due in REMIND_DAYS days and returns how
many it told. `daihoi send-digests` runs them before it mails, so the reminders go
out in that same run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

REMIND_DAYS = 3

Reminder = Callable[[dt.date], int]
_reminders: list[Reminder] = []


def register(reminder: Reminder) -> None:
    if reminder not in _reminders:
        _reminders.append(reminder)


def remind(today: dt.date) -> int:
    """Run every registered reminder for `today`; return how many notifications they made."""
    return sum(reminder(today) for reminder in _reminders)
