"""The one date field of every form: typed and shown as dd/mm/yyyy, the way dates are written here.

Why a text box and not `<input type="date">`: a native date input shows its value in
the browser's locale (mm/dd/yyyy on an English browser, yyyy-mm-dd in some), cannot
be filled by typing "20/02/2020" as people read it off a paper, and each browser's
widget is its own keyboard puzzle. A text box with `inputmode="numeric"` reads the
same everywhere, a keyboard user types the date straight in, and a phone shows its
number pad. That pad has no "/" on iPhones, so eight digits (20022020) are read as
well, and so are dots, dashes and spaces between the parts (20.02.2020, 20-2-2020) and
ISO days (2020-02-20, from old links and exported files). There is no `pattern`
attribute: the browser would answer a mistyped date in its own language before the
server could; the server's message is in Vietnamese and names what was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

# Longer than any way of writing a day; checked on the text before any parsing.
LONGEST = 20
DAY_FORMAT = "%d/%m/%Y"
PLACEHOLDER = "dd/mm/yyyy"

_DMY = re.compile(r"(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class BadDay(ValueError):
    """The text is not a day: `code` says whether it is not a date at all or not on the calendar."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_day(text: str) -> dt.date:
    """Return the day written as dd/mm/yyyy (or 20022020, 20.02.2020, 2020-02-20).

    Raise BadDay("invalid") for text that is not a date, BadDay("no_such_day") for
    31/02/2020 or 12/13/2020 (a month-first date is never guessed).
    """
    text = text.strip()
    if len(text) > LONGEST:
        raise BadDay("invalid")
    if match := _DMY.fullmatch(text) or _DIGITS.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise BadDay("invalid")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadDay("no_such_day") from None


def format_day(day: dt.date | None) -> str:
    return day.strftime(DAY_FORMAT) if day is not None else ""


class DayInput(forms.DateInput):
    """A text box for dd/mm/yyyy with the phone's number pad."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "inputmode": "numeric",
            "placeholder": PLACEHOLDER,
            "autocomplete": "off",
            "size": "10",
            "maxlength": str(LONGEST),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DAY_FORMAT)


class DayField(forms.DateField):
    """A date typed as dd/mm/yyyy; a message naming the value when it is not a day.

    A form given back shows what was typed (BoundField keeps the text), and a day
    from the database as dd/mm/yyyy whatever the language of the page.
    """

    widget = DayInput
    default_error_messages = {
        "invalid": gettext_lazy(
            "Ngày «%(value)s» không hợp lệ; hãy ghi theo dạng dd/mm/yyyy, ví dụ 20/02/2020."
        ),
        "no_such_day": gettext_lazy(
            "Ngày «%(value)s» không hợp lệ: lịch không có ngày này; hãy xem lại ngày và tháng "
            "(dd/mm/yyyy)."
        ),
    }

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        if not text:
            return None
        try:
            return parse_day(text)
        except BadDay as bad:
            raise ValidationError(
                self.error_messages[bad.code], code=bad.code, params={"value": text[:40]}
            ) from None
