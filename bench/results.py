"""Benchmark: the results file (issue 18.3) at the template's 2,000 units, against 60.

On a throw-away database holding Lạng Sơn's tree and the finished demo campaign (or the
provinces of `--provinces`), with its completeness roll-up built as the demo builds it,
it takes cells whose commune holds a congress, marks them held with nothing recorded,
fills a results file for them (three committee members, one the secretary, and one
delegate each, as a department types it) and times, once each (a report is written
once), for 60 units and then for 2,000 others:

- reading and checking the file (`workbook.read_reports`: openpyxl, every cell checked);
- recording it (`do_report_results`: the congresses locked and moved, the people written,
  two audit entries per unit, the roll-up refreshed);

wall time and this process's processor time (`time.process_time`: on SQLite the
database's work is in this process too; on a loaded machine the wall time waits for a
core), with the number of queries. The figures are printed, not asserted.

Run from the project root: `.venv/bin/python bench/results.py [--database-url URL]
[--provinces 20]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections.abc import Callable
from typing import Any

from _benchdb import add_database_argument, bench_database, load_demo

HELD_ON = dt.date(2020, 4, 2)
SIZES = (60, 2000)
# (body, name, gender, born, ethnicity, first time, standing, post); figures to match.
PEOPLE = [
    ("Ban Chấp hành", "Hoàng Văn Thắng", "Nam", "12/03/1974", "Tày", "", "", "Bí thư"),
    ("Ban Chấp hành", "Lăng Thị Hà", "Nữ", "02/09/1988", "Nùng", "x", "", ""),
    ("Ban Chấp hành", "Nông Văn Quý", "Nam", "20/11/1978", "Kinh", "x", "", ""),
    ("Đại biểu chính thức", "Hoàng Văn Đại"),
]
FIGURES = [3, 1, 2, 2, 1, 0]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--provinces", default="20", type=lambda s: s.split(","))
    return parser.parse_args()


def measured(fn: Callable[[], Any]) -> tuple[Any, float, float, int]:
    """Run fn once: its result, wall ms, processor ms, queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started, used = time.perf_counter(), time.process_time()
        result = fn()
        cpu = (time.process_time() - used) * 1000
        wall = (time.perf_counter() - started) * 1000
    return result, wall, cpu, len(queries)


def filled(units: list[Any]) -> bytes:
    """The results file for these congresses, as the template's two sheets."""
    from openpyxl import Workbook

    from daihoi.results.report import FIGURE_LABELS, MEMBER_COLUMNS

    book = Workbook()
    figures = book.active
    figures.title = "Số liệu"
    figures.append(["Mã đơn vị", "Tên đơn vị", *(str(x) for x in FIGURE_LABELS.values())])
    people = book.create_sheet("Danh sách")
    people.append(["Mã đơn vị", "Cơ quan", *(str(x) for x in MEMBER_COLUMNS.values())])
    for congress in units:
        code = congress.organisation.code
        figures.append([code, congress.organisation.name, *FIGURES])
        for line in PEOPLE:
            people.append([code, *line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_results") as (description, _tmp):
        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        from daihoi.accounts.models import User
        from daihoi.campaigns.models import Congress, CongressState
        from daihoi.completeness.ledger import rebuild
        from daihoi.elections.models import Election
        from daihoi.orgs.models import Organisation
        from daihoi.personnel.models import ElectedMember
        from daihoi.results.actions.report import do_report_results
        from daihoi.results.workbook import read_reports

        demo = load_demo(args.provinces)
        structure, campaign = demo.structure, demo.campaign
        rebuild(campaign)
        user = User.objects.create_superuser("bench", password=None)
        province = Organisation.objects.get(structure=structure, code=args.provinces[0])
        deepest = Congress.objects.filter(campaign=campaign).order_by("-level__rank").first()
        assert deepest is not None
        communes = Congress.objects.filter(campaign=campaign).values("org_path")
        cells = list(
            Congress.objects.filter(
                campaign=campaign,
                level=deepest.level,
                org_path__startswith=province.path,
            )
            .exclude(pk__in=Election.objects.values("congress_id"))
            .select_related("organisation")
            .order_by("org_path")
        )
        parents = set(communes.values_list("org_path", flat=True))
        step = Organisation.steplen
        cells = [c for c in cells if c.org_path[:-step] in parents][: sum(SIZES)]
        if len(cells) < sum(SIZES):
            raise SystemExit(f"only {len(cells)} cells without an election: name more provinces")
        ids = [c.pk for c in cells]
        Congress.objects.filter(pk__in=ids).update(state=CongressState.HELD, held_date=HELD_ON)
        ElectedMember.objects.filter(congress_id__in=ids)._raw_delete(ElectedMember.objects.db)
        start = 0
        for size in SIZES:
            units = cells[start : start + size]
            start += size
            data = filled(units)
            reports, r_wall, r_cpu, r_queries = measured(
                lambda d=data: read_reports(campaign, province, "kq.xlsx", d)  # type: ignore[misc]
            )
            _n, w_wall, w_cpu, w_queries = measured(
                lambda r=reports: do_report_results(r, acting_user=user, source="file")  # type: ignore[misc]
            )
            print(f"{size:,} units, {len(data) / 1024:,.0f} KiB:")
            print(f"  read and check  wall {r_wall:8,.0f} ms, processor {r_cpu:8,.0f} ms,"
                  f" {r_queries} queries")  # fmt: skip
            print(f"  record          wall {w_wall:8,.0f} ms, processor {w_cpu:8,.0f} ms,"
                  f" {w_queries} queries")  # fmt: skip
            per_unit = (r_cpu + w_cpu) / size
            print(f"  processor per unit {per_unit:.2f} ms")
        reported = Congress.objects.filter(pk__in=ids, state=CongressState.REPORTED).count()
        print(f"Reported: {reported:,} of {len(ids):,}")


if __name__ == "__main__":
    main()
