"""A demo register: Lộc Bình's district congress (188) and Sóc Trăng's provincial one (94).

Names, units and composition are drawn from a fixed seed, so every run gives the
same register; rows are bulk-written, so the loader adds well under a second.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db import transaction

from daihoi.accounts.demo import DEMO_USERS
from daihoi.accounts.models import Role
from daihoi.assembly.models import (
    Allotment,
    CredentialState,
    Delegate,
    DelegateBasis,
    DelegateKind,
    Gender,
)
from daihoi.audit import log
from daihoi.campaigns.models import Campaign, Congress
from daihoi.lib.text import fold
from daihoi.orgs.tree import children

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Hà",
    "Vi",
    "Lương",
    "Nông",
    "Lâm",
    "Thạch",
    "Lý",
]
MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu"]
FEMALE = ["Thị", "Thu", "Ngọc", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long",
         "Mai", "Nam", "Nga", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Thủy", "Trung", "Tuấn",
         "Vân", "Xuân", "Yến"]  # fmt: skip
# The demo delegate accounts (accounts/demo.py) by their unit's code: each is on its
# unit's delegation under its own name, so it finds its card (assembly.queries.own_delegate).
DEMO_DELEGATES = {code: name for _u, name, code, roles in DEMO_USERS if Role.DELEGATE in roles}
# (province, organisation code, officials, ex-officio members)
WANTED = [("20", "188", 150, 33), ("94", "94", 300, 53)]


def _name(rng: random.Random) -> tuple[str, str]:
    female = rng.random() < 0.25
    middle = rng.choice(FEMALE if female else MALE)
    return f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}", (
        Gender.FEMALE if female else Gender.MALE
    )


def _person(rng: random.Random, congress: Congress, **fields: object) -> Delegate:
    name, gender = _name(rng)
    return Delegate(
        congress=congress,
        full_name=name,
        folded_name=fold(name),
        gender=gender,
        ethnic_minority=rng.random() < 0.3,
        birth_year=rng.randint(1960, 1992),
        **{"credential": CredentialState.VALID, **fields},  # type: ignore[arg-type]
    )


@transaction.atomic
def _load(congress: Congress, officials: int, ex_officio: int, seed: int) -> int:
    rng = random.Random(seed)  # noqa: S311 - demo names, not secrets
    units = list(children(congress.organisation))
    if not units:
        return 0
    rows = [
        _person(rng, congress, basis=DelegateBasis.EX_OFFICIO, kind=DelegateKind.OFFICIAL)
        for _ in range(ex_officio)
    ]
    elected = officials - ex_officio
    share = [
        elected // len(units) + (1 if i < elected % len(units) else 0) for i in range(len(units))
    ]
    allotments = []
    for unit, n in zip(units, share, strict=True):
        alternates = 1 if n >= 3 else 0
        allotments.append(
            Allotment(congress=congress, unit=unit, officials=n, alternates=alternates)
        )
        rows += [_person(rng, congress, unit=unit) for _ in range(n)]
        if n and unit.code in DEMO_DELEGATES:
            # The demo delegate account's own row: the first elected of its unit.
            name = DEMO_DELEGATES[unit.code]
            rows[-n].full_name, rows[-n].folded_name = name, fold(name)
        rows += [
            _person(
                rng,
                congress,
                unit=unit,
                kind=DelegateKind.ALTERNATE,
                alternate_order=i + 1,
                credential=CredentialState.PENDING,
            )
            for i in range(alternates)
        ]
    Allotment.objects.bulk_create(allotments)
    Delegate.objects.bulk_create(rows)
    return len(rows)


def load_demo_register(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Registers for the congresses in WANTED whose province is loaded; idempotent."""
    made = 0
    for province, code, officials, ex_officio in WANTED:
        if provinces is not None and province not in provinces:
            continue
        congress = (
            Congress.objects.filter(
                campaign=campaign,
                organisation__code=code,
                organisation__structure=campaign.structure,
            )
            .select_related("organisation")
            .first()
        )
        if congress is None or Delegate.objects.filter(congress=congress).exists():
            continue
        made += _load(congress, officials, ex_officio, seed=int(province))
    if made:
        log.record(
            "assembly.demo",
            actor=None,
            organisation=None,
            target=campaign.slug,
            after={"delegates": made},
        )
        write(f"Danh sách đại biểu mẫu: {made} người.")
