"""Names of people and organisations, checked before they are stored.

`daihoi.lib.text.check_name` finds what would make a name look like another or
show wrongly; this module says it in the user's language, for actions (which
refuse), imports (one message per cell) and forms (an error beside the field).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.core.errors import ActionRefused
from daihoi.lib.text import BadName, NameProblem, char_name, check_name, visible

__all__ = [
    "NameValidator",
    "checked_name",
    "name_messages",
    "problem_messages",
    "validate_name",
]


def _script(code: str) -> str:
    labels = {
        "LATIN": _("chữ Latinh"),
        "CYRILLIC": _("chữ Kirin (Cyrillic)"),
        "GREEK": _("chữ Hy Lạp (Greek)"),
    }
    return labels.get(code, code)


def _char(ch: str, *, show: bool = False) -> str:
    """ "U+200B (ZERO WIDTH SPACE)"; with show, the letter itself first: «а» U+0430 (…)."""
    code = f"U+{ord(ch):04X}"
    name = char_name(ch)
    described = f"{code} ({name})" if name else code
    return f"«{ch}» {described}" if show else described


def _chars(chars: Sequence[str], *, show: bool = False) -> str:
    return ", ".join(_char(ch, show=show) for ch in chars)


def problem_messages(
    text: str, problems: Sequence[NameProblem], *, field: str | Promise | None = None
) -> list[str]:
    """Say each problem of a name; with field, the message names it and the name as seen."""
    # The name is quoted as a reader sees it: with a right-to-left override left in,
    # the message itself would show reversed.
    shown = visible(text)
    messages: list[str] = []
    for problem in problems:
        if problem.code == "format_char":
            what = _("chứa ký tự vô hình %(chars)s") % {"chars": _chars(problem.chars)}
        elif problem.code == "control_char":
            what = _("chứa ký tự điều khiển %(chars)s") % {"chars": _chars(problem.chars)}
        else:
            first, *others = problem.scripts
            what = _("trộn %(script)s với %(others)s: %(chars)s") % {
                "script": _script(first),
                "others": ", ".join(_script(s) for s in others),
                "chars": _chars(problem.chars, show=True),
            }
        if field is None:
            messages.append(_("Tên %(problem)s; hãy gõ lại tên.") % {"problem": what})
        else:
            messages.append(
                _('%(field)s "%(name)s" %(problem)s; hãy gõ lại tên.')
                % {"field": field, "name": shown, "problem": what}
            )
    return messages


def name_messages(text: str, *, field: str | Promise | None = None) -> tuple[str, list[str]]:
    """Return (the name cleaned, []) or (the name as seen, what is wrong with it)."""
    try:
        return check_name(text), []
    except BadName as exc:
        return visible(text), problem_messages(text, exc.problems, field=field)


def checked_name(text: str, *, field: str | Promise) -> str:
    """Return the name in NFC with spaces collapsed, or refuse naming the field and characters."""
    try:
        return check_name(text)
    except BadName as exc:
        raise ActionRefused(problem_messages(text, exc.problems, field=field)) from exc


@deconstructible
class NameValidator:
    """A form field validator: the error shows beside the field, naming each character."""

    def __init__(self, field: str | Promise | None = None) -> None:
        self.field = field

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str):
            return
        try:
            check_name(value)
        except BadName as exc:
            raise ValidationError(
                problem_messages(value, exc.problems, field=self.field), code="bad_name"
            ) from exc

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NameValidator) and other.field == self.field

    def __hash__(self) -> int:
        return hash(str(self.field))


validate_name = NameValidator(gettext_lazy("Tên"))
