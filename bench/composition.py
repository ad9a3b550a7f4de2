"""Benchmark: the composition roll-up of elected committees, the app's query vs DuckDB.

On a throw-away database holding the generated national tree (`demo_table()`),
the demo campaign (`load_demo_campaign`) and the personnel demo's elected
committee members (`daihoi.personnel.demo.elected_members`, about 150,000), it
measures:

1. how long the personnel demo takes to generate the elected members for the
   whole country (the budget is about a minute);
2. the reference: `daihoi.personnel.rollup.rollup()` (one query: a range on the
   indexed org_path copy, the four shares by conditional aggregation) for the
   nation and for each of the 63 provinces; best and median of `--runs` runs;
3. the same figures computed by DuckDB, an analytical column store, over the
   same rows exported to CSV (the export is not timed, the load is shown apart);
   every figure must agree, and the ratio app / DuckDB is printed.

Run from the project root: `.venv/bin/python bench/composition.py [--database-url URL] [--runs N]`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path

from _benchdb import add_database_argument, bench_database, best_and_median, timed

AS_OF = dt.date(2020, 10, 31)
Figures = tuple[int, int, int, int, int]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each way")
    parser.add_argument("--provinces", default="", help="only these provinces (e.g. 20,34,94)")
    return parser.parse_args()


def load(provinces: list[str] | None) -> object:
    from daihoi.campaigns.demo import load_demo_campaign
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Structure
    from daihoi.personnel.demo import elected_members

    structure = Structure.objects.get(code="2020")
    table, ms_table = timed(lambda: demo_table(provinces))
    _result, ms_tree = timed(
        lambda: do_import_organisations(plan_import(structure, table), acting_user=None)
    )
    campaign, ms_campaign = timed(lambda: load_demo_campaign(provinces, table=table))
    n, ms_elected = timed(lambda: elected_members(campaign, lambda line: None))  # type: ignore[arg-type]
    print("Load")
    print(f"  tree ({len(table.rows):,} organisations)      {(ms_table + ms_tree) / 1000:8.1f} s")
    print(f"  demo campaign                          {ms_campaign / 1000:8.1f} s")
    print(f"  elected members ({n:,})             {ms_elected / 1000:8.1f} s  (budget ~60 s)")
    return campaign


def app_figures(campaign: object, paths: dict[str, str]) -> dict[str, Figures]:
    from daihoi.personnel.rollup import rollup

    out: dict[str, Figures] = {}
    for code, path in paths.items():
        r = rollup(campaign, path, AS_OF)  # type: ignore[arg-type]
        out[code] = (r.total, r.first_time, r.women, r.ethnic_minority, r.under_40)
    return out


def export_csv(campaign: object, folder: Path) -> Path:
    from daihoi.personnel.models import ElectedMember

    target = folder / "elected.csv"
    with target.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["org_path", "elected_on", "first_time", "female", "ethnic", "age"])
        rows = ElectedMember.objects.filter(campaign=campaign, kind="committee").values_list(
            "org_path", "elected_on", "first_time", "female", "ethnic_minority", "age"
        )
        for path, day, first, female, ethnic, age in rows.iterator(chunk_size=10000):
            writer.writerow([path, day.isoformat(), int(first), int(female), int(ethnic), age])
    return target


DUCK_SQL = """
SELECT count(*), count(*) FILTER (WHERE first_time = 1), count(*) FILTER (WHERE female = 1),
       count(*) FILTER (WHERE ethnic = 1), count(*) FILTER (WHERE age < 40)
FROM elected WHERE org_path >= ? AND org_path <= ? AND elected_on <= ?
"""


def duck_figures(con: object, paths: dict[str, str]) -> dict[str, Figures]:
    from daihoi.orgs.tree import subtree_bounds

    out: dict[str, Figures] = {}
    for code, path in paths.items():
        low, high = subtree_bounds(path)
        row = con.execute(DUCK_SQL, [low, high, AS_OF]).fetchone()  # type: ignore[attr-defined]
        out[code] = tuple(int(v) for v in row)  # type: ignore[assignment]
    return out


def main() -> None:
    args = parse_args()
    provinces = [p.strip() for p in args.provinces.split(",") if p.strip()] or None
    with bench_database(args.database_url, "daihoi_bench_composition") as (description, tmp):
        print(f"Database: {description}")
        campaign = load(provinces)
        import duckdb

        from daihoi.orgs.models import Organisation

        root = Organisation.objects.get(structure__code="2020", depth=1)
        paths = {"(cả nước)": root.path}
        paths |= dict(
            Organisation.objects.filter(structure__code="2020", depth=2, code__regex=r"^\d\d$")
            .order_by("code")
            .values_list("code", "path")
        )
        file = export_csv(campaign, tmp)
        con = duckdb.connect()
        _ignored, ms_duck_load = timed(
            lambda: con.execute(
                "CREATE TABLE elected AS SELECT * FROM read_csv_auto(?, header = true)",
                [str(file)],
            )
        )
        app_figures(campaign, paths)  # warm-up
        duck_figures(con, paths)
        app_runs: list[float] = []
        duck_runs: list[float] = []
        for _run in range(args.runs):
            ours, ms = timed(lambda: app_figures(campaign, paths))
            app_runs.append(ms)
            theirs, ms = timed(lambda: duck_figures(con, paths))
            duck_runs.append(ms)
        if ours != theirs:
            wrong = [code for code in ours if ours[code] != theirs[code]]
            sys.exit(f"the app and DuckDB disagree for {wrong}")
        nation = ours["(cả nước)"]
        print(f"\nRoll-up as of {AS_OF:%d/%m/%Y}: the nation and {len(paths) - 1} provinces")
        print(
            f"  nation: {nation[0]:,} members; first-time {nation[1]:,}, women {nation[2]:,}, "
            f"ethnic minority {nation[3]:,}, under 40 {nation[4]:,}"
        )
        if "94" in ours:
            st = ours["94"]
            print(
                f"  Sóc Trăng: {st[0]:,} members; first-time {100 * st[1] / st[0]:.2f}%, "
                f"women {100 * st[2] / st[0]:.2f}%, ethnic minority {100 * st[3] / st[0]:.2f}%"
            )
        print(f"  app (SQL over the covering index)  {best_and_median(app_runs)}")
        print(f"  DuckDB (in memory, columnar)       {best_and_median(duck_runs)}")
        print(f"  DuckDB load from CSV               {ms_duck_load:,.1f} ms (not in the ratio)")
        print(f"  ratio app / DuckDB (best)          {min(app_runs) / min(duck_runs):.2f}")
        print("  all figures agree: yes")


if __name__ == "__main__":
    main()
