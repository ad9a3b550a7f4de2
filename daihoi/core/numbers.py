"""Write figures for people: counts, percentages and dates, Vietnamese or in the user's language.

Two families, one rounding rule:

- ``vn_*`` always write the Vietnamese way (5.258.906; 48,5%; 25/05/2020). They are
  for what is Vietnamese whatever the reader's language: the minutes and reports
  (DOCX, XLSX), the command line, and figures inside Vietnamese sentences.
- ``local_*`` follow the active language through Django's formats
  (``daihoi/formats``): 5.258.906 and 48,5% in Vietnamese, 5,258,906 and 48.5% in
  English. They are for pages.

Counts are integers. A percentage is rounded once, half away from zero, to the
places it is printed with (``daihoi.lib.percent`` for exact ratios), so that the
minutes show the digits anyone recomputing them by hand would get: 1/32 is 3,13%.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import formats, timezone

from daihoi.lib.percent import percent

__all__ = [
    "local_int",
    "local_percent",
    "local_share",
    "share_places",
    "vn_date",
    "vn_datetime",
    "vn_int",
    "vn_percent",
    "vn_share",
]

Figure = Decimal | float | int


def _rounded(value: Figure, places: int) -> Decimal:
    """Round a figure already in percent (48.5, not 0.485) half away from zero."""
    # str() of a float is its shortest repr, so 12.345 stays 12.345 and not 12.3449…
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _share(part: int, whole: int, places: int) -> Decimal:
    return percent(Fraction(part, whole), places)


# --- Vietnamese, whatever the reader's language ----------------------------------------


def vn_int(value: int) -> str:
    """Write a whole number the Vietnamese way: 5.258.906."""
    return f"{value:,}".replace(",", ".")


def vn_percent(value: Figure | None, places: int = 1, *, empty: str = "—") -> str:
    """Write a figure in percent with a decimal comma: 48,5%; `empty` when there is none."""
    if value is None:
        return empty
    return f"{_rounded(value, places):.{places}f}".replace(".", ",") + "%"


def vn_share(part: int, whole: int, places: int = 2, *, empty: str = "—") -> str:
    """Write part/whole in percent with a decimal comma: 2 of 11 is 18,18%; `empty` for 0/0."""
    if not whole:
        return empty
    return vn_percent(_share(part, whole, places), places)


def vn_date(day: dt.date) -> str:
    """Write a calendar day the Vietnamese way: 25/05/2020."""
    return f"{day:%d/%m/%Y}"


def vn_datetime(at: dt.datetime) -> str:
    """Write an instant in the local time zone, to the second: 25/05/2020 08:30:00."""
    return f"{timezone.localtime(at):%d/%m/%Y %H:%M:%S}"


# --- In the active language ------------------------------------------------------------


def local_int(value: int | None, *, empty: str = "–") -> str:
    """Group thousands the local way: 5.258.906 in Vietnamese, 5,258,906 in English."""
    if value is None:
        return empty
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def local_percent(value: Figure | Fraction | None, places: int = 2, *, empty: str = "–") -> str:
    """Write a percentage the local way: 54,55% in Vietnamese, 54.55% in English.

    A Fraction is a ratio (2/11 is 18,18%); any other figure is already in percent.
    """
    if value is None:
        return empty
    if isinstance(value, Fraction):
        shown = percent(value, places)
    else:
        shown = _rounded(value, places)
    return formats.number_format(shown, decimal_pos=places, use_l10n=True) + "%"


def share_places(asked: str | None, default: int = 1) -> int:
    """The decimals a share is shown with: 1 (48,5%), or 2 when asked (97,85%).

    A department checks the page against a report that prints its shares with two
    decimals (Thái Bình's 97,85% of grassroots congresses); asking for them changes
    only the shares of that page, never how other figures round.
    """
    return 2 if (asked or "").strip() == "2" else default


def local_share(part: int, whole: int, places: int = 1, *, empty: str = "–") -> str:
    """Write part/whole in percent the local way: 97 of 200 is 48,5%; `empty` for 0/0."""
    if not whole:
        return empty
    return local_percent(Fraction(part, whole), places)
