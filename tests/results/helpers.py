"""Đồng Bục's congress held, and the results a report records, for the results tests."""

from __future__ import annotations

import datetime as dt

from daihoi.campaigns.models import Congress, CongressState
from daihoi.elections.models import ElectionKind
from daihoi.personnel.models import ElectedMember
from tests.campaigns.helpers import dong_buc_congress, refresh_congress

HELD_ON = dt.date(2020, 4, 2)


def held(congress: Congress | None = None, *, with_superior: bool = False) -> Congress:
    """Đồng Bục's congress, held on 02/04/2020; `with_superior`: Lộc Bình's congress too."""
    congress = congress or dong_buc_congress()
    Congress.objects.filter(pk=congress.pk).update(
        state=CongressState.HELD, held_date=HELD_ON, planned_date=HELD_ON
    )
    if with_superior:
        open_congresses_of_self(congress, "188")
    return refresh_congress(congress)


def open_congresses_of_self(congress: Congress, code: str) -> None:
    """Open the congress of `code` itself (campaigns' open_congresses opens those below it)."""
    from daihoi.orgs.models import Organisation

    unit = Organisation.objects.get(structure=congress.campaign.structure, code=code)
    Congress.objects.create(
        campaign=congress.campaign, organisation=unit, org_path=unit.path, level=unit.level
    )


def record(
    congress: Congress,
    kind: str,
    n: int,
    *,
    standing: int = 0,
    age: int | None = 45,
) -> None:
    """Record n elected people of `kind` at the congress, as an announced election would."""
    ElectedMember.objects.bulk_create(
        ElectedMember(
            congress=congress,
            campaign_id=congress.campaign_id,
            org_path=congress.org_path,
            elected_on=HELD_ON,
            kind=kind,
            full_name=f"Người {kind} {i}",
            age=age,
            standing=i < standing,
        )
        for i in range(n)
    )


def complete(congress: Congress, *, committee: int = 3, delegates: int = 0) -> None:
    """Everything a report needs: committee, secretary (and delegates when asked)."""
    record(congress, ElectionKind.COMMITTEE, committee, standing=3 if committee >= 9 else 0)
    record(congress, ElectionKind.SECRETARY, 1)
    if delegates:
        record(congress, ElectionKind.DELEGATES, delegates)
