"""Template filters for figures: numbers grouped and percentages in the user's language."""

from __future__ import annotations

from fractions import Fraction

from django import template
from django.utils import formats

from daihoi.lib.percent import percent

register = template.Library()


@register.filter
def num(value: int | None) -> str:
    """Group thousands the local way: 5.258.906 in Vietnamese, 5,258,906 in English."""
    if value is None:
        return "–"
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def pct(part: int, whole: int) -> str:
    """Show part/whole as a percentage to one decimal, rounded half away from zero: 48,5%."""
    if not whole:
        return "–"
    value = percent(Fraction(part, whole), places=1)
    return formats.number_format(value, decimal_pos=1, use_l10n=True) + "%"


@register.filter
def get_item(mapping: dict[object, object] | None, key: object) -> object:
    """Look a key up in a dict from a template: {{ counts|get_item:level.pk }}."""
    if not mapping:
        return None
    return mapping.get(key)
