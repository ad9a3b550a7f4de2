"""Approving more units than APPROVALS_JOB_UNITS runs as a job: all or none, refusals named."""

from __future__ import annotations

from typing import Any

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import ApprovalKind, Congress
from daihoi.jobs import runner
from daihoi.jobs.models import JobKind, JobState
from tests.campaigns.helpers import loc_binh_communes, submitted
from tests.conftest import login
from tests.jobs.exports_helpers import HOOKS, job_of, moved, reports

pytestmark = pytest.mark.django_db
__all__ = ["reports"]  # a fixture
PAGE = "/phe-duyet/thu-nghiem/188/"
BULK = PAGE + "duyet/"


@pytest.fixture
def communes(settings: Any, monkeypatch: pytest.MonkeyPatch) -> list[Congress]:
    """Lộc Bình's communes; approving more than two of them is a job."""
    settings.APPROVALS_JOB_UNITS = 2
    monkeypatch.setattr(runner, "SYNC_SECONDS", 0)
    return loc_binh_communes()


def post(chosen: list[Congress]) -> Any:
    codes = [c.organisation.code for c in chosen]
    return login("locbinh").post(BULK, {"kind": "documents", "units": codes, "note": "Nhất trí"})


def test_many_units_are_approved_by_a_job(
    communes: list[Congress], reports: list[tuple[str, int, int]]
) -> None:
    for congress in communes[:3]:
        submitted(congress, ApprovalKind.DOCUMENTS)
    job = job_of(post(communes[:3]))
    assert (job.kind, job.state, job.result["approved"]) == (JobKind.BULK_APPROVAL, "done", 3)
    assert all(c.approvals.filter(kind="documents").exists() for c in communes[:3])
    page = login("locbinh").get(f"/viec/{job.pk}/").content.decode()
    assert "Đã duyệt 3 đơn vị." in page
    assert 'href="/phe-duyet/thu-nghiem/188/?noi-dung=van-kien"' in page
    assert moved(reports, "Đang duyệt từng đơn vị") == [0, 1, 2, 3]


def test_a_few_units_are_still_approved_in_the_request(communes: list[Congress]) -> None:
    for congress in communes[:2]:
        submitted(congress, ApprovalKind.DOCUMENTS)
    response = post(communes[:2])
    assert response["Location"] == PAGE + "?noi-dung=van-kien"


def test_one_unit_refused_stops_them_all_and_the_job_names_it(communes: list[Congress]) -> None:
    for congress in communes[:2]:
        submitted(congress, ApprovalKind.DOCUMENTS)
    job = job_of(post(communes[:3]))
    assert job.state == JobState.FAILED
    assert any(communes[2].organisation.name in e for e in job.result["errors"])
    assert not any(c.approvals.exists() for c in communes[:3])
    assert not AuditEntry.objects.filter(action="congress.approve").exists()
    page = login("locbinh").get(f"/viec/{job.pk}/").content.decode()
    assert communes[2].organisation.name in page


def test_a_cancel_midway_approves_none(
    communes: list[Congress], reports: list[tuple[str, int, int]]
) -> None:
    for congress in communes[:4]:
        submitted(congress, ApprovalKind.DOCUMENTS)
    client = login("locbinh")

    def cancel(label: str, done: int, total: int) -> None:
        if label == "Đang duyệt từng đơn vị" and done == 2:
            job = client.get("/viec/").context["rows"][0]["job"]
            client.post(f"/viec/{job.pk}/huy/")

    HOOKS.append(cancel)
    job = job_of(post(communes[:4]))
    assert job.state == JobState.CANCELLED
    assert not any(c.approvals.exists() for c in communes[:4])
