"""What the export tests share: follow an export to its job, its file and its progress."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from daihoi.jobs import exports, runner
from daihoi.jobs.models import Job

Hook = Callable[[str, int, int], None]


def job_of(response: Any) -> Job:
    assert response.status_code == 302, response.status_code
    match = re.fullmatch(r"/viec/(\d+)/", response["Location"])
    assert match, response["Location"]
    return Job.objects.get(pk=int(match.group(1)))


def body(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def download(client: Client, job: Job) -> Any:
    return client.get(f"/viec/{job.pk}/tep/")


def sheet_xml(data: bytes, number: int) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode()


@pytest.fixture
def as_jobs(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every export with more than 5 rows runs as a job, reporting at every row."""
    settings.EXPORT_JOB_ROWS = 5
    monkeypatch.setattr(exports, "TICK", 1)
    # Inline, a job reads cancel requests from its row; here at every report.
    monkeypatch.setattr(runner, "SYNC_SECONDS", 0)


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Every progress report a job makes, in order (what its bar shows)."""
    seen: list[tuple[str, int, int]] = []
    original = runner.Reporter.__call__

    def spied(self: runner.Reporter, label: str, done: int, total: int) -> None:
        seen.append((label, done, total))
        for hook in HOOKS:
            hook(label, done, total)
        original(self, label, done, total)

    HOOKS.clear()
    monkeypatch.setattr(runner.Reporter, "__call__", spied)
    return seen


# Called at each report before the job's own callback (a test cancelling midway).
HOOKS: list[Hook] = []


def moved(seen: list[tuple[str, int, int]], label: str) -> list[int]:
    """The counts a phase's bar showed, in order."""
    return [done for phase, done, _total in seen if phase == label]
