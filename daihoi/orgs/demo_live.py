"""The 2025 demo tree: the GSO list of 1 July 2025 and generated cells under each commune.

Since 1 July 2025 there is no district level: communes, wards and special zones sit
directly under the 34 provinces (DOMAIN.md). Each gets its party committee from the
real list (`daihoi/data/admin-units-2025.csv`) and a few village or street cells from
a fixed seed. Real communes after the merger have dozens of cells; the demo gives
them 4 to 9, enough to try every step while keeping `make demo` short (about 25,000
organisations for the whole country, against 330,000 in the 2020 tree).

`--provinces` names 2020 provinces (the codes the 2020 demo takes); a 2025 province
is loaded when it holds a commune of one of them, so `20,94` loads Lạng Sơn and
Cần Thơ, which took in Sóc Trăng.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable

from daihoi.core.tables import Table
from daihoi.orgs.adminunits import ROOT_CODE, admin_units_table, bundled
from daihoi.orgs.demo import VILLAGES

SEED = 2025
CELLS_PER_COMMUNE = (4, 9)
HEADERS = ["code", "parent_code", "name", "level", "kind", "unit_type", "members"]


def _rows(year: str) -> list[dict[str, str]]:
    text = bundled(year).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def live_provinces(provinces_2020: Iterable[str] | None) -> set[str] | None:
    """The 2025 provinces holding a commune of one of these 2020 provinces (None: all)."""
    if provinces_2020 is None:
        return None
    wanted = set(provinces_2020)
    parent = {row["code"]: row["parent_code"] for row in _rows("2020")}

    def province_2020(code: str) -> str:
        while parent.get(code):
            code = parent[code]
        return code

    chosen = set(wanted)
    for row in _rows("2025"):
        if row["level"] == "2" and row["code"] in parent:
            if province_2020(row["code"]) in wanted:
                chosen.add(row["parent_code"])
    provinces_2025 = {row["code"] for row in _rows("2025") if row["level"] == "1"}
    return chosen & provinces_2025


def live_table(provinces_2020: Iterable[str] | None = None, seed: int = SEED) -> Table:
    """Return the 2025 demo tree as an import table, for all provinces or only some."""
    chosen = live_provinces(provinces_2020)
    gso = admin_units_table(bundled("2025").read_bytes())
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    table = Table(headers=HEADERS)
    members: dict[str, int] = {}
    rows: list[list[str]] = []
    index = {name: i for i, name in enumerate(gso.headers)}
    for _number, cells in gso.rows:
        code, parent, level = cells[index["code"]], cells[index["parent_code"]], cells[3]
        if level == "2":
            # Drawn for every commune in list order, so a subset gets the same cells.
            count = rng.randint(*CELLS_PER_COMMUNE)
            names = rng.sample(VILLAGES, count)
            sizes = [rng.randint(10, 45) for _ in range(count)]
        if chosen is not None and level != "0":
            province = code if level == "1" else parent
            if province not in chosen:
                continue
        rows.append([*cells, "0"])
        if level != "2":
            continue
        for i, (village, size) in enumerate(zip(names, sizes, strict=True), start=1):
            rows.append(
                [
                    f"{code}-C{i:02d}",
                    code,
                    f"Chi bộ thôn {village}",
                    "3",
                    "chi_bo",
                    "thon-to-dan-pho",
                    str(size),
                ]
            )
        members[code] = sum(sizes)
    by_province: dict[str, int] = {}
    for row in rows:
        if row[3] == "2":
            row[6] = str(members[row[0]])
            by_province[row[1]] = by_province.get(row[1], 0) + members[row[0]]
    for row in rows:
        if row[3] == "1":
            row[6] = str(by_province.get(row[0], 0))
        elif row[0] == ROOT_CODE:
            row[6] = str(sum(by_province.values()))
    table.rows = [(number, row) for number, row in enumerate(rows, start=2)]
    return table
