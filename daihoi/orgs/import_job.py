"""The organisation import as a background job: the page follows it and may cancel it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError
from django.urls import reverse
from django.utils.translation import gettext as _

from daihoi.jobs import runner
from daihoi.jobs.actions import do_create_job
from daihoi.jobs.models import Job, JobKind
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.importer import ImportPlan, ImportRejected

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation


def do_start_org_import(
    organisation: Organisation, plan: ImportPlan, *, source: str, acting_user: User
) -> Job:
    """Queue a validated organisation import; it writes all of it or nothing."""
    job = do_create_job(JobKind.ORG_IMPORT, organisation, source=source, acting_user=acting_user)
    link = reverse("org_detail", args=[organisation.structure.code, organisation.code])

    def body(progress: runner.Progress) -> dict[str, object]:
        try:
            result = do_import_organisations(
                plan, acting_user=acting_user, source=source, progress=progress
            )
        except ImportRejected as exc:
            raise runner.JobFailed([str(e) for e in exc.errors]) from exc
        except IntegrityError as exc:
            # The tree changed between the check and the write (another import, an edit).
            raise runner.JobFailed(
                [
                    _(
                        "Cây tổ chức đã thay đổi từ lúc kiểm tra tệp (một mã đã có); "
                        "hãy tải tệp lên lại."
                    )
                ]
            ) from exc
        return {"rows": len(plan.rows), **result.__dict__, "link": link}

    runner.submit(job, body)
    return job
