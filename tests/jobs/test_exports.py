"""Exports of many rows run as jobs: the file, the bar, cancel, the asker alone, expiry.

Shown on the progress reports (XLSX and DOCX) of Lộc Bình in the demo campaign,
with the limit lowered to 5 rows; the other exports' own tests check their rows.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Campaign
from daihoi.campaigns.progress import late, levels_below
from daihoi.core import sheets
from daihoi.jobs import exports
from daihoi.jobs.models import Job, JobKind, JobState
from tests.conftest import login, org
from tests.jobs.exports_helpers import (
    HOOKS,
    as_jobs,
    body,
    download,
    job_of,
    moved,
    reports,
    sheet_xml,
)

pytestmark = pytest.mark.django_db
__all__ = ["as_jobs", "reports"]  # fixtures

DAY = {"ngay": "20/05/2020"}


def url(campaign: Campaign, name: str = "report_progress_xlsx", code: str = "188") -> str:
    return reverse(name, kwargs={"campaign": campaign.slug, "code": code})


def test_a_small_export_is_still_a_direct_download(demo_campaign: Campaign) -> None:
    before = Job.objects.count()
    response = login("locbinh").get(url(demo_campaign), DAY)
    assert response["Content-Disposition"].startswith("attachment")
    load_workbook(io.BytesIO(body(response)))
    assert Job.objects.count() == before


def test_a_large_workbook_runs_as_a_job_and_its_asker_downloads_every_row(
    demo_campaign: Campaign, as_jobs: None, reports: list[tuple[str, int, int]]
) -> None:
    client = login("locbinh")
    job = job_of(client.get(url(demo_campaign), DAY))
    assert (job.kind, job.state, job.organisation.code) == (JobKind.EXPORT, JobState.DONE, "188")
    page = client.get(f"/viec/{job.pk}/").content.decode()
    assert "Tải tệp về" in page
    assert f'href="/viec/{job.pk}/tep/"' in page
    data = body(download(client, job))
    book = load_workbook(io.BytesIO(data))
    loc_binh = org("188")
    children = loc_binh.numchild
    levels = levels_below(demo_campaign, loc_binh)
    # Each level's sheet: four lines of title and header, a row per child, the total.
    for sheet in book.worksheets[1 : 1 + len(levels)]:
        codes = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True) if row[1]]
        assert len(codes) == children
    late_count = late(demo_campaign, loc_binh, job.created_at.date().replace(2020, 5, 20)).count()
    assert late_count > 0
    assert book.worksheets[-1].max_row == 4 + late_count
    assert job.result["rows"] == children * len(levels) + late_count
    # The bar moved row by row to the end of each phase.
    units = moved(reports, "Đơn vị trực thuộc")
    assert units == list(range(children * len(levels) + 1))
    assert moved(reports, "Đại hội chậm")[-1] == late_count
    # Audited by ids: the job's number, no one's name or figures.
    entry = AuditEntry.objects.get(action="job.download")
    assert entry.target == f"Xuất tệp báo cáo #{job.pk}" and entry.after is None


def test_the_workbook_is_written_in_write_only_mode(
    demo_campaign: Campaign, as_jobs: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes: list[bool] = []
    real = sheets.Workbook

    def spied(*args: Any, **kwargs: Any) -> Any:
        modes.append(kwargs.get("write_only", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(sheets, "Workbook", spied)
    client = login("locbinh")
    data = body(download(client, job_of(client.get(url(demo_campaign), DAY))))
    assert modes == [True]
    # A streamed sheet carries no dimension (openpyxl cannot know it before the end).
    assert "<dimension" not in sheet_xml(data, 2)


def test_someone_else_gets_404_for_the_file_even_above_it(
    demo_campaign: Campaign, as_jobs: None
) -> None:
    job = job_of(login("locbinh").get(url(demo_campaign), DAY))
    for other in ("langson", "quantri", "soctrang"):
        assert download(login(other), job).status_code == 404
    # The province sees the job's progress (its subtree), not a download button.
    page = login("langson").get(f"/viec/{job.pk}/").content.decode()
    assert "/tep/" not in page
    assert "Chỉ người yêu cầu xuất tệp mới tải được tệp này." in page


def test_a_cancel_midway_leaves_no_file(
    demo_campaign: Campaign, as_jobs: None, reports: list[tuple[str, int, int]]
) -> None:
    client = login("locbinh")
    posted: list[int] = []

    def cancel_once(label: str, done: int, total: int) -> None:
        if label == "Đơn vị trực thuộc" and done == 3 and not posted:
            job = Job.objects.latest("pk")
            posted.append(client.post(f"/viec/{job.pk}/huy/").status_code)

    HOOKS.append(cancel_once)
    job = job_of(client.get(url(demo_campaign), DAY))
    assert posted == [302]
    assert job.state == JobState.CANCELLED
    assert not exports.folder(job.pk).exists()
    assert download(client, job).status_code == 404
    assert "Tải tệp về" not in client.get(f"/viec/{job.pk}/").content.decode()


def test_a_file_older_than_a_day_is_gone(demo_campaign: Campaign, as_jobs: None) -> None:
    client = login("locbinh")
    job = job_of(client.get(url(demo_campaign), DAY))
    stored = exports.folder(job.pk) / "file"
    old = time.time() - exports.KEEP.total_seconds() - 60
    os.utime(stored, (old, old))
    assert download(client, job).status_code == 404
    assert "Tệp không còn" in client.get(f"/viec/{job.pk}/").content.decode()
    os.utime(exports.folder(job.pk), (old, old))
    assert exports.purge_expired() >= 1
    assert not exports.folder(job.pk).exists()


def test_the_word_report_runs_as_a_job_with_a_row_per_child(
    demo_campaign: Campaign, as_jobs: None, reports: list[tuple[str, int, int]]
) -> None:
    client = login("locbinh")
    job = job_of(client.get(url(demo_campaign, "report_progress_docx"), {**DAY, "so": "15"}))
    assert job.state == JobState.DONE
    document = Document(io.BytesIO(body(download(client, job))))
    children = org("188").numchild
    # The children's table: a header above and the total below.
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert len(table.rows) == children + 2
    # The bar counts the table's lines: each child, then the total.
    assert moved(reports, "Đơn vị trực thuộc") == list(range(children + 2))


def test_the_completeness_workbook_runs_as_a_job_with_a_row_per_unit_below(
    demo_campaign: Campaign, as_jobs: None
) -> None:
    from daihoi.completeness.queries import summary

    client = login("locbinh")
    address = reverse("completeness_xlsx", args=[demo_campaign.slug, "188"])
    job = job_of(client.get(address, DAY))
    assert job.state == JobState.DONE
    sheet = load_workbook(io.BytesIO(body(download(client, job))))["Theo đơn vị"]
    found = summary(demo_campaign, org("188"), dt.date(2020, 5, 20))
    # A title, the header, a row per unit below, the total.
    assert sheet.max_row == 2 + len(found.by_child) + 1
    assert job.result["rows"] == len(found.by_child)
    assert download(login("langson"), job).status_code == 404


def test_the_word_report_lists_docx_rows_units_and_says_how_many_more(
    demo_campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "DOCX_ROWS", 3)
    response = login("locbinh").get(url(demo_campaign, "report_progress_docx"), DAY)
    document = Document(io.BytesIO(body(response)))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert [row.cells[1].text for row in table.rows][-1] == "Tổng cộng"
    assert len(table.rows) == 3 + 2
    more = org("188").numchild - 3
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Bảng trên liệt kê 3 đơn vị đầu tiên; còn {more} đơn vị khác" in text
