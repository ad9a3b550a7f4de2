"""Starting and cancelling jobs; each writes its audit entry.

The apps start their own kinds of job (orgs/import_job.py): they create the row
here and hand the runner the body; this app knows nothing of what a job does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.jobs import runner
from daihoi.jobs.models import Job, JobKind, JobState
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation


def _target(job: Job) -> str:
    return f"{job.get_kind_display()} #{job.pk} {job.source}".strip()


@transaction.atomic
def do_create_job(
    kind: JobKind,
    organisation: Organisation,
    *,
    source: str = "",
    acting_user: User,
    reading: bool = False,
) -> Job:
    """Record a queued job in the user's subtree.

    A `reading` job (an export) only reads the organisation's subtree: seeing it
    is enough. Any other job changes it, and the body's action checks its own duty.
    """
    allowed = scope.can_see if reading else scope.can_write
    if not allowed(acting_user, organisation):
        raise ActionRefused([_("Bạn không có quyền thay đổi tổ chức này.")])
    if not runner.can_run_here():
        raise ActionRefused(
            [
                _(
                    "Máy chủ đang chạy nhiều tiến trình trên SQLite (daihoi serve --workers), "
                    "nên không theo dõi và hủy được việc dài từ trang web. Hãy nhập tệp bằng "
                    "lệnh daihoi import-orgs, hoặc chạy daihoi serve không có --workers."
                )
            ]
        )
    job = Job.objects.create(
        kind=kind, organisation=organisation, source=source[:255], started_by=acting_user
    )
    log.record(
        "job.start",
        actor=acting_user,
        organisation=organisation,
        target=_target(job),
        after={"kind": kind.value, "source": job.source},
    )
    return job


def do_cancel_job(job: Job, *, acting_user: User) -> Job:
    """Ask a job to stop; its transaction rolls back and nothing is written."""
    if not (job.started_by_id == acting_user.pk or scope.can_write(acting_user, job.organisation)):
        raise ActionRefused([_("Bạn không có quyền hủy việc này.")])
    if job.finished:
        raise ActionRefused(
            [_("Việc đã kết thúc (%(state)s); không thể hủy.") % {"state": job.get_state_display()}]
        )
    if runner.request_cancel(job, acting_user.pk):
        # This process runs it; the job writes its end and the audit entry when it stops.
        return job
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.finished:
            raise ActionRefused([_("Việc đã kết thúc; không thể hủy.")])
        if runner.is_abandoned(locked):
            # No process runs it any more: its transaction died with it, nothing was written.
            now = timezone.now()
            locked.state = JobState.CANCELLED
            locked.finished_at = now
            locked.message = _("Đã hủy; không có gì được ghi.")
        locked.cancel_requested = True
        locked.cancelled_by = acting_user
        locked.save()
        if locked.state == JobState.CANCELLED:
            log.record(
                "job.cancel",
                actor=acting_user,
                organisation=job.organisation,
                target=_target(locked),
                after={"abandoned": True},
            )
    return locked
