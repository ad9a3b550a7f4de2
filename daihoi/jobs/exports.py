"""Exports: a small one answers at once, a large one runs as a job and leaves a file.

One rule decides, from a cheap count made before anything is built: more rows
than EXPORT_JOB_ROWS (settings, 10,000 by default) and the export runs in the
jobs' worker thread, so no request holds a server worker while a national
workbook is written. The file is written to DATA_DIR/exports/<job id>/ (or
EXPORTS_DIR) under a fixed name (the download's name is only a header),
downloadable by the user who asked alone (anyone else: 404), removed after KEEP.

The apps describe an export (`Export`: its organisation, file name, cheap row
count and a writer); this module knows nothing of what the file holds.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from daihoi.core.downloads import attachment
from daihoi.core.numbers import vn_int
from daihoi.jobs import runner
from daihoi.jobs.actions import do_create_job
from daihoi.jobs.models import Job, JobKind
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

ROWS_DEFAULT = 10_000
# A finished file is kept this long: enough to download it tomorrow morning.
KEEP = dt.timedelta(hours=24)
# Progress is reported every so many rows: the callback takes a lock.
TICK = 500
# python-docx has no streaming and builds the whole document in memory (about a
# millisecond a cell): a Word report lists at most this many units (some 25 pages),
# its total line counting all of them; the full list is the workbook's.
DOCX_ROWS = 1000

Writer = Callable[[BinaryIO, runner.Progress], int]


@dataclass(frozen=True)
class Export:
    """One export, described before anything is built."""

    organisation: Organisation
    filename: str
    # A cheap count of the rows the file will list (a count query, numchild, len()).
    rows: int
    # Writes the file into the stream, reporting progress; returns the rows written.
    write: Writer


def rows_limit() -> int:
    return int(getattr(settings, "EXPORT_JOB_ROWS", ROWS_DEFAULT))


def runs_as_job(rows: int) -> bool:
    """The one rule: more rows than the limit run as a job (if jobs can be followed here)."""
    return rows > rows_limit() and runner.can_run_here()


def quiet(_label: str, _done: int, _total: int) -> None:
    return None


class Ticker:
    """Reports a phase's progress every TICK rows (and at its end), not at every row."""

    def __init__(self, progress: runner.Progress, label: str, total: int) -> None:
        self.progress, self.label, self.total, self.done = progress, label, total, 0
        progress(label, 0, total)

    def __call__(self, step: int = 1) -> None:
        self.done += step
        if self.done % TICK == 0 or self.done >= self.total:
            self.progress(self.label, self.done, self.total)


def not_shown(more: int) -> str:
    """The line under a Word table cut at DOCX_ROWS: how many more, and where they are.

    Vietnamese by definition, like the Party-format reports it ends up in.
    """
    return (
        f"Bảng trên liệt kê {vn_int(DOCX_ROWS)} đơn vị đầu tiên; còn {vn_int(more)} đơn vị "
        "khác (số liệu từng đơn vị trong tệp Excel kèm theo). Dòng «Tổng cộng» tính tất cả."
    )


def deliver(request: HttpRequest, export: Export) -> HttpResponseBase:
    """Answer with the file (small), or start the job and send the user to its page."""
    if not runs_as_job(export.rows):
        buffer = io.BytesIO()
        export.write(buffer, quiet)
        return attachment(buffer.getvalue(), export.filename)
    job = do_start_export(export, acting_user=scope.acting_user(request))
    return redirect("jobs_detail", pk=job.pk)


def base() -> Path:
    """Where finished exports wait: DATA_DIR/exports unless EXPORTS_DIR says (the tests)."""
    return Path(getattr(settings, "EXPORTS_DIR", Path(settings.DATA_DIR) / "exports"))


def folder(job_id: int) -> Path:
    return base() / str(int(job_id))


def stored_file(job: Job) -> Path | None:
    """The finished file of an export job, if it is still kept."""
    if job.kind != JobKind.EXPORT or not isinstance(job.result, dict):
        return None
    path = folder(job.pk) / "file"
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return None
    return path if age < KEEP.total_seconds() else None


def purge_expired(now: float | None = None) -> int:
    """Remove the export files older than KEEP; returns how many folders went."""
    found = base()
    if not found.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - KEEP.total_seconds()
    removed = 0
    for entry in found.iterdir():
        try:
            old = entry.stat().st_mtime < limit
        except OSError:
            continue
        if old:
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


def do_start_export(export: Export, *, acting_user: User) -> Job:
    """Queue the export as a job; its file appears whole or not at all."""
    purge_expired()
    job = do_create_job(
        JobKind.EXPORT,
        export.organisation,
        source=export.filename,
        acting_user=acting_user,
        reading=True,
    )
    job_id, filename = job.pk, export.filename

    def body(progress: runner.Progress) -> dict[str, Any]:
        place = folder(job_id)
        place.mkdir(parents=True, exist_ok=True)
        part = place / "file.part"
        try:
            with part.open("wb") as out:
                rows = export.write(out, progress)
            # A cancelled or failed export leaves nothing: the file appears whole, by a rename.
            part.rename(place / "file")
        except BaseException:
            shutil.rmtree(place, ignore_errors=True)
            raise
        return {
            "file": filename,
            "rows": rows,
            "bytes": (place / "file").stat().st_size,
            "download": reverse("jobs_download", args=[job_id]),
        }

    runner.submit(job, body)
    return job


def kept_until(job: Job) -> dt.datetime | None:
    """When the finished file goes (shown on the job's page)."""
    if job.finished_at is None:
        return None
    return job.finished_at + KEEP
