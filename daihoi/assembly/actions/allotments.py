"""How many delegates each unit below the congress sends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.assembly.access import require_manager
from daihoi.assembly.models import Allotment, DelegateBasis, DelegateKind
from daihoi.assembly.rules import unit_problems
from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@transaction.atomic(durable=True)
def do_set_allotment(
    congress: Congress, unit: Organisation, *, officials: int, alternates: int, acting_user: User
) -> Allotment | None:
    """Set (or with 0 and 0 remove) the number of delegates allotted to one unit."""
    require_manager(acting_user, congress)
    problems = [
        (p.message, p.code)
        for p in unit_problems(congress, unit, DelegateKind.OFFICIAL, DelegateBasis.ELECTED)
    ]
    if unit.pk == congress.organisation_id:
        problems.append(
            (
                _("Phân bổ đại biểu cho các đơn vị trực thuộc, không cho chính cấp mình."),
                "allotment_own_level",
            )
        )
    if officials < 0 or alternates < 0:
        problems.append((_("Số đại biểu phân bổ không được âm."), "allotment_negative"))
    if problems:
        raise ActionRefused([m for m, _c in problems], [c for _m, c in problems])
    before = Allotment.objects.filter(congress=congress, unit=unit).first()
    before_data = (
        {"officials": before.officials, "alternates": before.alternates} if before else None
    )
    if officials == 0 and alternates == 0:
        Allotment.objects.filter(congress=congress, unit=unit).delete()
        row = None
    else:
        row, _created = Allotment.objects.update_or_create(
            congress=congress,
            unit=unit,
            defaults={"officials": officials, "alternates": alternates},
        )
    log.record(
        "assembly.allotment",
        actor=acting_user,
        organisation=congress.organisation,
        target=f"{congress}: {unit.name}",
        before=before_data,
        after={"officials": officials, "alternates": alternates},
    )
    return row
