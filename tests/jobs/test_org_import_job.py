"""An organisation import runs as a job: live progress, a cancel that writes nothing, failures.

These run the job in the test's thread (a job started inside a transaction runs
inline: a thread could not see the uncommitted rows); test_threaded.py runs it in
the server's background thread against a real `daihoi serve`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from daihoi.audit.models import AuditEntry
from daihoi.jobs import runner
from daihoi.jobs.models import Job, JobKind, JobState
from daihoi.orgs import import_job
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Organisation
from tests.conftest import login, org
from tests.orgs.helpers import csv_bytes, table

pytestmark = pytest.mark.django_db

IMPORT_URL = "/to-chuc/2020/188/nhap/tai-len/"


def renaming_file(count: int, new: int = 3) -> bytes:
    """A file renaming `count` organisations under Lộc Bình and adding `new` cells."""
    root = org("188")
    below = list(
        Organisation.objects.filter(path__startswith=root.path, depth__gt=root.depth)
        .select_related("level")
        .order_by("path")[:count]
    )
    code_of = {o.path: o.code for o in [root, *below]}
    step = Organisation.steplen
    lines = ["code,parent_code,name,level"]
    for o in below:
        lines.append(f"{o.code},{code_of[o.path[:-step]]},{o.name} (đổi tên),{o.level.rank}")
    lines += [f"188-J{i},188,Đảng bộ Mới {i},3" for i in range(new)]
    return csv_bytes(*lines)


def upload(client: Client, data: bytes) -> Any:
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile("ds.csv", data)})


def job_of(response: Any) -> Job:
    match = re.fullmatch(r"/viec/(\d+)/", response["Location"])
    assert match, response["Location"]
    return Job.objects.get(pk=int(match.group(1)))


@pytest.fixture
def during_import(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[str, int, int], None]]:
    """Hooks called at each progress report of the import, before the job's own callback."""
    hooks: list[Callable[[str, int, int], None]] = []

    def spied(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
        def report(label: str, done: int, total: int) -> None:
            for hook in hooks:
                hook(label, done, total)
            progress(label, done, total)

        return do_import_organisations(*args, progress=report, **kwargs)

    monkeypatch.setattr(import_job, "do_import_organisations", spied)
    return hooks


def test_a_valid_upload_becomes_a_job_whose_page_shows_the_counts() -> None:
    client = login("locbinh")
    response = upload(client, csv_bytes("code,parent_code,name,level", "188-J1,188,Đảng bộ A,3"))
    assert response.status_code == 302
    job = job_of(response)
    assert (job.kind, job.state, job.organisation.code) == (JobKind.ORG_IMPORT, "done", "188")
    page = client.get(response["Location"]).content.decode()
    assert "thêm mới 1, cập nhật 0" in page
    assert 'href="/to-chuc/2020/188/"' in page
    assert 'hx-trigger="every 1s"' not in page  # a finished job is not polled
    assert org("188-J1").name == "Đảng bộ A"
    assert AuditEntry.objects.filter(action="job.start", actor_name="locbinh").exists()


def test_an_invalid_upload_shows_its_errors_at_once_and_starts_no_job() -> None:
    client = login("locbinh")
    before = Job.objects.count()
    response = upload(client, csv_bytes("code,parent_code,name,level", "188-J1,KHONGCO,B,3"))
    assert response.status_code == 400
    assert "1 lỗi — chưa có gì được ghi" in response.content.decode()
    assert Job.objects.count() == before


def test_the_page_shows_the_progress_while_the_import_writes(
    during_import: list[Callable[[str, int, int], None]],
) -> None:
    client = login("locbinh")
    seen: list[str] = []

    def look(label: str, done: int, total: int) -> None:
        job = Job.objects.latest("pk")
        fragment = client.get(f"/viec/{job.pk}/", headers={"HX-Request": "true"})
        seen.append(fragment.content.decode())

    during_import.append(look)
    job = job_of(upload(client, renaming_file(250)))
    assert job.state == JobState.DONE
    # The first look comes before the job's callback records the call it looks at.
    mid = seen[2]
    assert 'hx-trigger="every 1s"' in mid
    assert "Đang cập nhật tổ chức" in mid
    assert '<progress max="250" value="100"' in mid
    assert "100 / 250 (40%)" in mid
    assert "Hủy" in mid


def test_a_cancel_midway_rolls_the_whole_import_back(
    during_import: list[Callable[[str, int, int], None]],
) -> None:
    client = login("locbinh")
    names = dict(Organisation.objects.values_list("code", "name"))
    audit = AuditEntry.objects.filter(action__startswith="org.").count()
    posted: list[int] = []

    def cancel_once(label: str, done: int, total: int) -> None:
        # The user presses Hủy after some cells were created and 100 renamed.
        if label == "Đang cập nhật tổ chức" and not posted:
            job = Job.objects.latest("pk")
            posted.append(client.post(f"/viec/{job.pk}/huy/").status_code)

    during_import.append(cancel_once)
    job = job_of(upload(client, renaming_file(250)))
    assert posted == [302]
    assert job.state == JobState.CANCELLED
    assert dict(Organisation.objects.values_list("code", "name")) == names
    assert AuditEntry.objects.filter(action__startswith="org.").count() == audit
    cancel = AuditEntry.objects.get(action="job.cancel")
    assert cancel.actor_name == "locbinh"
    assert cancel.organisation == org("188")
    page = client.get(f"/viec/{job.pk}/").content.decode()
    assert "Đã hủy, không có gì được ghi." in page
    assert 'hx-trigger="every 1s"' not in page


def test_a_write_that_fails_is_reported_and_writes_nothing() -> None:
    # The tree changes between the check and the write: a code of the file now exists.
    stale = plan_import(
        org("188").structure,
        table("code,parent_code,name,level", "188-J1,188,Đảng bộ A,3", "188-J2,188,B,3"),
        scope_path=org("188").path,
    )
    other = plan_import(
        org("188").structure, table("code,parent_code,name,level", "188-J1,188,C,3")
    )
    do_import_organisations(other, acting_user=None)
    staff = login("locbinh")
    from daihoi.accounts.models import User

    job = import_job.do_start_org_import(
        org("188"), stale, source="ds.csv", acting_user=User.objects.get(username="locbinh")
    )
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert not Organisation.objects.filter(code="188-J2").exists()
    page = staff.get(f"/viec/{job.pk}/").content.decode()
    assert "Cây tổ chức đã thay đổi từ lúc kiểm tra tệp" in page


def test_another_provinces_job_does_not_exist_for_loc_binh() -> None:
    soc_trang = login("soctrang")
    response = soc_trang.post(
        "/to-chuc/2020/94/nhap/tai-len/",
        {
            "file": SimpleUploadedFile(
                "ds.csv", csv_bytes("code,parent_code,name,level", "94-J,94,X,2")
            )
        },
    )
    job = job_of(response)
    loc_binh = login("locbinh")
    assert loc_binh.get(f"/viec/{job.pk}/").status_code == 404
    assert loc_binh.post(f"/viec/{job.pk}/huy/").status_code == 404
    assert f"/viec/{job.pk}/" not in loc_binh.get("/viec/").content.decode()
    assert f"/viec/{job.pk}/" in soc_trang.get("/viec/").content.decode()


def test_a_finished_job_cannot_be_cancelled() -> None:
    client = login("locbinh")
    job = job_of(upload(client, csv_bytes("code,parent_code,name,level", "188-J1,188,A,3")))
    page = client.post(f"/viec/{job.pk}/huy/", follow=True).content.decode()
    assert "Việc đã kết thúc (Đã xong); không thể hủy." in page
    assert not AuditEntry.objects.filter(action="job.cancel").exists()


def test_a_reader_of_the_subtree_sees_the_job_but_may_not_cancel_it() -> None:
    from daihoi.accounts.models import Role, User

    User.objects.create_user("doc-viec", organisation=org("188"), roles=[Role.COUNTING_BOARD])
    job = Job.objects.create(
        kind=JobKind.ORG_IMPORT,
        organisation=org("188"),
        started_by=User.objects.get(username="locbinh"),
        state=JobState.RUNNING,
        heartbeat_at=timezone.now(),
    )
    reader = login("doc-viec")
    page = reader.get(f"/viec/{job.pk}/").content.decode()
    assert "Đang chạy" in page and "/huy/" not in page
    refused = reader.post(f"/viec/{job.pk}/huy/", follow=True).content.decode()
    assert "Bạn không có quyền hủy việc này." in refused
    job.refresh_from_db()
    assert not job.cancel_requested


def test_a_job_whose_server_died_shows_as_abandoned_and_can_be_closed() -> None:
    from daihoi.accounts.models import User

    long_ago = timezone.now() - runner.STALE_AFTER - dt.timedelta(seconds=5)
    job = Job.objects.create(
        kind=JobKind.ORG_IMPORT,
        organisation=org("188"),
        started_by=User.objects.get(username="locbinh"),
        state=JobState.RUNNING,
        heartbeat_at=long_ago,
        done=5000,
        total=20000,
    )
    client = login("locbinh")
    page = client.get(f"/viec/{job.pk}/").content.decode()
    assert "Bị bỏ dở" in page
    assert 'hx-trigger="every 1s"' not in page
    client.post(f"/viec/{job.pk}/huy/")
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED
    assert AuditEntry.objects.filter(action="job.cancel", actor_name="locbinh").exists()


def test_a_running_job_with_a_fresh_heartbeat_is_not_abandoned() -> None:
    job = Job(state=JobState.RUNNING, pk=10**9, created_at=timezone.now())
    job.heartbeat_at = timezone.now() - dt.timedelta(seconds=5)
    assert not runner.is_abandoned(job)
    job.heartbeat_at -= runner.STALE_AFTER
    assert runner.is_abandoned(job)


def test_several_sqlite_server_processes_send_imports_to_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another worker could neither follow nor cancel the job: refuse it, write nothing."""
    from django.db import connection

    monkeypatch.setenv(runner.PROCESSES_VARIABLE, "4")
    client = login("locbinh")
    before = Organisation.objects.count()
    response = upload(client, renaming_file(5))
    if connection.vendor != "sqlite":
        # The syncer carries progress and cancel between processes on PostgreSQL.
        assert response.status_code == 302
        return
    assert response.status_code == 409
    assert "daihoi import-orgs" in response.content.decode()
    assert not Job.objects.exists()
    assert Organisation.objects.count() == before
    assert not Organisation.objects.filter(name__endswith="(đổi tên)").exists()
    monkeypatch.setenv(runner.PROCESSES_VARIABLE, "1")
    assert upload(client, renaming_file(5)).status_code == 302
