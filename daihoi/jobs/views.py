"""Pages of long jobs: the list, one job's progress (polled by HTMX), cancel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.audit import log
from daihoi.core.downloads import CONTENT_TYPES
from daihoi.core.errors import ActionRefused
from daihoi.jobs import exports, runner
from daihoi.jobs.actions import do_cancel_job
from daihoi.jobs.models import Job, JobKind, JobState
from daihoi.orgs import scope


@dataclass(frozen=True)
class Status:
    """What the page shows of a job: the row, made fresher by this process's memory."""

    state: str
    label: str
    phase: str
    done: int
    total: int
    cancelling: bool
    abandoned: bool

    @property
    def finished(self) -> bool:
        return self.abandoned or self.state not in (JobState.QUEUED, JobState.RUNNING)

    @property
    def percent(self) -> int | None:
        return min(100, self.done * 100 // self.total) if self.total else None


def status(job: Job) -> Status:
    state, phase, done, total = job.state, job.phase, job.done, job.total
    cancelling = job.cancel_requested
    live = runner.live(job.pk)
    if live is not None and not job.finished:
        phase, done, total = live.phase, live.done, live.total
        cancelling = cancelling or live.cancel
        if live.running:
            state = JobState.RUNNING
    abandoned = runner.is_abandoned(job)
    label = str(JobState(state).label)
    if abandoned:
        label = _("Bị bỏ dở")
    elif cancelling and state in (JobState.QUEUED, JobState.RUNNING):
        label = _("Đang hủy…")
    return Status(state, label, phase, done, total, bool(cancelling), abandoned)


def _jobs(request: HttpRequest) -> QuerySet[Job]:
    return scope.scoped(
        request.user,
        Job.objects.select_related("organisation__structure", "started_by"),
        via="organisation",
    )


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    exports.purge_expired()
    jobs = list(_jobs(request)[:50])
    rows = [{"job": job, "s": status(job)} for job in jobs]
    return render(request, "jobs/list.html", {"rows": rows})


class _UnsavedSession:
    """A session that reads through and never writes back.

    SESSION_SAVE_EVERY_REQUEST writes the session on every response; on SQLite
    that write waits for the running import's transaction, which holds the one
    write lock until it ends, so the progress page would freeze exactly while
    there is progress to show. Watching a job need not extend the session.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __getitem__(self, key: str) -> Any:
        return self._inner[key]

    def __contains__(self, key: str) -> bool:
        return key in self._inner

    def save(self, must_create: bool = False) -> None:
        return None


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    request.session = _UnsavedSession(request.session)  # type: ignore[assignment]
    job = get_object_or_404(_jobs(request), pk=pk)
    context: dict[str, Any] = {
        "job": job,
        "s": status(job),
        "may_cancel": job.started_by_id == request.user.pk
        or scope.can_write(request.user, job.organisation),
        # The file is the asker's alone: others see the job's progress, not its download.
        "mine": job.started_by_id == request.user.pk,
        "file_kept": job.kind == JobKind.EXPORT and exports.stored_file(job) is not None,
        "kept_until": exports.kept_until(job),
    }
    template = "jobs/_status.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_jobs(request), pk=pk)
    try:
        do_cancel_job(job, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        for reason in exc.reasons:
            messages.error(request, reason)
    else:
        messages.info(
            request, _("Đã yêu cầu hủy: việc dừng trong giây lát và không có gì được ghi.")
        )
    return redirect("jobs_detail", pk=job.pk)


@require_GET
@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The finished file of an export, for the user who asked for it only (others: 404)."""
    asker = scope.acting_user(request)
    job = get_object_or_404(
        _jobs(request).filter(kind=JobKind.EXPORT, state=JobState.DONE, started_by=asker),
        pk=pk,
    )
    path = exports.stored_file(job)
    if path is None or not isinstance(job.result, dict):
        raise Http404(_("Tệp không còn: tệp xuất được giữ 24 giờ. Hãy xuất lại."))
    log.record(
        "job.download",
        actor=asker,
        organisation=job.organisation,
        target=f"{job.get_kind_display()} #{job.pk}",
    )
    name = str(job.result["file"])
    kind = CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower())
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type=kind)
    response["Cache-Control"] = "private, no-store"
    return response
