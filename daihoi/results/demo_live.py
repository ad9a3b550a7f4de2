"""The live demo's reported congresses, with the results a report now requires.

The live 2025–2030 campaign (campaigns/demo_live.py) writes congresses in every
state in bulk, "results reported" among them; a reported congress now holds its
elected committee with its composition, standing committee and secretary, and its
delegates to the higher congress (requirements.py). They are written here in bulk
and kept small (a cell: its secretary, deputy and one member, one delegate; a
commune: fifteen, five of them standing, four delegates and an alternate), from a
generator seeded by the unit's code, so a build gives the same names every time.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.elections.models import ElectionKind
from daihoi.lib.composition import age_on
from daihoi.orgs.maintenance import after_bulk_write
from daihoi.personnel.demo import FAMILY, FAMILY_ETHNIC, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M
from daihoi.personnel.models import ElectedMember

K = ElectionKind
BATCH = 5000
# rank -> (committee members, of them standing, official delegates, alternates)
SIZES = {1: (45, 13, 20, 2), 2: (15, 5, 4, 1), 3: (3, 0, 1, 0)}


def _members(
    rng: random.Random, congress: tuple[int, str, dt.date, int], campaign_id: int
) -> list[ElectedMember]:
    pk, path, held, rank = congress
    size, standing, delegates, alternates = SIZES.get(rank, SIZES[3])

    def person(kind: str, **flags: object) -> ElectedMember:
        female = rng.random() < 0.22
        ethnic = rng.random() < 0.1
        family = rng.choice(FAMILY_ETHNIC if ethnic else FAMILY)
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        born = held - dt.timedelta(days=rng.randint(30 * 365, 58 * 365))
        return ElectedMember(
            congress_id=pk,
            campaign_id=campaign_id,
            org_path=path,
            elected_on=held,
            kind=kind,
            full_name=f"{family} {middle} {given}",
            female=female,
            birth_date=born,
            age=age_on(born, held),
            ethnic_minority=ethnic,
            first_time=rng.random() < 0.3,
            **flags,  # type: ignore[arg-type]
        )

    committee = [person(K.COMMITTEE, standing=seat < standing) for seat in range(size)]
    rows = list(committee)
    # The secretary and a deputy are the first two seats, as the report form reads them.
    for kind, member in ((K.SECRETARY, committee[0]), (K.DEPUTY, committee[1])):
        rows.append(
            ElectedMember(
                **{
                    f.attname: getattr(member, f.attname)
                    for f in ElectedMember._meta.concrete_fields
                    if f.attname not in ("id", "kind")
                },
                kind=kind,
            )
        )
    rows.extend(person(K.DELEGATES) for _seat in range(delegates))
    rows.extend(person(K.ALTERNATES) for _seat in range(alternates))
    return rows


def load_live_results(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Give every reported congress of the live campaign its results; idempotent."""
    done = ElectedMember.objects.filter(campaign=campaign).values("congress_id")
    reported = (
        Congress.objects.filter(campaign=campaign, state=CongressState.REPORTED)
        .exclude(pk__in=done)
        .values_list("pk", "org_path", "held_date", "level__rank", "organisation__code")
        .order_by("org_path")
    )
    batch: list[ElectedMember] = []
    total = congresses = 0
    # Read whole before writing: SQLite does not stream one statement while another writes.
    for pk, path, held, rank, code in list(reported.filter(held_date__isnull=False)):
        # Demo data, not secrets: a seeded generator gives the same names every run.
        rng = random.Random(f"ket-qua:{code}")  # noqa: S311
        batch.extend(_members(rng, (pk, path, held or dt.date.min, rank), campaign.pk))
        congresses += 1
        if len(batch) >= BATCH:
            ElectedMember.objects.bulk_create(batch)
            total += len(batch)
            batch.clear()
    ElectedMember.objects.bulk_create(batch)
    total += len(batch)
    after_bulk_write(total)
    write(f"Kết quả đợt 2025–2030: {congresses} đại hội đã báo cáo, {total} người trúng cử.")
