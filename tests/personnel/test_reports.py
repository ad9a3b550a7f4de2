"""The composition roll-up's files as they print: the workbook one page wide, Word's table on A4."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from daihoi.campaigns.models import Campaign
from daihoi.personnel.reports import rollup_document, rollup_workbook
from daihoi.personnel.rollup import Rollup
from tests.conftest import org
from tests.core.printing import assert_fits_a4, assert_prints_one_page_wide

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2020, 6, 30)


def _figures() -> tuple[Rollup, list[tuple[object, Rollup]]]:
    loc_binh = org("188")
    children = [(loc_binh, Rollup(31, 8, 7, 12, 3))]
    return Rollup(31, 8, 7, 12, 3), children


def test_the_workbook_prints_landscape_one_page_wide_with_its_header_frozen(
    demo_campaign: Campaign,
) -> None:
    total, children = _figures()
    data = rollup_workbook(demo_campaign, org("20"), AS_OF, total, children)  # type: ignore[arg-type]
    sheet = load_workbook(io.BytesIO(data))["Cơ cấu cấp ủy"]
    assert sheet["A4"].value == "Đơn vị"
    assert_prints_one_page_wide(sheet, header_row=4, frozen="B5")


def test_the_reports_table_fits_a4_with_room_for_the_units_name(
    demo_campaign: Campaign,
) -> None:
    total, children = _figures()
    data = rollup_document(demo_campaign, org("20"), AS_OF, total, children)  # type: ignore[arg-type]
    table = next(t for t in Document(io.BytesIO(data)).tables if len(t.columns) == 6)
    assert table.rows[1].cells[0].text == "Đảng bộ huyện Lộc Bình"
    widths = assert_fits_a4(table)
    # "Đảng bộ huyện Lộc Bình" on one line at 14 pt; the shares no narrower than 2 cm.
    assert widths[0] == max(widths) >= 40
    assert min(widths[2:]) >= 20
