"""Who may open the pages of long jobs (rows of tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.jobs import exports
from daihoi.jobs.models import Job, JobKind, JobState
from daihoi.orgs.models import Organisation

LOGIN = "login"

MATRIX: dict[str, list[object]] = {
    # The list shows every user the jobs of their own subtree (maybe none).
    "jobs_list": [200, 200, 200, 200, 200, 200, LOGIN],
    # A job at Lộc Bình: its subtree sees it; the delegate's cell and Sóc Trăng do not.
    "jobs_detail": [200, 200, 200, 200, 404, 404, LOGIN],
    # Cancelling is a POST; a GET is refused by method whoever asks.
    "jobs_cancel": [405, 405, 405, 405, 405, 405, LOGIN],
    # An export's file is the asker's (Lộc Bình's officer) alone: 404 even for the national admin.
    "jobs_download": [404, 404, 200, 404, 404, 404, LOGIN],
}


def world(base: dict[str, object]) -> dict[str, object]:
    job = Job.objects.create(
        kind=JobKind.ORG_IMPORT,
        organisation=Organisation.objects.get(structure__code="2020", code="188"),
        started_by=User.objects.get(username="locbinh"),
        source="ds.csv",
        state=JobState.DONE,
        result={"rows": 1, "created": 1, "updated": 0, "moved": 0, "unchanged": 0},
    )
    export = Job.objects.create(
        kind=JobKind.EXPORT,
        organisation=job.organisation,
        started_by=job.started_by,
        source="tien-do-188.xlsx",
        state=JobState.DONE,
        result={"file": "tien-do-188.xlsx", "rows": 1},
    )
    place = exports.folder(export.pk)
    place.mkdir(parents=True, exist_ok=True)
    (place / "file").write_bytes(b"PK")
    return {"job": job, "export": export}


def url(name: str, route: str, world: dict[str, object]) -> str:
    if name == "jobs_list":
        return reverse(name)
    job = world["export" if name == "jobs_download" else "job"]
    assert isinstance(job, Job)
    return reverse(name, kwargs={"pk": job.pk})
