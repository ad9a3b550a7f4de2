"""Approving many units at once as a background job: all of them or none, refusals named.

A handful of units is approved in the request; more than APPROVALS_JOB_UNITS
(settings, 20 by default) is queued, so a province approving every district
never holds a server worker. The job runs the same action, do_approve_many.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from daihoi.campaigns.actions.approvals import do_approve_many
from daihoi.campaigns.models import ApprovalKind, Congress
from daihoi.core.errors import ActionRefused
from daihoi.jobs import runner
from daihoi.jobs.actions import do_create_job
from daihoi.jobs.models import Job, JobKind

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

UNITS_DEFAULT = 20


def runs_as_job(units: int) -> bool:
    """More units than the limit run as a job (if jobs can be followed from this server)."""
    limit = int(getattr(settings, "APPROVALS_JOB_UNITS", UNITS_DEFAULT))
    return units > limit and runner.can_run_here()


def do_start_bulk_approval(
    org: Organisation,
    congresses: Sequence[Congress],
    kind: str,
    *,
    acting_user: User,
    note: str = "",
    page: str,
) -> Job:
    """Queue the approval of the chosen units below `org`; `page` is where the job links back."""
    label = ApprovalKind(kind).label
    job = do_create_job(
        JobKind.BULK_APPROVAL,
        org,
        source=f"{label}: {len(congresses)}",
        acting_user=acting_user,
    )
    ids = [c.pk for c in congresses]

    def body(progress: runner.Progress) -> dict[str, object]:
        # Read again in the job: the request's objects belong to its thread.
        chosen = list(Congress.objects.filter(pk__in=ids).select_related("organisation"))
        try:
            done = do_approve_many(
                chosen, kind, acting_user=acting_user, note=note, progress=progress
            )
        except ActionRefused as exc:
            raise runner.JobFailed(list(exc.reasons)) from exc
        except PermissionDenied as exc:
            raise runner.JobFailed([_("Chỉ cấp ủy cấp trên mới duyệt được.")]) from exc
        return {"approved": len(done), "link": page}

    runner.submit(job, body)
    return job
