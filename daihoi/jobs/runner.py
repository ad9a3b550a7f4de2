"""Run a job's body in a background thread of the server, with progress and cancel.

The venue laptop runs `daihoi serve` alone, so jobs run in a daemon thread of
the server process: one worker thread takes jobs from a queue one at a time
(SQLite has one writer; two imports at once would only wait for each other).
The body writes in ONE transaction; cancelling makes its progress callback raise
JobCancelled, the transaction rolls back and nothing is written.

Progress and cancel requests travel through `Live`, a record in this process's
memory, because on SQLite the job's own transaction holds the only write lock:
nobody could write progress to the database while the import runs. On other
engines a syncer thread copies the live progress and a heartbeat to the Job row
and reads cancel requests back, at most every SYNC_SECONDS, through a connection
of its own, so other server processes see them too.

A job started inside a transaction (a test, or a caller's atomic block) runs at
once in the caller's thread: a thread could not see the uncommitted Job row.
`settings.JOBS_RUN_INLINE` forces that too.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.jobs.models import UNFINISHED, Job, JobState

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
Body = Callable[[Progress], dict[str, Any]]

SYNC_SECONDS = 0.5
# A queued or running job not in this process and silent this long is abandoned.
STALE_AFTER = dt.timedelta(seconds=30)


class JobCancelled(Exception):
    """The user asked to stop; raised from the progress callback to roll back."""


class JobFailed(Exception):
    """The body refuses with messages for the user (rows, columns, values)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Live:
    """What this process knows of a job it runs: fresher than the database."""

    phase: str = ""
    done: int = 0
    total: int = 0
    running: bool = False
    cancel: bool = False
    cancelled_by: int | None = None


_live: dict[int, Live] = {}
_lock = threading.Lock()
_queue: queue.Queue[tuple[int, Body, str | None]] = queue.Queue()
_threads: dict[str, threading.Thread] = {}


def live(job_id: int) -> Live | None:
    with _lock:
        return _live.get(job_id)


def _inline() -> bool:
    return bool(getattr(settings, "JOBS_RUN_INLINE", False)) or connection.in_atomic_block


def _sqlite() -> bool:
    return connection.vendor == "sqlite"


# `daihoi serve --workers N` sets this for its worker processes.
PROCESSES_VARIABLE = "DAIHOI_SERVER_PROCESSES"


def can_run_here() -> bool:
    """Whether a job started from a page can be followed and cancelled from any page.

    On SQLite a job's progress and cancel live in the memory of the process that
    runs it (its transaction holds the only write lock), so with several server
    processes another worker would see it frozen, or call it abandoned.
    """
    try:
        processes = int(os.environ.get(PROCESSES_VARIABLE, "1"))
    except ValueError:
        processes = 1
    return processes <= 1 or not _sqlite()


def submit(job: Job, body: Body) -> None:
    """Run the body for the job: now if inside a transaction, else in the worker thread."""
    with _lock:
        _live[job.pk] = Live()
    if _inline():
        run(job.pk, body, inline=True)
        return
    # The worker speaks the starter's language: phase labels and messages are shown to them.
    _queue.put((job.pk, body, translation.get_language()))
    _ensure_thread("daihoi-jobs", _work)
    if not _sqlite():
        _ensure_thread("daihoi-jobs-sync", _sync_forever)


def _ensure_thread(name: str, target: Callable[[], None]) -> None:
    with _lock:
        thread = _threads.get(name)
        if thread is None or not thread.is_alive():
            thread = threading.Thread(target=target, name=name, daemon=True)
            _threads[name] = thread
            thread.start()


def _work() -> None:
    while True:
        job_id, body, language = _queue.get()
        try:
            with translation.override(language):
                run(job_id, body)
        except Exception:  # the worker must outlive any one job
            logger.exception("job %s crashed the runner", job_id)
        finally:
            # Each job gets a fresh connection; none is left open between jobs.
            connection.close()


class Reporter:
    """The progress callback handed to a body: records progress, raises on cancel."""

    def __init__(self, job_id: int, state: Live, *, inline: bool) -> None:
        self.job_id = job_id
        self.state = state
        self.inline = inline
        self.checked = 0.0

    def __call__(self, label: str, done: int, total: int) -> None:
        with _lock:
            self.state.phase, self.state.done, self.state.total = label, done, total
            cancel = self.state.cancel
        if not cancel and self.inline:
            cancel = self._cancel_in_database()
        if cancel:
            raise JobCancelled

    def _cancel_in_database(self) -> bool:
        # Inline there is no syncer; read the row ourselves, at most every SYNC_SECONDS.
        now = time.monotonic()
        if now - self.checked < SYNC_SECONDS:
            return False
        self.checked = now
        row = Job.objects.filter(pk=self.job_id).values("cancel_requested", "cancelled_by").first()
        if row and row["cancel_requested"]:
            with _lock:
                self.state.cancel = True
                self.state.cancelled_by = row["cancelled_by"]
            return True
        return False


def run(job_id: int, body: Body, *, inline: bool = False) -> None:
    """Run one job to its end and write its outcome; never raises for the body's errors."""
    with _lock:
        state = _live.setdefault(job_id, Live())
    try:
        _run(job_id, body, state, inline)
    finally:
        with _lock:
            _live.pop(job_id, None)


def _run(job_id: int, body: Body, state: Live, inline: bool) -> None:
    now = timezone.now()
    job = Job.objects.select_related("organisation").get(pk=job_id)
    if job.cancel_requested:
        state.cancel, state.cancelled_by = True, job.cancelled_by_id
    if state.cancel:
        _finish_cancelled(job, state)
        return
    Job.objects.filter(pk=job_id).update(state=JobState.RUNNING, started_at=now, heartbeat_at=now)
    state.running = True
    outcome: dict[str, Any] = {}
    try:
        result = body(Reporter(job_id, state, inline=inline))
    except JobCancelled:
        _finish_cancelled(job, state)
        return
    except JobFailed as exc:
        outcome = {
            "state": JobState.FAILED,
            "message": _("Có lỗi; không có gì được ghi."),
            "result": {"errors": exc.errors},
        }
    except Exception as exc:
        logger.exception("job %s failed", job_id)
        outcome = {
            "state": JobState.FAILED,
            "message": _("Lỗi hệ thống (%(error)s); không có gì được ghi.")
            % {"error": type(exc).__name__},
        }
    else:
        outcome = {"state": JobState.DONE, "result": result, "done": state.total or state.done}
    Job.objects.filter(pk=job_id).update(
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
        phase=state.phase,
        done=outcome.pop("done", state.done),
        total=state.total,
        **outcome,
    )


def _finish_cancelled(job: Job, state: Live) -> None:
    users = get_user_model()._default_manager
    actor = users.filter(pk=state.cancelled_by).first() if state.cancelled_by else None
    now = timezone.now()
    message = _("Đã hủy; không có gì được ghi.")
    Job.objects.filter(pk=job.pk).update(
        state=JobState.CANCELLED,
        cancel_requested=True,
        cancelled_by=actor,
        finished_at=now,
        heartbeat_at=now,
        phase=state.phase,
        done=state.done,
        total=state.total,
        message=message,
    )
    # The cancel is audited when it took effect: on SQLite nobody could write while
    # the job's transaction held the lock, and then the entry says what happened.
    log.record(
        "job.cancel",
        actor=actor,
        organisation=job.organisation,
        target=f"{job.get_kind_display()} #{job.pk} {job.source}",
        after={"done": state.done, "total": state.total, "phase": state.phase},
    )


def request_cancel(job: Job, user_id: int) -> bool:
    """Ask a job to stop; True when this process runs it (the flag took effect at once)."""
    with _lock:
        state = _live.get(job.pk)
        if state is not None:
            if not state.cancel:
                state.cancel, state.cancelled_by = True, user_id
            return True
    return False


def is_abandoned(job: Job, now: dt.datetime | None = None) -> bool:
    """A queued or running job that no live process runs any more."""
    if job.state not in UNFINISHED or live(job.pk) is not None:
        return False
    seen = job.heartbeat_at or job.created_at
    return (now or timezone.now()) - seen > STALE_AFTER


# --- the syncer (engines with more than one writer) ---------------------------


def _sync_forever() -> None:
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        while True:
            time.sleep(SYNC_SECONDS)
            try:
                sync_once(side)
            except Exception:  # a lost connection must not stop the progress of later jobs
                logger.exception("job syncer")
                side.close()
    finally:
        side.close()


def sync_once(side: Any) -> None:
    """Copy live progress and heartbeats to the rows; read cancel requests back."""
    with _lock:
        jobs = {pk: (s.phase, s.done, s.total, s.running) for pk, s in _live.items()}
    if not jobs:
        return
    table = side.ops.quote_name(Job._meta.db_table)
    now = side.ops.adapt_datetimefield_value(timezone.now())
    with side.cursor() as cursor:
        for pk, (phase, done, total, running) in jobs.items():
            if running:
                cursor.execute(
                    f"UPDATE {table} SET phase = %s, done = %s, total = %s, "  # noqa: S608 - names from the model
                    # A job that ended meanwhile keeps its final figures.
                    "heartbeat_at = %s WHERE id = %s AND state IN (%s, %s)",
                    [phase[:120], done, total, now, pk, *UNFINISHED],
                )
            else:
                cursor.execute(
                    f"UPDATE {table} SET heartbeat_at = %s WHERE id = %s",  # noqa: S608
                    [now, pk],
                )
        cursor.execute(
            f"SELECT id, cancelled_by_id FROM {table} "  # noqa: S608
            "WHERE cancel_requested AND id IN (" + ", ".join(["%s"] * len(jobs)) + ")",
            list(jobs),
        )
        asked = cursor.fetchall()
    with _lock:
        for pk, by in asked:
            state = _live.get(pk)
            if state is not None and not state.cancel:
                state.cancel, state.cancelled_by = True, by
