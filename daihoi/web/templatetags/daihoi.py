"""Template filters for figures: numbers grouped and percentages in the user's language."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import template

from daihoi.core import numbers
from daihoi.lib.percent import percent

register = template.Library()


@register.filter
def num(value: int | None) -> str:
    """Group thousands the local way: 5.258.906 in Vietnamese, 5,258,906 in English."""
    return numbers.local_int(value)


@register.filter
def pct(part: int, whole: int) -> str:
    """Show part/whole as a percentage to one decimal, rounded half away from zero: 48,5%."""
    return numbers.local_share(part, whole, 1)


@register.filter
def held_share(counts: Any, places: int = 1) -> Decimal:
    """A progress count's held/total in percent, to `places` (then |floatformat:places)."""
    if not counts.total:
        return Decimal(0)
    return percent(Fraction(counts.held, counts.total), places)


@register.filter
def get_item(mapping: dict[object, object] | None, key: object) -> object:
    """Look a key up in a dict from a template: {{ counts|get_item:level.pk }}."""
    if not mapping:
        return None
    return mapping.get(key)
