"""The composition roll-up's files as jobs: a row per child, their figures, write-only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from daihoi.campaigns.models import Campaign
from daihoi.jobs.models import JobKind, JobState
from daihoi.orgs.tree import children
from daihoi.personnel.demo import load_demo_personnel
from daihoi.personnel.rollup import rollup
from tests.conftest import login, org
from tests.jobs.exports_helpers import as_jobs, body, download, job_of, moved, reports, sheet_xml

pytestmark = pytest.mark.django_db
__all__ = ["as_jobs", "reports"]  # fixtures
DAY = dt.date(2020, 10, 31)


@pytest.fixture
def demo(demo_campaign: Campaign) -> Campaign:
    load_demo_personnel(demo_campaign, ["94"], lambda line: None)
    return demo_campaign


def test_the_workbook_of_many_children_is_a_job_with_each_childs_figures(
    demo: Campaign, as_jobs: None, reports: list[tuple[str, int, int]]
) -> None:
    client = login("soctrang")
    url = reverse("personnel_rollup_xlsx", args=[demo.slug, "94"])
    job = job_of(client.get(url, {"ngay": "31/10/2020"}))
    assert (job.kind, job.state) == (JobKind.EXPORT, JobState.DONE)
    data = body(download(client, job))
    assert "<dimension" not in sheet_xml(data, 1)  # streamed: write-only
    sheet = load_workbook(io.BytesIO(data)).active
    lines = {row[0]: row[1:] for row in sheet.iter_rows(min_row=5, values_only=True)}
    units = list(children(org("94")))
    assert len(lines) == len(units) + 1  # and the total
    for unit in units:
        figures = rollup(demo, unit.path, DAY)
        count, first, share = lines[unit.name][:3]
        assert (count, first) == (figures.total, figures.first_time)
        assert share == pytest.approx(float(figures.share(figures.first_time))) or not count
    total = rollup(demo, org("94").path, DAY)
    assert lines[f"Tổng cộng {org('94').name}"][0] == total.total > 0
    assert moved(reports, "Đơn vị trực thuộc") == list(range(len(units) + 1))


def test_the_word_report_of_many_children_is_a_job(demo: Campaign, as_jobs: None) -> None:
    client = login("soctrang")
    url = reverse("personnel_rollup_docx", args=[demo.slug, "94"])
    job = job_of(client.get(url, {"ngay": "31/10/2020"}))
    document = Document(io.BytesIO(body(download(client, job))))
    table = next(t for t in document.tables if len(t.columns) == 6)
    assert len(table.rows) == org("94").numchild + 1
    assert download(login("quantri"), job).status_code == 404


def test_the_word_report_reads_and_lists_docx_rows_children_at_most(
    demo: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    from daihoi.jobs import exports

    monkeypatch.setattr(exports, "DOCX_ROWS", 2)
    url = reverse("personnel_rollup_docx", args=[demo.slug, "94"])
    response = login("soctrang").get(url, {"ngay": "31/10/2020"})
    document = Document(io.BytesIO(body(response)))  # direct: bounded whatever the children
    table = next(t for t in document.tables if len(t.columns) == 6)
    assert len(table.rows) == 1 + 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"còn {org('94').numchild - 2} đơn vị khác" in text
