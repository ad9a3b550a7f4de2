"""The live demo's reported congresses, with the results a report now requires.

The live 2025–2030 campaign (campaigns/demo_live.py) writes congresses in every
state in bulk, "results reported" among them; a reported congress now holds its
elected committee with its composition, standing committee and secretary, and its
delegates to the higher congress (requirements.py). They are written here in bulk
and kept small (a cell: its secretary, deputy and one member, one delegate; a
commune: fifteen, five of them standing, four delegates and an alternate), from a
generator seeded by the unit's code, so a build gives the same names every time.
About 140,000 rows for the national demo: written as plain rows in one statement per
batch (executemany), since building and compiling a model object per row cost
several times the insert itself.
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
from daihoi.results.rows import Row, db_date, insert_rows

K = ElectionKind
BATCH = 5000
# rank -> (committee members, of them standing, official delegates, alternates)
SIZES = {1: (45, 13, 20, 2), 2: (15, 5, 4, 1), 3: (3, 0, 1, 0)}


def _members(
    rng: random.Random, congress: tuple[int, str, dt.date, int], campaign: int
) -> list[Row]:
    """The rows of one congress's results, in COLUMNS order."""
    pk, path, held, rank = congress
    size, standing, delegates, alternates = SIZES.get(rank, SIZES[3])
    day = db_date(held)

    def person(kind: str, standing: bool = False) -> Row:
        female = rng.random() < 0.22
        ethnic = rng.random() < 0.1
        family = rng.choice(FAMILY_ETHNIC if ethnic else FAMILY)
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        born = held - dt.timedelta(days=rng.randint(30 * 365, 58 * 365))
        born_value = db_date(born)
        first = rng.random() < 0.3
        name = f"{family} {middle} {given}"
        age = age_on(born, held)
        return (
            pk,
            campaign,
            path,
            day,
            kind,
            name,
            female,
            born_value,
            age,
            first,
            ethnic,
            False,
            standing,
        )

    committee = [person(K.COMMITTEE, seat < standing) for seat in range(size)]
    # The secretary and a deputy are the first two seats, as the report form reads them.
    leaders = [
        (*committee[0][:4], K.SECRETARY, *committee[0][5:]),
        (*committee[1][:4], K.DEPUTY, *committee[1][5:]),
    ]
    others = [person(K.DELEGATES) for _seat in range(delegates)]
    others += [person(K.ALTERNATES) for _seat in range(alternates)]
    return committee + leaders + others


def load_live_results(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Give every reported congress of the live campaign its results; idempotent."""
    done = ElectedMember.objects.filter(campaign=campaign).values("congress_id")
    reported = (
        Congress.objects.filter(
            campaign=campaign, state=CongressState.REPORTED, held_date__isnull=False
        )
        .exclude(pk__in=done)
        .values_list("pk", "org_path", "held_date", "level__rank", "organisation__code")
        .order_by("org_path")
    )
    batch: list[Row] = []
    total = congresses = 0
    # Read whole before writing: SQLite does not stream one statement while another writes.
    for pk, path, held, rank, code in list(reported):
        # Demo data, not secrets: a seeded generator gives the same names every run.
        rng = random.Random(f"ket-qua:{code}")  # noqa: S311
        batch.extend(_members(rng, (pk, path, held or dt.date.min, rank), campaign.pk))
        congresses += 1
        if len(batch) >= BATCH:
            insert_rows(batch)
            total += len(batch)
            batch.clear()
    if batch:
        insert_rows(batch)
    total += len(batch)
    after_bulk_write(total)
    write(f"Kết quả đợt 2025–2030: {congresses} đại hội đã báo cáo, {total} người trúng cử.")
