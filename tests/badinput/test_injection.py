"""HTML and formula injection through an organisation's name.

A commune of Lộc Bình is renamed to markup or to a spreadsheet formula: the
pages show the text escaped, the Excel export stores it as text (never a
formula), and the Word report writes it literally (never a field).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from daihoi.accounts.models import User
from daihoi.campaigns.models import Campaign
from daihoi.orgs.actions import do_update_organisation
from daihoi.orgs.models import Organisation
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import login, org

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("http://x","y")'
# Other starts a spreadsheet reads as a formula (DDE and arithmetic).
OTHER_FORMULAS = ["@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-1+1"]
AS_OF = "20/02/2020"
COMMUNE = "06553"  # Đảng bộ xã Đồng Bục, Lộc Bình


@dataclass
class Renamed:
    name: str
    commune: Organisation
    client: Client


def rename(code: str, name: str) -> Organisation:
    commune = org(code)
    do_update_organisation(
        commune, {"name": name}, acting_user=User.objects.get(username="locbinh")
    )
    return org(code)


@pytest.fixture(params=[SCRIPT, HYPERLINK], ids=["script", "hyperlink"])
def renamed(request: pytest.FixtureRequest) -> Renamed:
    name: str = request.param
    return Renamed(name, rename(COMMUNE, name), login("locbinh"))


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_escaped(text: str, name: str) -> None:
    assert html.escape(name) in text
    if "<" in name:
        assert name not in text
    assert 'href="http://x"' not in text


# --- pages ------------------------------------------------------------------


def test_the_organisation_page_escapes_the_name(renamed: Renamed) -> None:
    assert_escaped(page(renamed.client, f"/to-chuc/2020/{COMMUNE}/"), renamed.name)


def test_the_parent_page_lists_the_child_escaped(renamed: Renamed) -> None:
    assert_escaped(page(renamed.client, "/to-chuc/2020/188/"), renamed.name)


def test_the_search_results_escape_the_name(renamed: Renamed) -> None:
    query = "alert" if renamed.name == SCRIPT else "HYPERLINK"
    for url in (f"/tim-kiem/?q={query}", f"/tim-kiem/?q={COMMUNE}"):
        text = page(renamed.client, url)
        assert f'href="/to-chuc/2020/{COMMUNE}/"' in text, url
        assert_escaped(text, renamed.name)
    htmx = renamed.client.get(f"/tim-kiem/?q={query}", headers={"HX-Request": "true"})
    assert_escaped(htmx.content.decode(), renamed.name)


def test_the_search_query_is_echoed_escaped(renamed: Renamed) -> None:
    text = page(renamed.client, "/tim-kiem/?q=<img src=x onerror=alert(2)>")
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text


def test_the_audit_page_escapes_the_old_and_new_names(renamed: Renamed) -> None:
    for url in (f"/to-chuc/2020/{COMMUNE}/nhat-ky/", "/to-chuc/2020/188/nhat-ky/"):
        text = page(renamed.client, url)
        assert_escaped(text, renamed.name)
        assert "Đảng bộ xã Đồng Bục" in text  # the name before


def test_the_api_returns_the_name_as_plain_json_text(renamed: Renamed) -> None:
    body = renamed.client.get(f"/api/orgs/2020/{COMMUNE}").json()
    assert body["name"] == renamed.name


# --- exports ------------------------------------------------------------------


@pytest.fixture
def campaign() -> Campaign:
    """Every congress under Lộc Bình planned before the report's day and not held: all late."""
    found = small_campaign("tiem-nhiem")
    open_congresses(found, "188", planned_date=dt.date(2020, 2, 1))
    return found


def download(client: Client, campaign: Campaign, code: str, extension: str) -> bytes:
    response = client.get(f"/bao-cao/{campaign.slug}/{code}/tien-do.{extension}", {"ngay": AS_OF})
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)  # a FileResponse, written as it streams


@pytest.mark.parametrize("name", [SCRIPT, HYPERLINK, *OTHER_FORMULAS])
def test_the_progress_workbook_stores_the_name_as_text(campaign: Campaign, name: str) -> None:
    rename(COMMUNE, name)
    data = download(login("locbinh"), campaign, "188", "xlsx")
    book = load_workbook(io.BytesIO(data))
    found = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == name
    ]
    # The commune's row on its level's sheet, and in the late list as a name and as a parent.
    assert len(found) >= 3, [s.title for s in book.worksheets]
    for cell in found:
        assert cell.data_type == "s", cell.coordinate
        if name.startswith(("=", "+", "-", "@")):
            assert cell.quotePrefix, cell.coordinate
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(member).decode(), member


def test_the_progress_workbook_of_a_renamed_report_root(campaign: Campaign) -> None:
    rename("188", HYPERLINK)
    book = load_workbook(io.BytesIO(download(login("locbinh"), campaign, "188", "xlsx")))
    title = book.worksheets[0]["B3"]
    assert (title.value, title.data_type, title.quotePrefix) == (HYPERLINK, "s", True)


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph's text, in the body and in table cells."""
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


def assert_no_fields_or_links(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert not re.search(r"<w:(fldSimple|instrText|hyperlink)\b", xml)
    assert "<script" not in xml


@pytest.mark.parametrize("name", [SCRIPT, HYPERLINK])
def test_the_word_report_writes_the_name_literally(campaign: Campaign, name: str) -> None:
    rename(COMMUNE, name)
    data = download(login("locbinh"), campaign, "188", "docx")
    texts = docx_texts(data)
    # The commune's row in the table of units (the late list shows only the first few).
    assert name in texts, texts
    assert_no_fields_or_links(data)


@pytest.mark.parametrize("name", [SCRIPT, HYPERLINK])
def test_the_word_report_of_a_renamed_report_root(campaign: Campaign, name: str) -> None:
    rename("188", name)
    data = download(login("locbinh"), campaign, "188", "docx")
    assert any(name in text for text in docx_texts(data))
    assert_no_fields_or_links(data)
