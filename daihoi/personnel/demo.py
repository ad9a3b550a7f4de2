"""Demo personnel data: elected committees for every held congress, and the seed articles' cases.

Fixed seed, so the roll-up reproduces Sóc Trăng's reported figures (more than
2,300 committee members, over 25% first-time, over 22% women, over 9% ethnic
minority) and about 150,000 members nationwide. Shares are dealt as exact quotas
per province (not coin flips), so a figure cannot drift below what the article says.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction

from daihoi.audit import log
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.numbers import vn_int
from daihoi.elections.demo import Slate
from daihoi.elections.models import ElectionKind
from daihoi.lib.composition import age_on
from daihoi.lib.text import fold
from daihoi.orgs.maintenance import after_bulk_write
from daihoi.orgs.models import Organisation, OrgKind
from daihoi.personnel.models import (
    CandidateList,
    ElectedMember,
    InspectionTeam,
    InspectionVisit,
    ListMember,
    Person,
    PersonnelSettings,
)

SEED = 20200528
BATCH = 5000
SOC_TRANG = "94"
SCT_CODE = "34-KCQ-SCT"
LOC_BINH = "188"


@dataclass(frozen=True)
class Profile:
    """Shares dealt in a province's elected committees."""

    first_time: float
    women: float
    ethnic: float
    under_40: float
    # Sizes of grassroots committees and cells' chi ủy, drawn evenly.
    committee_sizes: tuple[int, ...] = (3, 3, 3, 3, 3, 5)
    cell_sizes: tuple[int, ...] = (1, 1, 1, 1, 1, 3)


DEFAULT = Profile(first_time=0.28, women=0.20, ethnic=0.05, under_40=0.12)
PROFILES = {
    # Sóc Trăng: the seed article's figures, each a little above what it reports.
    SOC_TRANG: Profile(
        first_time=0.262,
        women=0.228,
        ethnic=0.095,
        under_40=0.13,
        committee_sizes=(3, 3, 3, 5),
        cell_sizes=(1, 1, 3),
    ),
    "20": Profile(first_time=0.30, women=0.21, ethnic=0.80, under_40=0.12),  # Lạng Sơn: Tày, Nùng
    "34": Profile(first_time=0.29, women=0.22, ethnic=0.0, under_40=0.12),
}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
FAMILY_ETHNIC = ["Thạch", "Sơn", "Danh", "Kim", "Lâm", "Nông", "Hoàng", "Lương", "Vi", "Lò"]
MIDDLE_M = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Công"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Kim", "Ngọc", "Thị Minh"]
GIVEN_M = "An Bình Cường Dũng Hải Hùng Khánh Long Minh Nam Phúc Sơn Tâm Thắng Tuấn Vinh".split()
GIVEN_F = "Anh Bích Chi Dung Giang Hà Hằng Hoa Lan Mai Nga Oanh Phương Thảo Trang Yến".split()
ETHNIC = {"20": "Tày", SOC_TRANG: "Khmer"}


def committee_size(rank: int, kind: str, rng: random.Random, profile: Profile) -> int:
    """A plausible committee size for a congress of that level (deterministic from rng)."""
    if rank == 1:
        return rng.randint(49, 57)
    if rank == 2:
        return rng.randint(29, 33)
    if kind == OrgKind.CHI_BO:
        # A grassroots cell elects a small chi ủy, or only its secretary.
        return rng.choice(profile.cell_sizes)
    return rng.choice(profile.committee_sizes)


def _quota(rng: random.Random, n: int, share: float) -> list[bool]:
    flags = [True] * math.ceil(n * share) + [False] * (n - math.ceil(n * share))
    rng.shuffle(flags)
    return flags


def _name(rng: random.Random, female: bool, ethnic: bool) -> str:
    family = rng.choice(FAMILY_ETHNIC if ethnic else FAMILY)
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{family} {middle} {given}"


def _birth(rng: random.Random, day: dt.date, young: bool) -> dt.date:
    age = rng.randint(30, 39) if young else rng.randint(40, 58)
    return day - dt.timedelta(days=age * 365 + rng.randint(0, 364))


def elected_members(campaign: Campaign, write: Callable[[str], None]) -> int:
    """Create the elected committee members of every held congress down to grassroots."""
    if ElectedMember.objects.filter(campaign=campaign).exists():
        write("Cấp ủy viên trúng cử mẫu đã có; giữ nguyên.")
        return 0
    provinces = {
        o.path: o.code
        for o in Organisation.objects.filter(structure=campaign.structure, depth=2).only(
            "path", "code"
        )
    }
    step = Organisation.steplen
    by_province: dict[str, list[tuple[int, str, dt.date, int, str]]] = defaultdict(list)
    rows = (
        Congress.objects.filter(
            campaign=campaign, held_date__isnull=False, level__rank__in=(1, 2, 3)
        )
        .values_list("pk", "org_path", "held_date", "level__rank", "organisation__kind")
        .order_by("org_path")
    )
    for pk, path, held, rank, kind in rows.iterator(chunk_size=BATCH):
        code = provinces.get(path[: 2 * step])
        if code is not None and held is not None:
            by_province[code].append((pk, path, held, rank, kind))
    total = 0
    batch: list[ElectedMember] = []
    for code in sorted(by_province):
        # Demo data, not secrets: a seeded generator makes every run give the same figures.
        rng = random.Random(f"{SEED}:{code}")  # noqa: S311
        congresses = by_province[code]
        profile = PROFILES.get(code, DEFAULT)
        sizes = [committee_size(rank, kind, rng, profile) for _pk, _p, _h, rank, kind in congresses]
        n = sum(sizes)
        first = _quota(rng, n, profile.first_time)
        women = _quota(rng, n, profile.women)
        ethnic = _quota(rng, n, profile.ethnic)
        young = _quota(rng, n, profile.under_40)
        i = 0
        for (pk, path, held, _rank, _kind), size in zip(congresses, sizes, strict=True):
            for seat in range(size):
                born = _birth(rng, held, young[i])
                batch.append(
                    ElectedMember(
                        congress_id=pk,
                        campaign_id=campaign.pk,
                        org_path=path,
                        elected_on=held,
                        full_name=_name(rng, women[i], ethnic[i]),
                        female=women[i],
                        birth_date=born,
                        age=age_on(born, held),
                        first_time=first[i],
                        ethnic_minority=ethnic[i],
                        standing=seat < size // 3,
                    )
                )
                i += 1
            if len(batch) >= BATCH:
                ElectedMember.objects.bulk_create(batch)
                total += len(batch)
                batch.clear()
    ElectedMember.objects.bulk_create(batch)
    total += len(batch)
    after_bulk_write(total)
    return total


# Thái Bình, Sở Công Thương: 13 candidates for 11 seats (18,18%), five-step process.
SCT_PEOPLE: list[tuple[str, str, dt.date, bool, bool]] = [
    # name, gender, birth date, on the outgoing committee, proposed for the standing committee
    ("Nguyễn Văn Hải", "M", dt.date(1966, 4, 12), True, True),
    ("Trần Thị Hương", "F", dt.date(1975, 9, 3), True, True),
    ("Phạm Văn Long", "M", dt.date(1970, 1, 25), True, True),
    ("Bùi Đức Mạnh", "M", dt.date(1978, 6, 18), True, False),
    ("Vũ Thị Ngọc", "F", dt.date(1983, 11, 30), False, False),
    ("Đỗ Văn Quang", "M", dt.date(1972, 3, 8), True, False),
    ("Ngô Quốc Sơn", "M", dt.date(1981, 7, 14), False, False),
    ("Lê Văn Thành", "M", dt.date(1968, 12, 2), True, True),
    ("Đặng Minh Tuấn", "M", dt.date(1985, 2, 20), False, False),
    ("Hoàng Thị Vân", "F", dt.date(1979, 5, 9), False, False),
    ("Phan Văn Việt", "M", dt.date(1974, 10, 16), True, False),
    ("Mai Xuân Bắc", "M", dt.date(1976, 8, 27), True, False),
    ("Tô Văn Cảnh", "M", dt.date(1982, 4, 4), False, False),
]


def thai_binh_list(campaign: Campaign) -> bool:
    congress = (
        Congress.objects.filter(campaign=campaign, organisation__code=SCT_CODE)
        .select_related("organisation")
        .first()
    )
    if congress is None or CandidateList.objects.filter(congress=congress).exists():
        return False
    org = congress.organisation
    people = []
    for name, gender, born, outgoing, _standing in SCT_PEOPLE:
        from daihoi.personnel.actions.people import new_person

        people.append(
            new_person(
                org,
                {
                    "full_name": name,
                    "gender": gender,
                    "birth_date": born,
                    "ethnicity": "Kinh",
                    "outgoing_committee": outgoing,
                    "planned": True,
                    "position": "Đảng ủy viên" if outgoing else "Trưởng phòng",
                },
            )
        )
    Person.objects.bulk_create(people)
    cl = CandidateList.objects.create(congress=congress, kind="committee", seats=11)
    from daihoi.lib.names import ballot_sort_key

    ordered = sorted(
        zip(people, SCT_PEOPLE, strict=True), key=lambda x: ballot_sort_key(x[0].full_name)
    )
    ListMember.objects.bulk_create(
        ListMember(
            candidate_list=cl,
            person=person,
            first_time=not row[3],
            standing=row[4],
            position=i,
        )
        for i, (person, row) in enumerate(ordered, start=1)
    )
    return True


LOC_BINH_TEAMS = [
    (
        "Đoàn kiểm tra số 1",
        "Đồng chí Trưởng ban Tổ chức Huyện ủy (trưởng đoàn)\nChuyên viên Ban Tổ chức",
    ),
    (
        "Đoàn kiểm tra số 2",
        "Đồng chí Chủ nhiệm Ủy ban Kiểm tra Huyện ủy (trưởng đoàn)\nChuyên viên UBKT",
    ),
    (
        "Đoàn kiểm tra số 3",
        "Đồng chí Trưởng ban Tuyên giáo Huyện ủy (trưởng đoàn)\nChuyên viên Ban Tuyên giáo",
    ),
]


def loc_binh_teams(campaign: Campaign) -> bool:
    org = Organisation.objects.filter(structure=campaign.structure, code=LOC_BINH).first()
    if org is None or InspectionTeam.objects.filter(campaign=campaign, organisation=org).exists():
        return False
    from daihoi.orgs.tree import children

    units = list(children(org)[:9])
    start = dt.date(2020, 2, 19)
    for number, (name, members) in enumerate(LOC_BINH_TEAMS):
        team = InspectionTeam.objects.create(
            campaign=campaign,
            organisation=org,
            org_path=org.path,
            name=name,
            members=members,
            start_date=start,
        )
        for k, unit in enumerate(units[number::3]):
            InspectionVisit.objects.create(
                team=team,
                unit=unit,
                date=start + dt.timedelta(days=k),
                findings="Dự thảo báo cáo chính trị đã xong lần 1; đề án nhân sự đang hoàn thiện.",
                follow_up="Bổ sung cơ cấu nữ trong danh sách dự kiến." if k == 0 else "",
            )
    return True


@transaction.atomic
def load_demo_personnel(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """The personnel demo: idempotent, each part skipped when already there."""
    PersonnelSettings.objects.get_or_create(
        campaign=campaign,
        defaults={
            # The Labour Code in force in 2020: 60 for men, 55 for women.
            "retirement_months_male": 60 * 12,
            "retirement_months_female": 55 * 12,
            "first_time_min_months": 60,
        },
    )
    n = elected_members(campaign, write)
    if n:
        write(f"Đã tạo {vn_int(n)} cấp ủy viên trúng cử.")
    if thai_binh_list(campaign):
        write("Đã tạo danh sách 13 người cho 11 chỗ ở Đảng bộ Sở Công Thương Thái Bình.")
    if loc_binh_teams(campaign):
        write("Đã tạo 3 đoàn kiểm tra của Huyện ủy Lộc Bình (từ 19/02/2020).")
    log.record(
        "personnel.demo",
        actor=None,
        organisation=None,
        target=campaign.slug,
        after={"elected": n, "provinces": provinces or "all"},
    )


def _distinct(names: Sequence[str], taken: set[str]) -> list[str]:
    """Names in order, each once (by folded form), leaving out those already taken."""
    out = []
    for name in names:
        key = fold(name)
        if key not in taken:
            taken.add(key)
            out.append(name)
    return out


def committee_slate(congress: Congress, rng: random.Random, board: set[str]) -> Slate | None:
    """The committee list the demo elections count, from this demo's records of the congress.

    Registered with elections/demo.py from PersonnelConfig.ready(): elections sits below
    personnel and never imports it.
    """
    taken = set(board)
    planned = CandidateList.objects.filter(congress=congress, kind=ElectionKind.COMMITTEE).first()
    if planned is not None:
        listed = _distinct(
            list(planned.members.order_by("position").values_list("person__full_name", flat=True)),
            taken,
        )
        seats = min(planned.seats, len(listed) - 1)
        if seats < 1:
            return None
        favoured = rng.sample(listed, seats)
        return Slate(favoured, [n for n in listed if n not in favoured], seats)
    elected = _distinct(
        list(
            ElectedMember.objects.filter(congress=congress)
            .order_by("-standing", "pk")
            .values_list("full_name", flat=True)
        ),
        taken,
    )
    if len(elected) < 3:
        return None
    # The convening committee prepares a surplus of 10–15% (QĐ 190-QĐ/TW, art. 14).
    extra = max(1, math.ceil(len(elected) * 0.11))
    district_standing = _distinct(
        list(
            ElectedMember.objects.filter(
                campaign=congress.campaign,
                org_path__startswith=congress.org_path,
                congress__level__rank=2,
                standing=True,
            )
            .order_by("pk")
            .values_list("full_name", flat=True)
        ),
        taken,
    )
    if len(district_standing) < extra:
        return None
    return Slate(elected, rng.sample(district_standing, extra), len(elected))
