"""The ballot sheets cut into equal papers: each cut line on the middle of the A4 sheet."""

from __future__ import annotations

import pytest
from docx.shared import Mm

from daihoi.core import letterhead as ph
from daihoi.elections.ballots_docx import FOUR_UP, TWO_UP, BallotLayout, _page_setup, _sheet


def _mm(length: int) -> float:
    return round(length / Mm(1), 1)


@pytest.mark.parametrize("layout", [FOUR_UP, TWO_UP], ids=["four", "two"])
def test_the_cut_lines_halve_the_sheet(layout: BallotLayout) -> None:
    doc = ph.new_document()
    _page_setup(doc, layout)
    table = _sheet(doc, layout)
    section = doc.sections[0]
    width, height = _mm(section.page_width), _mm(section.page_height)
    column = _mm(table.columns[0].width)
    assert _mm(section.left_margin) + column == pytest.approx(width / 2, abs=0.2)
    assert _mm(section.left_margin) + column * layout.cols <= width - _mm(section.right_margin)
    if layout.rows > 1:
        row = _mm(table.rows[0].height)
        assert _mm(section.top_margin) + row == pytest.approx(height / 2, abs=0.2)
        assert _mm(section.top_margin) + 2 * row <= height - _mm(section.bottom_margin)


def test_four_ballots_are_a6_quarters_of_an_upright_sheet() -> None:
    doc = ph.new_document()
    _page_setup(doc, FOUR_UP)
    section = doc.sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210.0, 297.0)
    assert _mm(section.top_margin) == 11.5  # 1.5 mm of the rows' slack above them
