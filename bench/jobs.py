"""Benchmark: an organisation import as a background job, against the same import called directly.

On a throw-away database holding the generated tree of `--provinces` (default
20, Lạng Sơn: about 5,300 organisations), it renames every organisation of the
first province three times, each a full set of updates in one transaction:

1. the reference: `do_import_organisations(plan)` called in the main thread;
2. the same import as a job (`do_start_org_import`): a worker thread, progress
   reports, the live registry (and the syncer on PostgreSQL), timed from the
   start until the Job row says done; its ratio to the mean of (1) and (3) is the
   job's overhead;
3. the reference again, called directly: its ratio to (1) is how much the same work
   varies from one run to the next on this machine, the band within which the
   job's ratio says nothing (on the shared cores it reached 0.75-1.3);
4. a job cancelled when its progress passes half: the time from the cancel
   request until the row says cancelled (the rollback included), and a check
   that no name of that run was written.

Beside each wall time, the processor time of the whole process (both threads).

Run from the project root: `.venv/bin/python bench/jobs.py [--database-url URL] [--provinces 20]`.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from _benchdb import add_database_argument, bench_database

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.importer import ImportPlan
    from daihoi.orgs.models import Organisation


def renaming_plan(root: Organisation, suffix: str) -> ImportPlan:
    from daihoi.core.tables import Table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Organisation

    below = Organisation.objects.filter(path__startswith=root.path).select_related("level")
    code_of = {o.path: o.code for o in below}
    rows = [
        (
            n,
            [
                o.code,
                code_of[o.path[: -Organisation.steplen]],
                f"{o.name}{suffix}",
                str(o.level.rank),
            ],
        )
        for n, o in enumerate(below.filter(depth__gt=root.depth).order_by("path"), 2)
    ]
    table = Table(headers=["code", "parent_code", "name", "level"], rows=rows)
    return plan_import(root.structure, table, scope_path=root.path)


def wait_until_finished(job_id: int) -> str:
    from daihoi.jobs.models import Job

    while True:
        state = Job.objects.filter(pk=job_id).values_list("state", flat=True).get()
        if state not in ("queued", "running"):
            return state
        # A tenth of a second, as a page polls (every 1-2 s) and not faster: a tighter
        # loop costs the worker its interpreter lock and shows as the job's overhead.
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--provinces", default="20")
    args = parser.parse_args()
    provinces = [p.strip() for p in args.provinces.split(",") if p.strip()]
    with bench_database(args.database_url, "daihoi_bench_jobs") as (description, _tmp):
        from daihoi.accounts.models import User
        from daihoi.jobs import runner
        from daihoi.orgs.actions import do_import_organisations
        from daihoi.orgs.demo import demo_table
        from daihoi.orgs.import_job import do_start_org_import
        from daihoi.orgs.importer import plan_import
        from daihoi.orgs.models import Organisation, Structure

        print(description)
        structure = Structure.objects.get(code="2020")
        do_import_organisations(plan_import(structure, demo_table(provinces)), acting_user=None)
        root = Organisation.objects.get(structure=structure, code=provinces[0])
        admin: User = User.objects.create_user("bench", is_superuser=True)

        plan = renaming_plan(root, " A")
        rows = len(plan.updates)
        start, cpu = time.perf_counter(), time.process_time()
        do_import_organisations(plan, acting_user=admin, source="a.csv")
        direct, direct_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"{rows:,} updates called directly:        {direct * 1000:8,.0f} ms "
            f"(processor {direct_cpu * 1000:,.0f} ms; reference)"
        )

        plan = renaming_plan(root, " B")
        start, cpu = time.perf_counter(), time.process_time()
        job = do_start_org_import(root, plan, source="b.csv", acting_user=admin)
        state = wait_until_finished(job.pk)
        as_job, job_cpu = time.perf_counter() - start, time.process_time() - cpu

        plan = renaming_plan(root, " D")
        start, cpu = time.perf_counter(), time.process_time()
        do_import_organisations(plan, acting_user=admin, source="d.csv")
        again, again_cpu = time.perf_counter() - start, time.process_time() - cpu
        mean, mean_cpu = (direct + again) / 2, (direct_cpu + again_cpu) / 2
        print(
            f"{rows:,} updates as a job ({state}):     {as_job * 1000:8,.0f} ms "
            f"(processor {job_cpu * 1000:,.0f} ms; ratio to the direct mean {as_job / mean:.2f}, "
            f"processor {job_cpu / mean_cpu:.2f})"
        )
        print(
            f"{rows:,} updates directly, again:        {again * 1000:8,.0f} ms "
            f"(processor {again_cpu * 1000:,.0f} ms; ratio to the first {again / direct:.2f}: "
            "the run-to-run noise)"
        )

        plan = renaming_plan(root, " C")
        job = do_start_org_import(root, plan, source="c.csv", acting_user=admin)
        while True:
            live = runner.live(job.pk)
            if live is not None and live.total and live.done * 2 >= live.total:
                break
            time.sleep(0.005)
        asked = time.perf_counter()
        runner.request_cancel(job, admin.pk)
        state = wait_until_finished(job.pk)
        latency = time.perf_counter() - asked
        written = Organisation.objects.filter(name__endswith=" C").count()
        print(
            f"cancel at half way -> {state}:       {latency * 1000:8,.0f} ms from the request "
            f"(ratio {latency / direct:.2f}); names of that run written: {written}"
        )


if __name__ == "__main__":
    main()
