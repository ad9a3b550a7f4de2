"""Who may open the pages of long jobs (rows of tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from daihoi.accounts.models import User
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
    return {"job": job}


def url(name: str, route: str, world: dict[str, object]) -> str:
    if name == "jobs_list":
        return reverse(name)
    job = world["job"]
    assert isinstance(job, Job)
    return reverse(name, kwargs={"pk": job.pk})
