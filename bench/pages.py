"""Benchmark: every page that lists a unit's children, on the demo and under 100,000 children.

Issue 19 part 5: every page under 300 ms of server time and the national dashboard
under 150 ms, on the national demo and on a district with 100,000 children (after a
legitimate import: cells directly under one district).

What it does, in-process through Django's test client (the server's time, no network):

1. a database: a copy of `--data-dir`'s SQLite file (the copy is written to, never the
   original), or a fresh one with the demo tree and campaign of `--provinces`;
2. times each page of a district's department account at the demo's scale (Lộc Bình,
   `locbinh`) and the national dashboard (`quantri`), beside a bare view (`/ping/`);
3. adds a district under Lạng Sơn with `--max-children` grassroots cells (100,000 by
   default; their rows written in bulk, the shape the import writes) and a congress for
   each in the campaign (one in three held), and its department account;
4. times the same pages for that district's account, and the national dashboard again;
5. prints a table: best and median of `--runs` runs after a warm-up (wall time), the
   median of the process's processor time (`time.process_time`: SQLite runs in the
   process, so on a loaded machine this is the server's own cost), each page's median
   as a multiple of `/ping/`'s, and the target it has.

The national dashboard is timed twice: with Django's cache emptied before each run
(outside the timing) and warm; its counts come from the progress roll-up kept on
writes (completeness/dashboard.py), which the added district reaches through the
signal the congress import sends. The rows marked "own" are the dashboard without
the other apps' panels (early warning, personnel, drafts), to tell its cost from theirs;
the country's early-warning box, which its page asks for once shown, is timed apart.

It exits non-zero only when a page answers something other than 200, never on slowness.

Run from the project root:
`.venv/bin/python bench/pages.py [--data-dir DIR] [--provinces 20,94] [--max-children N]
[--runs N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _benchdb import add_unit_with_cells

if TYPE_CHECKING:
    from django.test import Client

    from daihoi.campaigns.models import Campaign
    from daihoi.orgs.models import Organisation

PAGE_TARGET_MS = 300.0
NATIONAL_DASHBOARD_TARGET_MS = 150.0
BIG_CODE = "BENCH-H100K"
BIG_ACCOUNT = "bench_huyen"
BATCH = 5_000


@dataclass
class Timing:
    name: str
    url: str
    status: int
    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else 0.0

    @property
    def best(self) -> float:
        return min(self.samples) if self.samples else 0.0


def _time(
    client: Client, name: str, url: str, runs: int, before: Callable[[], Any] | None = None
) -> Timing:
    """Time `runs` requests after a warm-up; `before` runs ahead of each, untimed."""
    response = client.get(url)  # warm-up: templates, resolver, the database's cache
    found = Timing(name, url, response.status_code)
    if response.status_code != 200:
        return found
    for _ in range(runs):
        if before is not None:
            before()
        start, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        found.cpu.append((time.process_time() - cpu) * 1000)
        found.samples.append((time.perf_counter() - start) * 1000)
    return found


def _client(username: str) -> Client:
    from django.test import Client

    from daihoi.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get("/")  # the session's first save, not a page's cost
    return client


def district_pages(campaign: Campaign, org: Organisation) -> list[tuple[str, str]]:
    """(name, address) of each page a district's department opens that lists what is below."""
    from django.urls import reverse

    from daihoi.campaigns.models import Congress

    slug, code, structure = campaign.slug, org.code, org.structure.code
    pages = [
        ("home", reverse("home")),
        ("dashboard", reverse("dashboard", args=[slug, code])),
        ("dashboard, page 2", reverse("dashboard", args=[slug, code]) + "?trang=2"),
        ("organisation page", reverse("org_detail", args=[structure, code])),
        ("approvals", reverse("approvals_page", args=[slug, code])),
        ("composition roll-up", reverse("personnel_rollup", args=[slug, code])),
        ("completeness", reverse("completeness", args=[slug, code])),
        ("early warning", reverse("earlywarning", args=[slug, code])),
        ("bulk date editor", reverse("congress_bulk", args=[slug, code])),
        ("work queue", reverse("workqueue")),
        ("search", reverse("search") + "?q=chi+bo"),
    ]
    if Congress.objects.filter(campaign=campaign, organisation=org).exists():
        pages.append(("delegate register", reverse("assembly_register", args=[slug, code])))
        pages.append(("congress record", reverse("congress_detail", args=[slug, code])))
    return pages


def measure(
    campaign: Campaign,
    district: Organisation,
    account: str,
    runs: int,
    *,
    national: bool = True,
) -> list[Timing]:
    """Time /ping/, the district's pages for its account and the national dashboard."""
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from daihoi.campaigns.progress import campaign_root

    timings = [_time(Client(), "/ping/ (bare view)", reverse("ping"), runs)]
    client = _client(account)
    timings += [_time(client, name, url, runs) for name, url in district_pages(campaign, district)]
    own = reverse("dashboard", args=[campaign.slug, district.code])
    with _without_panels():
        timings.append(_time(client, "dashboard, own (no panels)", own, runs, cache.clear))
    if national:
        root = campaign_root(campaign)
        url = reverse("dashboard", args=[campaign.slug, root.code])
        admin = _client("quantri")
        timings.append(_time(admin, "national dashboard, cold", url, runs, cache.clear))
        timings.append(_time(admin, "national dashboard, warm", url, runs))
        with _without_panels():
            timings.append(_time(admin, "national, own, cold", url, runs, cache.clear))
            timings.append(_time(admin, "national, own, warm", url, runs))
        # The country's early-warning box follows its page, in a request of its own.
        box = reverse("earlywarning_box", args=[campaign.slug, root.code])
        timings.append(_time(admin, "early-warning box, national", box, runs))
    return timings


@contextlib.contextmanager
def _without_panels() -> Iterator[None]:
    """The dashboard without the other apps' panels (early warning, personnel, drafts):
    its own cost, the campaigns app's, apart from theirs."""
    from daihoi.campaigns import hooks

    saved = list(hooks.dashboard_panels)
    hooks.dashboard_panels.clear()
    try:
        yield
    finally:
        hooks.dashboard_panels.extend(saved)


def add_big_district(
    campaign: Campaign, children: int, code: str = BIG_CODE, account: str = BIG_ACCOUNT
) -> Organisation:
    """A district under Lạng Sơn with `children` grassroots cells, each with a congress,
    and `account`, its department's."""
    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Congress
    from daihoi.campaigns.signals import congresses_written
    from daihoi.core.roles import Role
    from daihoi.orgs.models import Level, Organisation

    province = Organisation.objects.get(structure=campaign.structure, code="20")
    district_level = Level.objects.get(structure=campaign.structure, rank=2)
    cell_level = Level.objects.get(structure=campaign.structure, rank=3)
    district, cells = add_unit_with_cells(
        province, code=code, name="Đảng bộ huyện Thử Tải", level=district_level,
        cell_level=cell_level, place="huyện Thử Tải", children=children, batch=BATCH,
    )  # fmt: skip
    start = dt.date(campaign.term_start, 1, 1) - dt.timedelta(days=200)
    congresses = [
        Congress(
            campaign=campaign,
            organisation=district,
            org_path=district.path,
            level=district_level,
            planned_date=start + dt.timedelta(days=150),
        )
    ]
    for i, cell in enumerate(cells.only("pk", "path").iterator(chunk_size=BATCH)):
        planned = start + dt.timedelta(days=i % 120)
        congresses.append(
            Congress(
                campaign=campaign,
                organisation=cell,
                org_path=cell.path,
                level=cell_level,
                planned_date=planned,
                held_date=planned if i % 3 == 0 else None,
            )
        )
    Congress.objects.bulk_create(congresses, batch_size=BATCH)
    # As the congress import does: what is kept on writes (completeness, the national
    # dashboard's progress) counts the new congresses.
    congresses_written.send(Congress, campaign=campaign, ids=[c.pk for c in congresses])
    User.objects.create_user(account, password=None, roles=[Role.ORG_STAFF], organisation=district)
    return district


def print_table(title: str, scales: list[tuple[str, list[Timing]]]) -> None:
    print(title)
    names: list[str] = []
    for _scale, timings in scales:
        names += [t.name for t in timings if t.name not in names]
    head = f"{'page':<28}"
    for scale, _timings in scales:
        head += f" | {scale + ' median':>18} {'best':>8} {'cpu':>8} {'× ping':>7}"
    print(head + " | target")
    for name in names:
        line = f"{name:<28}"
        for _scale, timings in scales:
            found = {t.name: t for t in timings}.get(name)
            ping = next((t.median for t in timings if t.name.startswith("/ping/")), 0.0)
            if found is None:
                line += f" | {'–':>18} {'':>8} {'':>8} {'':>7}"
            elif found.status != 200:
                line += f" | {'HTTP ' + str(found.status):>18} {'':>8} {'':>8} {'':>7}"
            else:
                ratio = found.median / ping if ping else 0.0
                line += (
                    f" | {found.median:>15.1f} ms {found.best:>8.1f}"
                    f" {found.cpu_median:>8.1f} {ratio:>7.1f}"
                )
        target = (
            NATIONAL_DASHBOARD_TARGET_MS
            if name.startswith("national")
            else (0.0 if name.startswith("/ping/") else PAGE_TARGET_MS)
        )
        print(line + (f" | {target:.0f} ms" if target else " |"))


def errors(scales: list[tuple[str, list[Timing]]]) -> list[str]:
    return [
        f"{scale}: {t.name} ({t.url}) answered {t.status}"
        for scale, timings in scales
        for t in timings
        if t.status != 200
    ]


def run(campaign: Campaign, max_children: int, runs: int, out: Callable[[str], Any] = print) -> int:
    """Measure both scales on the current database; return the number of non-200 answers."""
    from daihoi.orgs.models import Organisation

    demo_district = Organisation.objects.get(structure=campaign.structure, code="188")
    demo = measure(campaign, demo_district, "locbinh", runs)
    start = time.perf_counter()
    big = add_big_district(campaign, max_children)
    from django.core.cache import cache

    cache.clear()  # nothing read before the district was added
    out(f"Added {max_children:,} cells under {big.name} ({time.perf_counter() - start:.1f} s)")
    large = measure(campaign, big, BIG_ACCOUNT, runs)
    scales = [("demo", demo), (f"{max_children:,} children", large)]
    print_table(
        f"Server time per page in ms (wall; cpu = processor), {runs} runs after a warm-up", scales
    )
    problems = errors(scales)
    for problem in problems:
        out(f"ERROR {problem}")
    return len(problems)


def _database(data_dir: str, tmp: Path, provinces: list[str]) -> None:
    """Point Django at a copy of data_dir's database, or at a new demo of `provinces`."""
    if data_dir:
        source = Path(data_dir) / "daihoi.sqlite3"
        if not source.exists():
            raise SystemExit(f"no daihoi.sqlite3 in {data_dir}")
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{source}{suffix}").exists():
                shutil.copy(f"{source}{suffix}", tmp / f"daihoi.sqlite3{suffix}")
        for name in ("secret_key",):
            if (Path(data_dir) / name).exists():
                shutil.copy(Path(data_dir) / name, tmp / name)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DAIHOI_DATA_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "daihoi.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if data_dir:
        # A copy made before a migration that empties the roll-ups: built again, as an
        # operator does after upgrading (`daihoi completeness_rollup`).
        from daihoi.campaigns.models import Campaign
        from daihoi.completeness.ledger import is_built, rebuild

        for campaign in Campaign.objects.order_by("pk"):
            if not is_built(campaign.pk):
                rebuild(campaign)
        return
    from daihoi.accounts.demo import ensure_demo_users
    from daihoi.campaigns.demo import load_demo_campaign
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Structure

    plan = plan_import(Structure.objects.get(code="2020"), demo_table(provinces))
    do_import_organisations(plan, acting_user=None, source="bench-pages")
    ensure_demo_users()
    load_demo_campaign(provinces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="", help="a demo's data dir (copied, not written)")
    parser.add_argument("--provinces", default="20,94", help="the demo to build without one")
    parser.add_argument("--max-children", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="daihoi-bench-pages-") as tmp:
        start = time.perf_counter()
        _database(args.data_dir, Path(tmp), args.provinces.split(","))
        from daihoi.campaigns.models import Campaign

        campaign = Campaign.objects.filter(structure__code="2020").order_by("-term_start").first()
        if campaign is None:
            raise SystemExit("no 2020 campaign in this database")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        source = args.data_dir or f"demo of {args.provinces}"
        print(f"Database: {source} ({time.perf_counter() - start:.1f} s to prepare)")
        if hasattr(os, "getloadavg"):
            print(f"Load average: {os.getloadavg()[0]:.1f}")
        failed = run(campaign, args.max_children, args.runs)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
