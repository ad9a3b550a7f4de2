"""The one rule on a date of birth: between 1 January 1900 and today.

A year 1 or 2090 is a typing slip (a missing digit, 20 for 19), and it would
count in every age band of the composition check; the form, the action and the
people import all refuse it with the same sentence naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.core.errors import ActionRefused

EARLIEST = dt.date(1900, 1, 1)
FIELD = gettext_lazy("Ngày sinh")


def _shown(day: dt.date) -> str:
    # strftime writes year 1 as "1" on Linux; the user typed four digits.
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def birth_date_problem(
    day: dt.date, *, today: dt.date | None = None, field: str | Promise = FIELD
) -> str | None:
    """Return why day cannot be a date of birth, naming the field, or None."""
    today = today or timezone.localdate()
    if EARLIEST <= day <= today:
        return None
    return _("%(field)s %(day)s không hợp lệ: phải từ %(earliest)s đến hôm nay (%(today)s).") % {
        "field": field,
        "day": _shown(day),
        "earliest": _shown(EARLIEST),
        "today": _shown(today),
    }


def checked_birth_date(day: dt.date) -> dt.date:
    """Return day, or refuse it (the action's check, for callers that skipped the form)."""
    problem = birth_date_problem(day)
    if problem:
        raise ActionRefused([problem], codes=["birth_date_out_of_range"])
    return day


@deconstructible
class BirthDateValidator:
    """A form field validator: the message shows beside the date field."""

    def __call__(self, value: Any) -> None:
        if isinstance(value, dt.date):
            problem = birth_date_problem(value)
            if problem:
                raise ValidationError(problem, code="birth_date_out_of_range")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BirthDateValidator)

    def __hash__(self) -> int:
        return hash(type(self))
