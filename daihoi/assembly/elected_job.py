"""Importing the lower congresses' elected into a register, as a background job.

For the national congress that reads every province's announced elections: the
request only queues the job, so no server worker waits on it. The import itself
(actions.delegates.do_import_elected) writes all of it or nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from daihoi.assembly.access import require_manager
from daihoi.assembly.actions.delegates import do_import_elected
from daihoi.core.errors import ActionRefused
from daihoi.jobs import runner
from daihoi.jobs.actions import do_create_job
from daihoi.jobs.models import Job, JobKind

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Congress


def do_start_elected_import(congress: Congress, *, acting_user: User) -> Job:
    """Queue the import of the elected below; the job page follows it and may cancel it."""
    require_manager(acting_user, congress)
    job = do_create_job(
        JobKind.ELECTED_IMPORT,
        congress.organisation,
        source=str(congress)[:255],
        acting_user=acting_user,
    )
    link = reverse("assembly_register", args=[congress.campaign.slug, congress.organisation.code])

    def body(progress: runner.Progress) -> dict[str, object]:
        try:
            added = do_import_elected(congress, acting_user=acting_user, progress=progress)
        except ActionRefused as exc:
            raise runner.JobFailed(list(exc.reasons)) from exc
        except PermissionDenied as exc:
            # The user lost the right to keep the register since the job was queued.
            raise runner.JobFailed([_("Bạn không còn quyền lập danh sách đại biểu này.")]) from exc
        return {"added": added, "link": link}

    runner.submit(job, body)
    return job
