"""Benchmark: import a 100,000-row organisation CSV, then import the same file again.

What it measures, on a throw-away database (SQLite by default):

1. a generated CSV of exactly 100,000 rows (code, parent_code, name, level,
   kind, unit_type, members) for structure 2020: the root TW (rank 0), one
   province (rank 1), 100 districts (rank 2), 40 grassroots organisations per
   district (rank 3; most are committees with cells, some are grassroots
   cells) and the cells (rank 4) that bring the total to 100,000. Some
   parents are deliberately written AFTER their children;
2. the first import, phase by phase: `read_table`, `plan_import`,
   `do_import_organisations`, against the target of 100,000 rows in under 30 s;
3. a second import of the same file, which must change nothing (its
   created/updated/moved counts are printed and checked).

Run from the project root: `.venv/bin/python bench/import_orgs.py [--database-url URL]`.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from _benchdb import add_database_argument, bench_database, timed

if TYPE_CHECKING:
    from daihoi.orgs.actions import ImportResult

TARGET_S = 30.0
TOTAL_ROWS = 100_000
DISTRICTS = 100
GRASSROOTS_PER_DISTRICT = 40
GRASSROOTS_CELL_SHARE = 0.1  # grassroots organisations that are cells, without cells below
LATE_DISTRICT_EVERY = 10  # every 10th district is written after all its descendants
LATE_COMMITTEE_SHARE = 0.02  # and so is this share of the grassroots committees
SEED = 20261122
HEADERS = ["code", "parent_code", "name", "level", "kind", "unit_type", "members"]
PLACES = [
    "Bình Minh",
    "Hòa Lạc",
    "Tân Phú",
    "Lộc Bình",
    "Đồng Xuân",
    "Yên Thế",
    "Quỳnh Lưu",
    "Hương Sơn",
    "Thạch Hà",
    "Nghĩa Đàn",
]
AGENCIES = ["Trường Tiểu học", "Trạm Y tế", "Công ty cổ phần", "Hợp tác xã", "Ủy ban nhân dân"]


@dataclass
class GeneratedFile:
    path: Path
    rows: int
    late_rows: int  # rows written after at least one of their children
    size: int


def generate_rows(rng: random.Random) -> tuple[list[list[str]], set[str]]:
    """Return the rows (parents first) and the codes to move after their children."""
    grassroots_total = DISTRICTS * GRASSROOTS_PER_DISTRICT
    is_cell = [rng.random() < GRASSROOTS_CELL_SHARE for _ in range(grassroots_total)]
    committees = is_cell.count(False)
    cells_total = TOTAL_ROWS - 2 - DISTRICTS - grassroots_total
    base, extra = divmod(cells_total, committees)

    rows: list[list[str]] = []
    late: set[str] = set()
    province_members = 0
    committee_index = 0
    district_rows: list[list[str]] = []
    for d in range(1, DISTRICTS + 1):
        district = f"T01-H{d:03d}"
        place = f"{PLACES[d % len(PLACES)]} {d}"
        district_row = [district, "T01", f"Đảng bộ huyện {place}", "2", "dang_bo", "huyen", "0"]
        rows.append(district_row)
        district_rows.append(district_row)
        if d % LATE_DISTRICT_EVERY == 0:
            late.add(district)
        district_members = 0
        for g in range(1, GRASSROOTS_PER_DISTRICT + 1):
            code = f"{district}-G{g:02d}"
            agency = AGENCIES[g % len(AGENCIES)]
            if is_cell[(d - 1) * GRASSROOTS_PER_DISTRICT + g - 1]:
                members = rng.randint(8, 30)
                name = f"Chi bộ {agency} số {g} {place}"
                rows.append([code, district, name, "3", "chi_bo", "co-quan", str(members)])
                district_members += members
                continue
            cells = base + (1 if committee_index < extra else 0)
            committee_index += 1
            committee_row = [code, district, f"Đảng bộ xã số {g} {place}", "3", "dang_bo", "xa"]
            rows.append(committee_row)
            if rng.random() < LATE_COMMITTEE_SHARE:
                late.add(code)
            committee_members = 0
            for c in range(1, cells + 1):
                members = rng.randint(5, 40)
                committee_members += members
                name = f"Chi bộ thôn {c} xã số {g} {place}"
                row = [f"{code}-C{c:02d}", code, name, "4", "chi_bo", "thon-to-dan-pho"]
                rows.append([*row, str(members)])
            committee_row.append(str(committee_members))
            district_members += committee_members
        district_row[6] = str(district_members)
        province_members += district_members
    head = [
        ["TW", "", "Trung ương", "0", "dang_bo", "trung-uong", str(province_members)],
        ["T01", "TW", "Đảng bộ tỉnh Bình Minh", "1", "dang_bo", "tinh", str(province_members)],
    ]
    return head + rows, late


def write_csv(directory: Path) -> GeneratedFile:
    rows, late = generate_rows(random.Random(SEED))
    ordered = [r for r in rows if r[0] not in late] + [r for r in rows if r[0] in late]
    if len(ordered) != TOTAL_ROWS:
        raise AssertionError(f"generated {len(ordered)} rows, not {TOTAL_ROWS}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(ordered)
    path = directory / "organisations-100k.csv"
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(data)
    return GeneratedFile(path, len(ordered), len(late), len(data))


@dataclass
class Run:
    read_ms: float
    plan_ms: float
    write_ms: float
    result: ImportResult

    @property
    def total_ms(self) -> float:
        return self.read_ms + self.plan_ms + self.write_ms


def import_file(path: Path) -> Run:
    from daihoi.core.tables import read_table
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Structure

    structure = Structure.objects.get(code="2020")
    table, read_ms = timed(lambda: read_table(path.name, path.read_bytes()))
    plan, plan_ms = timed(lambda: plan_import(structure, table))
    result, write_ms = timed(
        lambda: do_import_organisations(plan, acting_user=None, source=path.name)
    )
    return Run(read_ms, plan_ms, write_ms, result)


def print_run(title: str, run: Run, rows: int) -> None:
    r = run.result
    print(title)
    print(f"  read_table()               {run.read_ms / 1000:7.2f} s")
    print(f"  plan_import()              {run.plan_ms / 1000:7.2f} s")
    print(f"  do_import_organisations()  {run.write_ms / 1000:7.2f} s")
    rate = rows / run.total_ms * 1000
    print(f"  total                      {run.total_ms / 1000:7.2f} s  ({rate:,.0f} rows/s)")
    print(
        f"  created {r.created:,}, updated {r.updated:,}, moved {r.moved:,}, "
        f"unchanged {r.unchanged:,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    args = parser.parse_args()
    with bench_database(args.database_url, "daihoi_bench_import") as (description, tmp):
        from daihoi.orgs.models import Organisation

        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        generated, gen_ms = timed(lambda: write_csv(tmp))
        print(
            f"Generated {generated.path.name}: {generated.rows:,} rows, "
            f"{generated.size / 1e6:.1f} MB, {generated.late_rows} parents written after "
            f"their children ({gen_ms / 1000:.1f} s, not counted)"
        )
        print()

        first = import_file(generated.path)
        print_run("First import (empty tree)", first, generated.rows)
        stored = Organisation.objects.count()
        print(f"  organisations stored: {stored:,}")
        if first.result.created != generated.rows or stored != generated.rows:
            raise SystemExit("the first import did not create every row")
        verdict = "MEETS" if first.total_ms / 1000 < TARGET_S else "MISSES"
        print(
            f"  target {generated.rows:,} rows in under {TARGET_S:.0f} s: {verdict} "
            f"({first.total_ms / 1000:.1f} s)"
        )
        print()

        second = import_file(generated.path)
        print_run("Second import of the same file", second, generated.rows)
        r = second.result
        unchanged = r.created == r.updated == r.moved == 0
        print(f"  changed nothing: {'yes' if unchanged else 'NO'}")
        if not unchanged or Organisation.objects.count() != generated.rows:
            raise SystemExit("the second import changed the tree")


if __name__ == "__main__":
    main()
