"""Importing the lower congresses' elected runs as a job: same register, all or nothing."""

from __future__ import annotations

import pytest

from daihoi.assembly import queries
from daihoi.assembly.models import Delegate, DelegateKind
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.elections.models import ElectionKind
from daihoi.jobs.models import JobKind, JobState
from daihoi.orgs.tree import children
from tests.assembly.helpers import announced, loc_binh_congress, page_url, units
from tests.conftest import login
from tests.jobs.exports_helpers import HOOKS, job_of, moved, reports

pytestmark = pytest.mark.django_db
__all__ = ["reports"]  # a fixture


def elected_below(congress: Congress) -> None:
    """Two units below Lộc Bình announce two officials and two alternates each."""
    for n, unit in enumerate(units(congress, 2)):
        lower = Congress.objects.get(campaign=congress.campaign, organisation=unit)
        announced(
            lower,
            ElectionKind.DELEGATES,
            {f"Chính {n} A": 90, f"Chính {n} B": 80},
            [f"Chính {n} A", f"Chính {n} B"],
        )
        announced(
            lower,
            ElectionKind.ALTERNATES,
            {f"Khuyết {n} A": 60, f"Khuyết {n} B": 70},
            [f"Khuyết {n} A", f"Khuyết {n} B"],
        )


def test_the_import_runs_as_a_job_and_fills_the_register(
    reports: list[tuple[str, int, int]],
) -> None:
    congress = loc_binh_congress()
    elected_below(congress)
    client = login("locbinh")
    job = job_of(client.post(page_url(congress, "assembly_import_elected")))
    assert (job.kind, job.state, job.result["added"]) == (JobKind.ELECTED_IMPORT, JobState.DONE, 8)
    page = client.get(f"/viec/{job.pk}/").content.decode()
    assert "Đã nhập 8 đại biểu từ kết quả bầu cử của đại hội cấp dưới." in page
    assert page_url(congress, "assembly_register") in page
    alternates = Delegate.objects.filter(congress=congress, kind=DelegateKind.ALTERNATE)
    # Per unit in vote order, ranked 1 and 2: B (70 votes) before A (60).
    assert sorted((d.unit.code, d.alternate_order, d.full_name[-1]) for d in alternates) == sorted(
        (u.code, rank, name) for u in units(congress, 2) for rank, name in ((1, "B"), (2, "A"))
    )
    assert moved(reports, "Đang đọc kết quả bầu cử")[-1] == 4
    # Again: nobody twice.
    again = job_of(client.post(page_url(congress, "assembly_import_elected")))
    assert again.result["added"] == 0


def test_a_cancel_after_the_write_leaves_the_register_as_it_was(
    reports: list[tuple[str, int, int]],
) -> None:
    congress = loc_binh_congress()
    elected_below(congress)
    client = login("locbinh")

    def cancel(label: str, done: int, total: int) -> None:
        # After the bulk write and its audit entry: the rollback takes both back.
        if label == "Đang ghi danh sách đại biểu" and done == total == 8:
            job = client.get("/viec/").context["rows"][0]["job"]
            client.post(f"/viec/{job.pk}/huy/")

    HOOKS.append(cancel)
    job = job_of(client.post(page_url(congress, "assembly_import_elected")))
    assert job.state == JobState.CANCELLED
    assert not Delegate.objects.filter(congress=congress).exists()
    assert not AuditEntry.objects.filter(action="assembly.import_elected").exists()


def brute_force_feeding(congress: Congress) -> set[int]:
    """The definition, read literally: the nearest congress above each one below is this one."""
    below = Congress.objects.filter(
        campaign=congress.campaign, org_path__startswith=congress.org_path
    ).exclude(pk=congress.pk)
    paths = {c.org_path for c in below} | {congress.org_path}
    found = set()
    for lower in below:
        above = [p for p in paths if lower.org_path.startswith(p) and p != lower.org_path]
        if max(above, key=len) == congress.org_path:
            found.add(lower.pk)
    return found


def test_the_feeding_congresses_are_the_nearest_below() -> None:
    congress = loc_binh_congress()
    # A gap: a grassroots unit holds no congress, so its cells feed Lộc Bình directly.
    unit = next(u for u in children(congress.organisation) if u.numchild)
    Congress.objects.filter(campaign=congress.campaign, organisation=unit).delete()
    found = {c.pk: c for c in queries.feeding_congresses(congress)}
    assert set(found) == brute_force_feeding(congress)
    assert any(c.organisation.path.startswith(unit.path) for c in found.values())
