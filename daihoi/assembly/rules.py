"""What makes a line of the register, typed in or imported: its problems and its row."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from daihoi.assembly.models import Delegate, DelegateBasis, DelegateKind
from daihoi.campaigns.models import Congress
from daihoi.lib.text import clean, fold
from daihoi.orgs.models import Organisation
from daihoi.orgs.names import name_messages


class Problem(NamedTuple):
    """One thing wrong with a line: the field (the import names its column), a code, why."""

    field: str
    code: str
    message: str


def unit_problems(
    congress: Congress, unit: Organisation | None, kind: str, basis: str
) -> list[Problem]:
    """The unit and kind rules."""
    problems: list[Problem] = []
    if unit is not None and not unit.path.startswith(congress.organisation.path):
        problems.append(
            Problem(
                "unit",
                "unit_outside",
                _("Đơn vị %(unit)s không thuộc %(org)s.")
                % {"unit": unit.name, "org": congress.organisation.name},
            )
        )
    if kind == DelegateKind.ALTERNATE and unit is None:
        problems.append(
            Problem(
                "unit",
                "alternate_without_unit",
                _("Đại biểu dự khuyết phải thuộc một đoàn (đơn vị bầu ra)."),
            )
        )
    if kind == DelegateKind.GUEST and basis != DelegateBasis.INVITED:
        problems.append(Problem("kind", "guest_not_invited", _("Khách mời có tư cách “được mời”.")))
    if kind != DelegateKind.GUEST and basis == DelegateBasis.INVITED:
        problems.append(
            Problem("kind", "invited_not_guest", _("Chỉ khách mời có tư cách “được mời”."))
        )
    return problems


def delegate_problems(
    congress: Congress,
    *,
    full_name: str,
    kind: str,
    basis: str,
    unit: Organisation | None,
    birth_year: int | None,
) -> list[Problem]:
    """What stops a person joining the register (fields: full_name, kind, unit, birth_year)."""
    problems: list[Problem] = []
    if not clean(full_name):
        problems.append(Problem("full_name", "name_empty", _("Họ và tên không được để trống.")))
    problems.extend(
        Problem("full_name", "name_invalid", m)
        for m in name_messages(full_name, field=_("Họ và tên"))[1]
    )
    problems.extend(unit_problems(congress, unit, kind, basis))
    if birth_year is not None and not 1900 <= birth_year <= 2100:
        problems.append(
            Problem(
                "birth_year",
                "birth_year_invalid",
                _("Năm sinh %(year)s không hợp lệ.") % {"year": birth_year},
            )
        )
    return problems


def new_delegate(
    congress: Congress,
    *,
    full_name: str,
    kind: str,
    alternate_order: int | None = None,
    position: str = "",
    **fields: Any,
) -> Delegate:
    """An unsaved delegate, its name cleaned and folded for the desk's search.

    `fields` are the Delegate's other columns as given (basis, unit, votes, …).
    """
    name = clean(full_name)
    return Delegate(
        congress=congress,
        full_name=name,
        folded_name=fold(name)[:150],
        kind=kind,
        alternate_order=alternate_order if kind == DelegateKind.ALTERNATE else None,
        position=clean(position),
        **fields,
    )
