"""Benchmark: every export that lists children, for the national root and a district.

Issue 19 part 5: every export of the national root under 10 s; exports of more than
EXPORT_JOB_ROWS rows (10,000) run as jobs, so no request holds a worker for long.

What it does, in-process (the server's time, no network):

1. a database: a copy of `--data-dir`'s SQLite file (never written), or a fresh one with
   the demo tree and campaign of `--provinces` (bench/pages.py's preparation);
2. for the national administrator (`quantri`, the root) and a district's department
   (`locbinh`, Lộc Bình; `--campaign`, `--root-account`, `--unit` and `--unit-account`
   choose others, e.g. the live 2025 campaign), with `--max-children` > 0 also the
   district of that many cells that bench/pages.py adds, fetches each export through
   Django's test client:
   a direct download is timed from request to last byte; an export that starts a job
   is timed from the request until its file is downloaded (the job runs in the jobs'
   worker thread, as under `daihoi serve`), and the request's own time is shown apart;
3. prints, per export: direct or job, the rows listed (the cheap count that decided),
   the request's time, the whole time and the process's processor time over it (the
   job's thread included; the machine is shared, so wall time follows the others' load),
   the size, beside a bare request (`/ping/`);
4. times `feeding_congresses` for the national congress (what importing its register
   from the lower congresses reads first; it was quadratic, > 90 s on three provinces).

`--rows-limit N` lowers the rule's limit (0: every export runs as a job). It exits
non-zero only when an export fails (an answer other than 200/302, a job not done),
never on slowness.

Run from the project root:
`.venv/bin/python bench/exports.py [--data-dir DIR] [--provinces 20,94] [--max-children 0]
[--rows-limit N]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pages import _client, _database, add_big_district

if TYPE_CHECKING:
    from django.test import Client

    from daihoi.campaigns.models import Campaign
    from daihoi.orgs.models import Organisation

TARGET_S = 10.0
JOB_PATH = "/viec/"


@dataclass
class Run:
    scale: str
    name: str
    mode: str = "?"
    rows: int = 0
    request_ms: float = 0.0
    total_ms: float = 0.0
    # The process's processor time over the same span (the job's thread included):
    # the machine is shared, so the wall time swings with the others' load.
    cpu_ms: float = 0.0
    size: int = 0
    error: str = ""


def exports_of(campaign: Campaign, org: Organisation) -> list[tuple[str, str]]:
    """(name, address) of each export that lists what is below `org`."""
    from django.urls import reverse

    slug, code = campaign.slug, org.code
    return [
        ("progress XLSX", reverse("report_progress_xlsx", args=[slug, code])),
        ("progress DOCX", reverse("report_progress_docx", args=[slug, code])),
        ("composition XLSX", reverse("personnel_rollup_xlsx", args=[slug, code])),
        ("composition DOCX", reverse("personnel_rollup_docx", args=[slug, code])),
        ("completeness XLSX", reverse("completeness_xlsx", args=[slug, code])),
    ]


def _wait(job_id: int, timeout: float) -> Any:
    from daihoi.jobs.models import Job

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        job = Job.objects.get(pk=job_id)
        if job.finished:
            return job
        time.sleep(0.02)
    return Job.objects.get(pk=job_id)


def fetch(client: Client, scale: str, name: str, url: str, timeout: float) -> Run:
    """One export, from the request to the file's last byte."""
    from daihoi.jobs import exports

    found = Run(scale, name)
    counted: list[int] = []
    deliver = exports.deliver

    def spied(request: Any, export: exports.Export) -> Any:
        counted.append(export.rows)
        return deliver(request, export)

    exports.deliver = spied  # type: ignore[assignment]
    try:
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        found.request_ms = (time.perf_counter() - start) * 1000
        found.rows = counted[0] if counted else 0
        if response.status_code == 200:
            found.mode = "direct"
            found.size = sum(len(chunk) for chunk in response.streaming_content)
        elif response.status_code == 302 and response["Location"].startswith(JOB_PATH):
            found.mode = "job"
            job = _wait(int(response["Location"].strip("/").split("/")[-1]), timeout)
            if job.state != "done":
                found.error = f"job #{job.pk} {job.state}: {job.message}"
            else:
                file = client.get(f"/viec/{job.pk}/tep/")
                found.size = sum(len(chunk) for chunk in file.streaming_content)
        else:
            found.error = f"HTTP {response.status_code}"
        found.total_ms = (time.perf_counter() - start) * 1000
        found.cpu_ms = (time.process_time() - cpu) * 1000
    finally:
        exports.deliver = deliver  # type: ignore[assignment]
    return found


def ping_ms(runs: int = 5) -> float:
    from django.test import Client

    client = Client()
    client.get("/ping/")
    start = time.perf_counter()
    for _ in range(runs):
        client.get("/ping/")
    return (time.perf_counter() - start) * 1000 / runs


def feeding_seconds(campaign: Campaign) -> tuple[int, int, float] | None:
    """(congresses below, feeding ones, seconds) for the national congress, if the demo has it."""
    from daihoi.assembly.queries import feeding_congresses
    from daihoi.campaigns.models import Congress
    from daihoi.campaigns.progress import campaign_root

    root = campaign_root(campaign)
    congress = Congress.objects.filter(campaign=campaign, organisation=root).first()
    if congress is None:
        return None
    below = Congress.objects.filter(campaign=campaign).count() - 1
    start = time.perf_counter()
    feeding = feeding_congresses(congress)
    return below, len(feeding), time.perf_counter() - start


def print_table(runs: list[Run], ping: float) -> None:
    print(f"/ping/ (bare request): {ping:.1f} ms")
    print(
        f"{'scale':<18} {'export':<18} {'mode':<6} {'rows':>9} {'request':>11} "
        f"{'whole':>10} {'processor':>10} {'size':>10} {'× ping':>9}  target"
    )
    for run in runs:
        if run.error:
            print(f"{run.scale:<18} {run.name:<18} ERROR {run.error}")
            continue
        target = f"{TARGET_S:.0f} s" if run.scale.startswith("national") else ""
        print(
            f"{run.scale:<18} {run.name:<18} {run.mode:<6} {run.rows:>9,} "
            f"{run.request_ms:>8.0f} ms {run.total_ms / 1000:>8.2f} s {run.cpu_ms / 1000:>8.2f} s "
            f"{run.size / 1024:>7.0f} KB "
            f"{run.total_ms / ping if ping else 0:>9.0f}  {target}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="", help="a demo's data dir (copied, not written)")
    parser.add_argument("--provinces", default="20,94", help="the demo to build without one")
    parser.add_argument("--max-children", type=int, default=0, help="add a district this big")
    parser.add_argument("--rows-limit", type=int, default=None, help="EXPORT_JOB_ROWS to use")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait a job")
    parser.add_argument("--campaign", default="", help="a campaign's slug (default: 2020's)")
    parser.add_argument("--root-account", default="quantri")
    parser.add_argument("--unit", default="188", help="a unit's code, with --unit-account")
    parser.add_argument("--unit-account", default="locbinh")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="daihoi-bench-exports-") as tmp:
        start = time.perf_counter()
        _database(args.data_dir, Path(tmp), args.provinces.split(","))
        from django.conf import settings

        from daihoi.campaigns.models import Campaign
        from daihoi.campaigns.progress import campaign_root
        from daihoi.orgs.models import Organisation

        if args.rows_limit is not None:
            settings.EXPORT_JOB_ROWS = args.rows_limit
        settings.EXPORTS_DIR = Path(tmp) / "exports"
        found = Campaign.objects.filter(structure__code="2020").order_by("-term_start")
        if args.campaign:
            found = Campaign.objects.filter(slug=args.campaign)
        campaign = found.select_related("structure").first()
        if campaign is None:
            raise SystemExit(f"no campaign {args.campaign or 'of 2020'} in this database")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        source = args.data_dir or f"demo of {args.provinces}"
        print(
            f"Database: {source} ({time.perf_counter() - start:.1f} s to prepare); {campaign.slug}"
        )
        from daihoi.jobs.exports import rows_limit

        print(f"Load average: {os.getloadavg()[0]:.1f}; EXPORT_JOB_ROWS {rows_limit():,}")
        scales: list[tuple[str, str, Organisation]] = [
            ("national root", args.root_account, campaign_root(campaign)),
            (
                f"unit {args.unit}",
                args.unit_account,
                Organisation.objects.get(structure=campaign.structure, code=args.unit),
            ),
        ]
        if args.max_children:
            from pages import BIG_ACCOUNT

            big = add_big_district(campaign, args.max_children)
            scales.append((f"{args.max_children:,} children", BIG_ACCOUNT, big))
        runs = []
        for scale, account, org in scales:
            client = _client(account)
            for name, url in exports_of(campaign, org):
                runs.append(fetch(client, scale, name, url, args.timeout))
        print_table(runs, ping_ms())
        feeding = feeding_seconds(campaign)
        if feeding is not None:
            below, fed, seconds = feeding
            print(
                f"feeding_congresses(national congress): {fed:,} of {below:,} congresses "
                f"below in {seconds:.2f} s"
            )
    sys.exit(1 if any(run.error for run in runs) else 0)


if __name__ == "__main__":
    main()
