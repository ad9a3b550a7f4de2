"""The runner: bodies' outcomes, cancel through the database, the syncer's SQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.jobs import runner
from daihoi.jobs.actions import do_cancel_job, do_create_job
from daihoi.jobs.models import Job, JobKind, JobState
from daihoi.orgs.models import Organisation
from tests.conftest import org

pytestmark = pytest.mark.django_db


def staff() -> User:
    return User.objects.get(username="locbinh")


def new_job() -> Job:
    return do_create_job(JobKind.ORG_IMPORT, org("188"), source="t.csv", acting_user=staff())


def test_a_body_that_raises_is_recorded_as_failed_with_a_message() -> None:
    job = new_job()

    def body(progress: runner.Progress) -> dict[str, Any]:
        progress("Đang ghi", 1, 2)
        raise ValueError("boom")

    runner.submit(job, body)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.message == "Lỗi hệ thống (ValueError); không có gì được ghi."
    assert (job.phase, job.done, job.total) == ("Đang ghi", 1, 2)
    assert job.finished_at is not None


def test_a_body_that_refuses_lists_its_reasons() -> None:
    job = new_job()

    def body(progress: runner.Progress) -> dict[str, Any]:
        raise runner.JobFailed(["Dòng 3: sai."])

    runner.submit(job, body)
    job.refresh_from_db()
    assert (job.state, job.result) == (JobState.FAILED, {"errors": ["Dòng 3: sai."]})


def test_a_cancel_written_by_another_process_stops_the_body_at_its_next_report() -> None:
    job = new_job()
    names_before = Organisation.objects.filter(code="188").values_list("name", flat=True).get()

    def body(progress: runner.Progress) -> dict[str, Any]:
        from django.db import transaction

        with transaction.atomic():
            Organisation.objects.filter(code="188").update(name="Tên tạm")
            # What do_cancel_job writes when the job runs in another server process.
            Job.objects.filter(pk=job.pk).update(cancel_requested=True, cancelled_by=staff())
            progress("Đang ghi", 1, 10)
        return {}

    runner.submit(job, body)
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED
    assert Organisation.objects.get(code="188").name == names_before
    assert AuditEntry.objects.get(action="job.cancel").actor_name == "locbinh"


def test_cancelling_a_job_of_another_live_process_only_asks_it_to_stop() -> None:
    job = new_job()
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, heartbeat_at=timezone.now())
    job.refresh_from_db()
    do_cancel_job(job, acting_user=staff())
    job.refresh_from_db()
    assert (job.state, job.cancel_requested, job.cancelled_by) == (
        JobState.RUNNING,
        True,
        staff(),
    )
    # The running process writes the cancel's audit entry when it has rolled back.
    assert not AuditEntry.objects.filter(action="job.cancel").exists()


def test_the_syncer_writes_live_progress_and_reads_cancels_back() -> None:
    job = new_job()
    state = runner.Live(phase="Đang ghi tổ chức", done=40, total=90, running=True)
    runner._live[job.pk] = state
    try:
        runner.sync_once(connection)
        job.refresh_from_db()
        assert (job.phase, job.done, job.total) == ("Đang ghi tổ chức", 40, 90)
        assert job.heartbeat_at is not None
        assert not state.cancel
        Job.objects.filter(pk=job.pk).update(cancel_requested=True, cancelled_by=staff())
        runner.sync_once(connection)
        assert (state.cancel, state.cancelled_by) == (True, staff().pk)
        # A job that has ended keeps its final figures whatever the syncer saw before.
        Job.objects.filter(pk=job.pk).update(state=JobState.DONE, done=90)
        runner.sync_once(connection)
        job.refresh_from_db()
        assert job.done == 90
    finally:
        runner._live.pop(job.pk, None)


def test_starting_a_job_outside_ones_subtree_is_refused() -> None:
    from daihoi.core.errors import ActionRefused

    with pytest.raises(ActionRefused):
        do_create_job(JobKind.ORG_IMPORT, org("94"), acting_user=staff())
    assert not Job.objects.exists()


def test_a_job_cancelled_while_queued_never_runs_its_body() -> None:
    job = new_job()
    ran: list[bool] = []

    def body(progress: runner.Progress) -> dict[str, Any]:
        ran.append(True)
        return {}

    runner._live[job.pk] = runner.Live()
    do_cancel_job(job, acting_user=staff())  # the worker has not taken it yet
    runner.run(job.pk, body)
    job.refresh_from_db()
    assert ran == []
    assert (job.state, job.cancelled_by) == (JobState.CANCELLED, staff())
    assert runner.live(job.pk) is None
