"""DOCX tables sized to A4: the columns share the text width by their content's weight."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from daihoi.core import letterhead as ph
from tests.core.printing import assert_fits_a4


def test_a_table_fills_the_text_width_of_a4_in_proportion_to_the_weights() -> None:
    doc = ph.new_document()
    table = doc.add_table(rows=1, cols=3)
    ph.fit_columns(table, [1, 5, 2])
    for n in range(3):
        cells = table.add_row().cells
        cells[1].text = f"Đảng bộ xã Tú Đoạn số {n}"
    saved = Document(io.BytesIO(ph.document_bytes(doc)))

    widths = assert_fits_a4(saved.tables[0])
    assert widths[1] == round(165 * 5 / 8, 1)
    assert widths[0] < 25 < widths[2] < widths[1]


def test_refitting_a_table_keeps_one_width_element() -> None:
    doc = ph.new_document()
    table = doc.add_table(rows=2, cols=2)
    ph.fit_columns(table, [1, 1])
    ph.fit_columns(table, [1, 3])
    assert len(table._tbl.tblPr.findall(qn("w:tblW"))) == 1
    assert_fits_a4(table)
