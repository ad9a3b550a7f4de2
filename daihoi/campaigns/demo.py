"""The demo campaign: every congress of the demo tree, dated so that the seed articles' figures
come out of the data (DOMAIN.md, "Figures in the seed articles").

`assign_congresses` is pure: it reads the rows of `daihoi.orgs.demo.demo_table` and
returns one `DemoCongress` per organisation, the same every run. Dates are given by rank
inside a group, never by chance alone: a group's organisations are put in a fixed
pseudo-random order (a hash of their code), then dealt out over dated segments whose sizes
are computed, so a figure such as "25,938 grassroots held by 25/05/2020" is exact by
construction. `load_demo_campaign` writes the campaign, its documents and congresses.

Longer than the ~500 lines the project aims at: it is data more than code (the dated
segments that reproduce each seed figure), kept in one place so that each figure and
the dates that make it can be read side by side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from daihoi.audit import log
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.models import (
    Campaign,
    Congress,
    CongressState,
    DocumentType,
    GoverningDocument,
    Issuer,
    LevelPlan,
)
from daihoi.core.tables import Table
from daihoi.lib.docnumbers import parse_document_number
from daihoi.lib.percent import percent
from daihoi.orgs.adminunits import ROOT_CODE
from daihoi.orgs.demo import (
    BINH_PHUOC,
    CENTRAL_BLOCS,
    LOC_BINH,
    SCT_CODE,
    SOC_TRANG,
    THAI_BINH,
    demo_table,
)
from daihoi.orgs.maintenance import after_bulk_write
from daihoi.orgs.models import Organisation, Structure

__all__ = [
    "NAME",
    "SLUG",
    "DemoCongress",
    "assign_congresses",
    "load_demo_campaign",
]

SLUG = "dh-2020-2025"
NAME = "Đại hội đảng bộ các cấp nhiệm kỳ 2020–2025, tiến tới Đại hội XIII"
SEED = 2020
_SALT = str(SEED).encode()
YEN_BAI = "15"
HAU_GIANG = "93"

Progress = Callable[[str, int, int], None]
D = dt.date

# The national figure of 25/05/2020 (48.5% of the fitted 53,480 grassroots).
NATIONAL_DAY = D(2020, 5, 25)
NATIONAL_HELD = 25_938
END_OF_MAY = D(2020, 5, 31)
# Shares of grassroots held by the end of May 2020, as printed (two decimals).
END_OF_MAY_SHARES = {THAI_BINH: Decimal("97.85"), BINH_PHUOC: Decimal("95.86")}

# LevelPlan deadlines by rank (Chỉ thị 35-CT/TW's timetable as the provinces applied it).
DEADLINES = {4: D(2020, 3, 31), 3: D(2020, 6, 30), 2: D(2020, 8, 31), 1: D(2020, 10, 31)}
MAX_DAYS = {1: 4}  # every other level: two days at most

# Thái Bình: grassroots 100% on 09/06/2020, "a month ahead" of its own plan (187-KH/TU).
THAI_BINH_GRASSROOTS_DONE = D(2020, 6, 9)
THAI_BINH_PLAN_AHEAD = dt.timedelta(days=30)
THAI_BINH_CELLS_DONE = D(2020, 3, 12)
# Sở Công Thương's last cell: planned with the others by 12/03/2020, put off to 03/05/2020
# (12-KH/ĐU amended the plans that day; then came the distancing of April): late.
SCT_LAST_CELL = D(2020, 5, 3)
THAI_BINH_DIRECT_GRASSROOTS = 55
THAI_BINH_DIRECT_ABOVE = 2

LOC_BINH_PILOTS = {"06553": D(2020, 3, 10), "188-A37": D(2020, 3, 3)}
LOC_BINH_CELLS_BY = D(2020, 2, 20)
LOC_BINH_CELLS_HELD = 150

SOC_TRANG_GRASSROOTS_PILOTS = [D(2020, 4, 7), D(2020, 4, 9), D(2020, 4, 10)]
SOC_TRANG_ABOVE_PILOTS = [D(2020, 6, 22), D(2020, 6, 24)]

LESSONS = {
    3: (
        "Rút kinh nghiệm đại hội điểm: chuẩn bị văn kiện, nhân sự đúng quy trình; kịch bản "
        "điều hành chi tiết đến từng phần việc; các đơn vị trong huyện dự, học tập trước khi "
        "tổ chức đại hội của mình."
    ),
    2: (
        "Rút kinh nghiệm đại hội điểm cấp trên cơ sở: thảo luận tập trung vào báo cáo chính "
        "trị; công tác bầu cử, kiểm phiếu đúng quy chế; tổ chức hội nghị rút kinh nghiệm "
        "trước khi các đảng bộ còn lại tiến hành đại hội."
    ),
}

# Ordinals the articles give; the rest are made up within plausible ranges.
ORDINALS = {ROOT_CODE: 13, SOC_TRANG: 14, THAI_BINH: 20, SCT_CODE: 4}
# Pinned days (opening, closing) of the congresses the articles date.
PINNED = {
    ROOT_CODE: (D(2021, 1, 25), D(2021, 2, 1)),  # Đại hội XIII
    SOC_TRANG: (D(2020, 10, 7), D(2020, 10, 9)),  # early October
    THAI_BINH: (D(2020, 10, 14), D(2020, 10, 16)),  # mid-October
    SCT_CODE: (D(2020, 5, 28), D(2020, 5, 28)),
}

# A segment of a schedule: (how many, first day, last day); its members are spread
# evenly over the days, the first on the first day and the last on the last day.
Segment = tuple[int, D, D]
# A weighted segment, before sizes are known: (weight, first day, last day).
Weighted = tuple[float, D, D]

CELLS: list[Weighted] = [
    (0.10, D(2020, 1, 2), D(2020, 1, 21)),
    (0.30, D(2020, 2, 3), D(2020, 2, 29)),  # after Tết (25/01/2020)
    (0.40, D(2020, 3, 1), D(2020, 3, 31)),
    (0.17, D(2020, 4, 1), D(2020, 4, 30)),  # delayed by COVID-19 distancing
    (0.03, D(2020, 5, 4), D(2020, 5, 20)),
]
GRASSROOTS_BEFORE: list[Weighted] = [
    (0.05, D(2020, 3, 16), D(2020, 3, 31)),
    (0.35, D(2020, 4, 1), D(2020, 4, 30)),
    (0.60, D(2020, 5, 1), NATIONAL_DAY),
]
GRASSROOTS_AFTER: list[Weighted] = [
    (0.65, D(2020, 5, 26), D(2020, 6, 15)),
    (0.31, D(2020, 6, 16), D(2020, 6, 30)),
    (0.04, D(2020, 7, 1), D(2020, 7, 20)),  # after the deadline: late
]
ABOVE: list[Weighted] = [
    (0.15, D(2020, 6, 15), D(2020, 6, 30)),
    (0.45, D(2020, 7, 1), D(2020, 7, 31)),
    (0.37, D(2020, 8, 1), D(2020, 8, 31)),
    (0.03, D(2020, 9, 1), D(2020, 9, 10)),
]
PROVINCES: list[Weighted] = [
    (0.25, D(2020, 9, 1), D(2020, 9, 30)),
    (0.75, D(2020, 10, 1), D(2020, 10, 31)),
]


@dataclass(frozen=True, slots=True)
class DemoCongress:
    """One organisation's congress in the demo campaign."""

    code: str
    rank: int
    planned_date: D
    held_date: D
    held_end_date: D | None
    ordinal: int
    term: str
    pilot: bool = False
    pilot_lessons: str = ""
    direct_secretary: bool = False


@dataclass(slots=True)
class _Org:
    code: str
    parent: str
    kind: str
    rank: int
    province: str = ""  # the rank-1 ancestor ("" for the root)
    above: str = ""  # the rank-2 ancestor


def _u(code: str, salt: str) -> float:
    """A fixed number in [0, 1) for a code: the same in every run and in every subset.

    A cryptographic hash, not CRC-32: CRC is linear, so two salts' values for one code
    would be tied together (the "late" ones would all fall in one band of dates).
    """
    digest = hashlib.blake2b(f"{salt}:{code}".encode(), digest_size=8, salt=_SALT).digest()
    return int.from_bytes(digest) / 2**64


def _ordered(codes: Iterable[str], salt: str = "order") -> list[str]:
    return sorted(codes, key=lambda c: (_u(c, salt), c))


def _sizes(total: int, weights: Sequence[float]) -> list[int]:
    """Split total in proportion to weights, summing exactly (largest remainder)."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    sizes = [math.floor(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (sizes[i] - raw[i], i))
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _segments(total: int, weighted: Sequence[Weighted]) -> list[Segment]:
    sizes = _sizes(total, [w for w, _s, _e in weighted])
    return [(n, start, end) for n, (_w, start, end) in zip(sizes, weighted, strict=True)]


def _deal(codes: Sequence[str], segments: Sequence[Segment], into: dict[str, D]) -> None:
    """Give codes, in order, the days of the segments; sizes must add up to len(codes)."""
    if sum(n for n, _s, _e in segments) != len(codes):
        raise ValueError(f"segments hold {sum(n for n, _s, _e in segments)}, not {len(codes)}")
    i = 0
    for count, start, end in segments:
        days = (end - start).days
        for j in range(count):
            offset = round(j * days / (count - 1)) if count > 1 else days
            into[codes[i]] = start + dt.timedelta(days=offset)
            i += 1


def _held_for_share(total: int, share: Decimal) -> int:
    """The smallest number held whose share of total prints as `share` (two decimals)."""
    for held in range(total + 1):
        if percent(Fraction(held, total), 2) == share:
            return held
    raise ValueError(f"{share}% of {total} is not a whole number of congresses; refit the tree")


def _read(table: Table) -> dict[str, _Org]:
    index = {name: i for i, name in enumerate(table.headers)}
    orgs = {
        cells[index["code"]]: _Org(
            cells[index["code"]],
            cells[index["parent_code"]],
            cells[index["kind"]],
            int(cells[index["level"]]),
        )
        for _n, cells in table.rows
    }
    for org in sorted(orgs.values(), key=lambda o: o.rank):  # parents first
        parent = orgs.get(org.parent)
        if org.rank == 1:
            org.province = org.code
        elif org.rank > 1 and parent is not None:
            org.province = parent.province
            org.above = org.code if org.rank == 2 else parent.above
    return orgs


def _grassroots_dates(
    orgs: dict[str, _Org], pinned: dict[str, D], nationwide: bool
) -> dict[str, D]:
    """Date every grassroots congress, honouring the articles' provincial and national figures."""
    by_province: dict[str, list[str]] = defaultdict(list)
    for org in orgs.values():
        if org.rank == 3 and org.code not in pinned:
            by_province[org.province].append(org.code)
    held: dict[str, D] = dict(pinned)
    special: dict[str, list[Segment]] = {}

    def pinned_in(province: str, by: D) -> int:
        return sum(1 for c, d in pinned.items() if orgs[c].province == province and d <= by)

    def total(province: str) -> int:
        return len(by_province[province]) + sum(1 for c in pinned if orgs[c].province == province)

    def by_end_of_may(province: str, done: int, rest_until: D) -> list[Segment]:
        before = done - pinned_in(province, END_OF_MAY)
        first, second = _sizes(before, [0.45, 0.55])
        return [
            (first, D(2020, 4, 1), D(2020, 4, 30)),
            (second, D(2020, 5, 1), END_OF_MAY),
            (len(by_province[province]) - before, D(2020, 6, 1), rest_until),
        ]

    if by_province.get(YEN_BAI):  # 100% by the end of May
        special[YEN_BAI] = by_end_of_may(YEN_BAI, total(YEN_BAI), END_OF_MAY)
    if by_province.get(HAU_GIANG):  # "over 99%": a handful left for early June
        n = total(HAU_GIANG)
        special[HAU_GIANG] = by_end_of_may(HAU_GIANG, math.ceil(n * 0.992), D(2020, 6, 10))
    for code, share in END_OF_MAY_SHARES.items():
        if by_province.get(code):
            n = total(code)
            last = THAI_BINH_GRASSROOTS_DONE if code == THAI_BINH else D(2020, 6, 20)
            special[code] = by_end_of_may(code, _held_for_share(n, share), last)
    if by_province.get(SOC_TRANG):  # after the pilots; the last one on 07/06/2020
        n = len(by_province[SOC_TRANG])
        a, b, c = _sizes(n, [0.15, 0.70, 0.15])
        special[SOC_TRANG] = [
            (a, D(2020, 4, 20), D(2020, 4, 30)),
            (b, D(2020, 5, 1), END_OF_MAY),
            (c, D(2020, 6, 1), D(2020, 6, 7)),
        ]
    free: list[str] = []
    for province, codes in by_province.items():
        if province in special:
            _deal(_ordered(codes), special[province], held)
        else:
            free.extend(codes)
    # The rest of the country makes up the national figure exactly; a subset keeps the
    # same share.
    fixed_by_day = sum(1 for d in held.values() if d <= NATIONAL_DAY)
    if nationwide:
        before = NATIONAL_HELD - fixed_by_day
    else:
        before = round(len(free) * NATIONAL_HELD / 53_480)
    if not 0 <= before <= len(free):
        raise ValueError(f"cannot hold {before} of {len(free)} grassroots by {NATIONAL_DAY}")
    segments = _segments(before, GRASSROOTS_BEFORE) + _segments(
        len(free) - before, GRASSROOTS_AFTER
    )
    _deal(_ordered(free), segments, held)
    return held


def _cell_dates(orgs: dict[str, _Org], grassroots: dict[str, D]) -> dict[str, D]:
    """Date the cells under grassroots committees, each before its committee's congress."""
    groups: dict[str, list[str]] = defaultdict(list)
    for org in orgs.values():
        if org.rank != 4:
            continue
        parent = orgs[org.parent]
        if org.parent == SCT_CODE:
            groups["sct"].append(org.code)
        elif parent.above == LOC_BINH:
            groups["loc-binh"].append(org.code)
        elif org.province == THAI_BINH and parent.above.isdigit():
            groups["thai-binh-districts"].append(org.code)
        elif org.province == THAI_BINH:
            # Thái Bình reported 100% of its cells done on 12/03/2020, but one of Sở Công
            # Thương's met on 03/05/2020 (its own article): every other cell of the province
            # is done by 12/03, so 5,603 of 5,604 print as 100.0%, as the province did.
            groups["thai-binh-blocs"].append(org.code)
        else:
            groups["rest"].append(org.code)
    held: dict[str, D] = {}
    sct = groups["sct"]
    _deal(
        _ordered(sct),
        [(len(sct) - 1, D(2020, 1, 16), THAI_BINH_CELLS_DONE), (1, SCT_LAST_CELL, SCT_LAST_CELL)]
        if sct
        else [],
        held,
    )
    loc_binh = groups["loc-binh"]
    early = min(LOC_BINH_CELLS_HELD, len(loc_binh))
    _deal(
        _ordered(loc_binh),
        [
            (early, D(2020, 1, 2), LOC_BINH_CELLS_BY),
            (len(loc_binh) - early, D(2020, 2, 21), D(2020, 3, 31)),
        ],
        held,
    )
    for group, last in (
        ("thai-binh-districts", THAI_BINH_CELLS_DONE),
        # The blocs' cells end the day before, so the districts' own last day stays 12/03.
        ("thai-binh-blocs", THAI_BINH_CELLS_DONE - dt.timedelta(days=1)),
    ):
        thai_binh = groups[group]
        first, second = _sizes(len(thai_binh), [0.4, 0.6])
        _deal(
            _ordered(thai_binh),
            [(first, D(2020, 1, 2), D(2020, 1, 21)), (second, D(2020, 2, 3), last)],
            held,
        )
    rest = groups["rest"]
    _deal(_ordered(rest), _segments(len(rest), CELLS), held)
    # Bottom-up: a cell meets before its committee. Pulling a cell earlier never
    # changes the figures above: Lộc Bình's and Thái Bình's committees meet after
    # 03/03/2020, so their cells stay on the same side of 20/02 and 12/03.
    for code, day in held.items():
        parent_day = grassroots[orgs[code].parent]
        if day >= parent_day:
            held[code] = parent_day - dt.timedelta(days=1 + int(_u(code, "before") * 7))
    return held


def _above_dates(orgs: dict[str, _Org], grassroots: dict[str, D]) -> dict[str, D]:
    """Date the above-grassroots congresses (rank 2), each after all of its grassroots."""
    groups: dict[str, list[str]] = defaultdict(list)
    for org in orgs.values():
        if org.rank == 2:
            key = org.province if org.province in (SOC_TRANG, THAI_BINH) else "rest"
            groups[key].append(org.code)
    held: dict[str, D] = {}
    soc_trang = _ordered(groups[SOC_TRANG])
    for code, day in zip(_soc_trang_above_pilots(orgs), SOC_TRANG_ABOVE_PILOTS, strict=False):
        held[code] = day
        soc_trang.remove(code)
    # The pilots first (22/06/2020), the others through July.
    _deal(soc_trang, [(len(soc_trang), D(2020, 7, 1), D(2020, 7, 31))], held)
    thai_binh = _ordered(groups[THAI_BINH])
    early = min(6, len(thai_binh))  # 6/13 by mid-August
    _deal(
        thai_binh,
        [
            (early, D(2020, 7, 20), D(2020, 8, 15)),
            (len(thai_binh) - early, D(2020, 8, 17), D(2020, 8, 31)),
        ],
        held,
    )
    rest = groups["rest"]
    _deal(_ordered(rest), _segments(len(rest), ABOVE), held)
    last_child: dict[str, D] = {}
    for code, day in grassroots.items():
        parent = orgs[code].parent
        last_child[parent] = max(day, last_child.get(parent, day))
    for code in rest:
        if code in last_child and held[code] <= last_child[code]:
            held[code] = last_child[code] + dt.timedelta(days=2 + int(_u(code, "after") * 7))
    return held


def _soc_trang_above_pilots(orgs: dict[str, _Org]) -> list[str]:
    """Sóc Trăng's two above-grassroots pilots: its first district and its agencies' bloc."""
    districts = sorted(
        o.code
        for o in orgs.values()
        if o.rank == 2 and o.province == SOC_TRANG and o.code.isdigit()
    )
    bloc = f"{SOC_TRANG}-KCQ"
    return [c for c in (districts[:1] + [bloc]) if c in orgs]


def _soc_trang_grassroots_pilots(orgs: dict[str, _Org]) -> list[str]:
    """Three communes of three different districts of Sóc Trăng, in a fixed order."""
    chosen: list[str] = []
    seen: set[str] = set()
    communes = (
        o for o in orgs.values() if o.rank == 3 and o.province == SOC_TRANG and o.code.isdigit()
    )
    for org in sorted(communes, key=lambda o: o.code):
        if org.above not in seen:
            seen.add(org.above)
            chosen.append(org.code)
        if len(chosen) == len(SOC_TRANG_GRASSROOTS_PILOTS):
            break
    return chosen


def _province_dates(orgs: dict[str, _Org], above: dict[str, D]) -> dict[str, D]:
    codes = [o.code for o in orgs.values() if o.rank == 1 and o.code not in PINNED]
    held: dict[str, D] = {}
    _deal(_ordered(codes), _segments(len(codes), PROVINCES), held)
    last_child: dict[str, D] = {}
    for code, day in above.items():
        parent = orgs[code].parent
        last_child[parent] = max(day, last_child.get(parent, day))
    for code in codes:
        if code in last_child and held[code] <= last_child[code]:
            held[code] = last_child[code] + dt.timedelta(days=5 + int(_u(code, "after") * 10))
    return held


def _planned(code: str, rank: int, held: D) -> D:
    """The plan's day: mostly the day held; about 6% late against it, about 10% ahead."""
    u, v = _u(code, "plan"), _u(code, "shift")
    if u < 0.06:
        return held - dt.timedelta(days=2 + int(v * 12))
    if u < 0.16:
        deadline = DEADLINES.get(rank)
        planned = held + dt.timedelta(days=2 + int(v * 8))
        if deadline is not None and held < deadline:
            planned = min(planned, deadline)
        return max(planned, held)
    return held


def _ordinal(org: _Org) -> int:
    if org.code in ORDINALS:
        return ORDINALS[org.code]
    low, high = {1: (14, 22), 2: (18, 26), 3: (5, 25), 4: (10, 35)}.get(org.rank, (1, 10))
    if org.rank == 1 and not org.code.isdigit():  # the central blocs
        low, high = (3, 12)
    return low + int(_u(org.code, "ordinal") * (high - low + 1))


def _end(org: _Org, held: D) -> D | None:
    """Closing day: provinces three days, above-grassroots mostly two; none below."""
    if org.rank == 1:
        return held + dt.timedelta(days=2)
    if org.rank == 2:
        return held + dt.timedelta(days=1 if _u(org.code, "end") < 0.8 else 0)
    return None


def assign_congresses(table: Table) -> dict[str, DemoCongress]:
    """Return each organisation's demo congress, by code; pure and deterministic."""
    orgs = _read(table)
    nationwide = all(code in orgs for code, *_rest in CENTRAL_BLOCS)
    pilots: dict[str, D] = {c: d for c, d in LOC_BINH_PILOTS.items() if c in orgs}
    pilots.update(
        zip(_soc_trang_grassroots_pilots(orgs), SOC_TRANG_GRASSROOTS_PILOTS, strict=False)
    )
    pinned_grassroots = dict(pilots)
    if SCT_CODE in orgs:
        pinned_grassroots[SCT_CODE] = PINNED[SCT_CODE][0]
    grassroots = _grassroots_dates(orgs, pinned_grassroots, nationwide)
    cells = _cell_dates(orgs, grassroots)
    above = _above_dates(orgs, grassroots)
    provinces = _province_dates(orgs, above)
    held = {**grassroots, **cells, **above, **provinces}
    for code, (start, _end_day) in PINNED.items():
        if code in orgs:
            held[code] = start
    pilots.update(
        {c: d for c, d in zip(_soc_trang_above_pilots(orgs), SOC_TRANG_ABOVE_PILOTS, strict=False)}
    )

    direct: set[str] = set()
    if THAI_BINH in orgs:
        committees = [
            o.code
            for o in orgs.values()
            if o.rank == 3 and o.province == THAI_BINH and o.kind == "dang_bo"
        ]
        direct.update(_ordered(committees, "direct")[:THAI_BINH_DIRECT_GRASSROOTS])
        districts = [
            o.code
            for o in orgs.values()
            if o.rank == 2 and o.province == THAI_BINH and o.code.isdigit()
        ]
        direct.update(_ordered(districts, "direct")[:THAI_BINH_DIRECT_ABOVE])

    result: dict[str, DemoCongress] = {}
    for org in orgs.values():
        day = held[org.code]
        if org.code in PINNED:
            start, end = PINNED[org.code]
            planned: D = start
            end_day: D | None = end if org.rank <= 2 else None
        else:
            end_day = _end(org, day)
            if org.code in pilots:
                planned = day  # a pilot is held on its planned day, before the others
            elif org.rank == 3 and org.province == THAI_BINH:
                planned = day + THAI_BINH_PLAN_AHEAD
            elif org.parent == SCT_CODE and day == SCT_LAST_CELL:
                planned = THAI_BINH_CELLS_DONE
            else:
                planned = _planned(org.code, org.rank, day)
        is_pilot = org.code in pilots
        result[org.code] = DemoCongress(
            code=org.code,
            rank=org.rank,
            planned_date=planned,
            held_date=day,
            held_end_date=end_day,
            ordinal=_ordinal(org),
            term=_term(org, orgs),
            pilot=is_pilot,
            pilot_lessons=LESSONS.get(org.rank, "") if is_pilot else "",
            direct_secretary=org.code in direct,
        )
    return result


def _term(org: _Org, orgs: dict[str, _Org]) -> str:
    if org.rank == 0:
        return "2021–2026"  # the National Congress elects for 2021–2026
    parent = orgs.get(org.parent)
    # Cells under a grassroots committee elect for half a term.
    if org.kind == "chi_bo" and parent is not None and parent.rank == 3:
        return "2020–2022"
    return "2020–2025"


# ---------------------------------------------------------------------------
# Loading into the database

# The documents the articles name: (number, issuing organisation, date, title,
# implements, amends). Only those whose organisation is loaded are registered.
DOCUMENTS: list[tuple[str, str, D, str, str | None, tuple[str, ...]]] = [
    (
        "35-CT/TW",
        ROOT_CODE,
        D(2019, 5, 30),
        "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII "
        "của Đảng",
        None,
        (),
    ),
    (
        "93-KH/TU",
        SOC_TRANG,
        D(2019, 8, 19),
        "Kế hoạch thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp "
        "tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        "35-CT/TW",
        (),
    ),
    (
        "187-KH/TU",
        THAI_BINH,
        D(2019, 10, 25),
        "Kế hoạch về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII "
        "của Đảng",
        "35-CT/TW",
        (),
    ),
    (
        "78-KH/ĐUK",
        f"{THAI_BINH}-KCQ",
        D(2019, 11, 8),
        "Kế hoạch về tổ chức đại hội đảng bộ, chi bộ cơ sở",
        "187-KH/TU",
        (),
    ),
    (
        "10-KH/ĐU",
        SCT_CODE,
        D(2019, 11, 28),
        "Kế hoạch về tổ chức Đại hội Đảng bộ Sở Công Thương",
        "78-KH/ĐUK",
        (),
    ),
    (
        "11-KH/ĐU",
        SCT_CODE,
        D(2019, 11, 28),
        "Kế hoạch về Đại hội chi bộ trực thuộc Đảng bộ Sở Công Thương",
        "78-KH/ĐUK",
        (),
    ),
    (
        "12-KH/ĐU",
        SCT_CODE,
        D(2020, 3, 12),
        "Kế hoạch sửa đổi, bổ sung một số nội dung của Kế hoạch số 10-KH/ĐU và Kế hoạch số "
        "11-KH/ĐU ngày 28/11/2019",
        "78-KH/ĐUK",
        ("10-KH/ĐU", "11-KH/ĐU"),
    ),
    (
        "09-HD/BTCĐUK",
        f"{THAI_BINH}-KCQ",
        D(2020, 3, 12),
        "Hướng dẫn quy trình đại hội đảng bộ, chi bộ cơ sở nhiệm kỳ 2020–2025",
        "78-KH/ĐUK",
        (),
    ),
]
BATCH = 5000


def _register_documents(structure: Structure) -> dict[str, GoverningDocument]:
    codes = {org for _n, org, *_rest in DOCUMENTS}
    issuers = {o.code: o for o in Organisation.objects.filter(structure=structure, code__in=codes)}
    documents: dict[str, GoverningDocument] = {}
    for number, org_code, date, title, implements, amends in DOCUMENTS:
        organisation = issuers.get(org_code)
        if organisation is None:
            continue
        parsed = parse_document_number(number)
        document, _created = GoverningDocument.objects.get_or_create(
            organisation=organisation,
            doc_type=DocumentType.objects.get_or_create(
                code=parsed.doc_type, defaults={"name": parsed.doc_type}
            )[0],
            issuer=Issuer.objects.get_or_create(
                code=parsed.issuer, defaults={"name": parsed.issuer}
            )[0],
            number=parsed.number,
            date=date,
            defaults={
                "number_text": parsed.number_text,
                "title": title,
                "implements": documents.get(implements) if implements else None,
            },
        )
        amended = [documents[a] for a in amends if a in documents]
        if amended:
            document.amends.add(*amended)
        documents[number] = document
    return documents


def _held_at(congress: DemoCongress) -> dt.datetime:
    """The moment a congress counts as held: the evening of its closing day."""
    day = congress.held_end_date or congress.held_date
    return timezone.make_aware(dt.datetime.combine(day, dt.time(17, 0)))


@transaction.atomic
def load_demo_campaign(
    provinces: Iterable[str] | None = None,
    progress: Progress | None = None,
    *,
    table: Table | None = None,
) -> Campaign:
    """Create the demo campaign with its plans, documents and one congress per organisation.

    Idempotent: an existing campaign is returned untouched. `table` is the demo tree
    already built for `provinces`, to save building it twice.
    """
    existing = Campaign.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    chosen = sorted(provinces) if provinces is not None else None
    structure = Structure.objects.get(code="2020")
    documents = _register_documents(structure)
    campaign = do_create_campaign(
        SLUG,
        NAME,
        structure=structure,
        term_start=2020,
        term_end=2025,
        directive=documents.get("35-CT/TW"),
        targets_preset="ct35-2019",
        acting_user=None,
    )
    for plan in LevelPlan.objects.filter(campaign=campaign).select_related("level"):
        plan.deadline = DEADLINES.get(plan.level.rank)
        plan.max_days = MAX_DAYS.get(plan.level.rank, 2)
        plan.save(update_fields=["deadline", "max_days"])

    if table is None:
        table = demo_table(chosen)
    congresses = assign_congresses(table)
    today = timezone.localdate()
    rows = Organisation.objects.filter(structure=structure).values_list(
        "code", "pk", "path", "level_id"
    )
    batch: list[Congress] = []
    done = 0
    total = len(congresses)

    def flush() -> None:
        nonlocal done
        Congress.objects.bulk_create(batch)
        done += len(batch)
        batch.clear()
        if progress is not None:
            progress("Đại hội", done, total)

    for code, pk, path, level_id in rows.iterator(chunk_size=BATCH):
        congress = congresses.get(code)
        if congress is None:
            continue
        held = congress.held_date < today
        batch.append(
            Congress(
                campaign=campaign,
                organisation_id=pk,
                org_path=path,
                level_id=level_id,
                ordinal=congress.ordinal,
                term=congress.term,
                planned_date=congress.planned_date,
                held_date=congress.held_date,
                held_end_date=congress.held_end_date,
                pilot=congress.pilot,
                pilot_lessons=congress.pilot_lessons,
                direct_secretary=congress.direct_secretary,
                state=CongressState.HELD if held else CongressState.PLANNED,
                held_at=_held_at(congress) if held else None,
            )
        )
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    if progress is not None and done < total:
        # Organisations of the table missing from the database get no congress.
        progress("Đại hội", done, done)
    after_bulk_write(done)
    log.record(
        "campaign.demo",
        actor=None,
        organisation=None,
        target=SLUG,
        after={
            "provinces": chosen if chosen is not None else "all",
            "congresses": done,
            "documents": sorted(documents),
        },
    )
    return campaign
