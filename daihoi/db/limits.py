"""What a column can hold, so that forms refuse a value the database would refuse.

A string longer than its column, or a number beyond its integer type, is an error
PostgreSQL raises only at INSERT time ("value too long for type character
varying", "integer out of range"), and SQLite not at all below 2**63: a page
that lets such a value through answers 500 on one engine and stores it on the
other. The limits are therefore taken from the model and put on the form field,
where the user sees them beside the field, in Vietnamese.

The integer ranges are PostgreSQL's on every engine (Django's table of them), so
that a value accepted on a laptop's SQLite is accepted in production too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict, TypeVar, cast

from django import forms
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations


class Limits(TypedDict, total=False):
    """Keyword arguments of a form field: what the column holds."""

    max_length: int
    min_value: int
    max_value: int


INTEGER_RANGES: dict[str, tuple[int, int]] = BaseDatabaseOperations.integer_field_ranges
# Free text (comments, findings, notes) has no column limit; a page or a paste
# longer than this is a mistake, and the request body limit would cut it anyway.
TEXT_MAX_LENGTH = 20_000


def integer_range(field: models.Field[Any, Any]) -> tuple[int, int] | None:
    """Return the (min, max) a model integer column holds, narrowed by its own validators."""
    bounds = INTEGER_RANGES.get(field.get_internal_type())
    if bounds is None:
        return None
    low, high = bounds
    # The model's own validators; `field.validators` adds the connection's range (SQLite's 2**63).
    for validator in getattr(field, "_validators", ()):
        limit = getattr(validator, "limit_value", None)
        if not isinstance(limit, int):
            continue
        if validator.code == "min_value":
            low = max(low, limit)
        elif validator.code == "max_value":
            high = min(high, limit)
    return low, high


def model_limits(field: models.Field[Any, Any]) -> Limits:
    """Return the form field keyword arguments (max_length, min_value, max_value) for a column."""
    if field.choices:
        return {}
    if isinstance(field, models.TextField):
        return {"max_length": field.max_length or TEXT_MAX_LENGTH}
    if isinstance(field, models.CharField) and field.max_length:
        return {"max_length": field.max_length}
    if isinstance(field, models.IntegerField) and not field.is_relation:
        bounds = integer_range(field)
        if bounds is not None:
            return {"min_value": bounds[0], "max_value": bounds[1]}
    return {}


def limited_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A ModelForm's `formfield_callback`: the model's field with the column's limits."""
    limits = cast("dict[str, int]", dict(model_limits(field)))
    # A form may narrow a limit (kwargs win over the column's), never widen it.
    for name, value in limits.items():
        given = kwargs.get(name)
        if given is None:
            kwargs[name] = value
        elif name == "min_value":
            kwargs[name] = max(given, value)
        else:
            kwargs[name] = min(given, value)
    return field.formfield(**kwargs)


class TextLimits(TypedDict):
    max_length: int


class NumberLimits(TypedDict):
    min_value: int
    max_value: int


def text_limits(model: type[models.Model], name: str) -> TextLimits:
    """max_length for a plain form's text field that stands for model.name."""
    limits = model_limits(model._meta.get_field(name))  # type: ignore[arg-type]
    return TextLimits(max_length=limits["max_length"])


def number_limits(
    model: type[models.Model],
    name: str,
    *,
    min_value: int | None = None,
    max_value: int | None = None,
) -> NumberLimits:
    """min_value and max_value for a plain form's number that stands for model.name,
    narrowed (never widened) by the form's own rule, e.g. seats from 1."""
    limits = model_limits(model._meta.get_field(name))  # type: ignore[arg-type]
    low, high = limits["min_value"], limits["max_value"]
    return NumberLimits(
        min_value=low if min_value is None else max(low, min_value),
        max_value=high if max_value is None else min(high, max_value),
    )


def out_of_limits(instance: models.Model) -> list[str]:
    """Say, naming the field, which values of instance its columns cannot hold."""
    from django.utils.translation import gettext as _

    problems: list[str] = []
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        label = str(field.verbose_name)
        label = label[:1].upper() + label[1:]
        if isinstance(value, str) and field.max_length and len(value) > field.max_length:
            problems.append(
                _("%(field)s dài quá %(n)s ký tự (nhận %(got)s ký tự).")
                % {"field": label, "n": field.max_length, "got": len(value)}
            )
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and isinstance(field, models.IntegerField)
        ):
            bounds = INTEGER_RANGES.get(field.get_internal_type())
            if bounds is not None and not bounds[0] <= value <= bounds[1]:
                problems.append(
                    _("%(field)s phải từ %(low)s đến %(high)s (nhận %(got)s).")
                    % {"field": label, "low": bounds[0], "high": bounds[1], "got": value}
                )
    return problems


def refuse_out_of_limits(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    """pre_save: refuse, as an action would, a value the column cannot hold.

    The forms carry the limits; this catches what reaches a save another way
    (a hand-parsed POST, an API call, a command), so the page shows the refusal
    instead of the database's error on PostgreSQL, or quietly storing it on SQLite.
    """
    if raw:
        return
    problems = out_of_limits(instance)
    if problems:
        from daihoi.core.errors import ActionRefused

        raise ActionRefused(problems, codes=["value_too_large"] * len(problems))


M = TypeVar("M", bound=models.Model)


def within_limits(instances: Iterable[M]) -> list[M]:
    """Return the instances, or refuse them all if one holds a value its column cannot.

    bulk_create sends no pre_save signal: the rows it writes go through this instead.
    """
    rows = list(instances)
    problems = [p for row in rows for p in out_of_limits(row)]
    if problems:
        from daihoi.core.errors import ActionRefused

        raise ActionRefused(problems, codes=["value_too_large"] * len(problems))
    return rows


def key_ids(values: Iterable[str]) -> list[int]:
    """The ids among posted strings: digits within the primary key's range.

    Django guards an exact integer lookup against overflow, not an `__in` one: an id of
    10^20 there is SQLite's OverflowError or PostgreSQL's refusal. No row has such an id.
    """
    top = INTEGER_RANGES["BigAutoField"][1]
    return [int(v) for v in values if v.isascii() and v.isdigit() and int(v) <= top]
