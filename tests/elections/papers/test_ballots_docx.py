"""The printed ballots (elections/ballots_docx.py), opened in Word as the board reads them."""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn

from daihoi.accounts.models import User
from daihoi.elections.ballots_docx import ballot_document, congress_heading
from daihoi.elections.models import Election
from tests.elections.papers.helpers import (
    BALLOT_ORDER,
    CONGRESS,
    NAMES,
    all_text,
    ballot_cells,
    ballot_cells_of,
    cell_text,
    draft,
    grid_rows,
    issued,
    open_docx,
    page_count,
    standing_election,
)

pytestmark = pytest.mark.django_db


def test_the_ballots_carry_no_number_and_are_issued_by_the_congress() -> None:
    election = issued(NAMES, 3, 10)
    doc = open_docx(ballot_document(election))
    text = all_text(doc)
    assert text.count("PHIẾU BẦU CỬ") == 10
    assert not re.search(r"Số:\s*\d", text)
    assert not re.search(r"\b0\d\d\b", text)  # no 001, 002 … anywhere
    assert text.replace("\n", " ").count(CONGRESS) == 10
    assert "BAN CHẤP HÀNH" not in text  # issued by the congress, not the committee
    assert text.count("Bầu Ban Chấp hành Đảng bộ huyện khóa XXI") == 10
    assert text.count("Gạch ngang cả họ và tên người không bầu") == 10
    assert text.count("Dấu của ban kiểm phiếu") == 10
    assert text.count("Số phiếu\n(Ban kiểm phiếu ghi sau khi mở hòm phiếu)") == 10
    assert text.count("đánh số các phiếu thu vào từ 1 đến N") == 10
    assert "Đồng ý" not in text
    lists = grid_rows(doc)
    assert len(lists) == 10
    for rows in lists:
        assert rows == [["STT", "Họ và tên"]] + [
            [str(i), n] for i, n in enumerate(BALLOT_ORDER, start=1)
        ]


def test_every_ballot_of_a_run_is_the_same_paper() -> None:
    # Nothing on one paper tells it from another: no number, no position mark.
    cells = ballot_cells(open_docx(ballot_document(issued(NAMES, 3, 7))))
    assert len(cells) == 7
    assert len(set(cells)) == 1


def test_a_short_list_prints_four_ballots_to_a_sheet_with_dashed_cut_lines() -> None:
    election = issued(NAMES, 3, 10)
    data = ballot_document(election)
    assert page_count(data) == 3  # 4 + 4 + 2
    doc = open_docx(data)
    sheets = [t for t in doc.tables if "PHIẾU BẦU CỬ" in cell_text(t.rows[0].cells[0])]
    assert [len(t.rows) * len(t.columns) for t in sheets] == [4, 4, 4]
    assert [len(ballot_cells_of(t)) for t in sheets] == [4, 4, 2]
    borders = sheets[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "dashed"
    assert borders.find(qn("w:insideV")).get(qn("w:val")) == "dashed"
    assert borders.find(qn("w:top")).get(qn("w:val")) == "nil"
    section = doc.sections[0]
    assert section.page_width < section.page_height  # A4 upright, quartered into A6


@pytest.mark.parametrize(("copies", "pages"), [(1, 1), (4, 1), (5, 2), (8, 2), (9, 3), (13, 4)])
def test_n_copies_of_a_four_name_list_print_on_n_quarters_rounded_up(
    copies: int, pages: int
) -> None:
    data = ballot_document(issued(NAMES, 3, 99), copies=copies)
    assert page_count(data) == pages
    assert all_text(open_docx(data)).count("PHIẾU BẦU CỬ") == copies


def test_a_list_of_up_to_twenty_prints_two_ballots_to_a_landscape_sheet() -> None:
    names = [f"Nguyễn Văn {chr(ord('A') + i)}" for i in range(15)]
    data = ballot_document(issued(names, 12, 5))
    assert page_count(data) == 3  # 2 + 2 + 1
    doc = open_docx(data)
    assert all_text(doc).count("PHIẾU BẦU CỬ") == 5
    section = doc.sections[0]
    assert section.page_width > section.page_height  # A4 on its side, halved into A5


def test_a_25_name_list_prints_one_ballot_per_page() -> None:
    names = [f"Trần Thị {chr(ord('A') + i)}" for i in range(25)]
    data = ballot_document(issued(names, 20, 3))
    assert page_count(data) == 3
    doc = open_docx(data)
    text = all_text(doc)
    assert text.count("PHIẾU BẦU CỬ") == 3
    assert text.replace("\n", " ").count(CONGRESS) == 3
    assert not re.search(r"Số:\s*\d", text)
    assert [len(rows) for rows in grid_rows(doc)] == [26, 26, 26]
    section = doc.sections[0]
    assert section.page_width < section.page_height


def test_printing_a_number_of_copies_overrides_the_number_issued_and_records_nothing() -> None:
    election = issued(NAMES, 3, 10)
    doc = open_docx(ballot_document(election, copies=2))
    assert all_text(doc).count("PHIẾU BẦU CỬ") == 2
    election.refresh_from_db()
    assert election.ballots_issued == 10


def test_a_list_without_surplus_gets_agree_and_disagree_columns() -> None:
    staff = User.objects.get(username="locbinh")
    election = draft(staff, NAMES[:3], 3)
    doc = open_docx(ballot_document(election, copies=2))
    lists = grid_rows(doc)
    assert len(lists) == 2
    assert lists[0][0] == ["STT", "Họ và tên", "Đồng ý", "Không đồng ý"]
    assert [row[1] for row in lists[0][1:]] == ["Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung"]
    assert all(row[2:] == ["", ""] for row in lists[0][1:])
    assert "Gạch ngang" not in all_text(doc)


def test_a_later_round_says_so_on_the_ballot() -> None:
    election = issued(NAMES, 3, 1)
    Election.objects.filter(pk=election.pk).update(round_no=2)
    election.refresh_from_db()
    assert "(Bầu lần thứ 2)" in all_text(open_docx(ballot_document(election)))


@pytest.mark.parametrize(
    ("org_name", "ordinal", "term", "centre", "lines"),
    [
        (
            "Đảng bộ huyện Lộc Bình",
            21,
            "2025–2030",
            False,
            ("ĐẠI HỘI ĐẢNG BỘ HUYỆN LỘC BÌNH", "LẦN THỨ XXI, NHIỆM KỲ 2025–2030"),
        ),
        (
            "Chi bộ Sở Tư pháp",
            9,
            "2025–2027",
            False,
            ("ĐẠI HỘI CHI BỘ SỞ TƯ PHÁP", "LẦN THỨ IX, NHIỆM KỲ 2025–2027"),
        ),
        (
            "Đảng bộ tỉnh Sóc Trăng",
            None,
            "2025–2030",
            False,
            ("ĐẠI HỘI ĐẢNG BỘ TỈNH SÓC TRĂNG", "NHIỆM KỲ 2025–2030"),
        ),
        (
            "Đảng Cộng sản Việt Nam",
            14,
            "",
            True,
            ("ĐẠI HỘI ĐẠI BIỂU TOÀN QUỐC", "LẦN THỨ XIV CỦA ĐẢNG"),
        ),
    ],
)
def test_the_ballot_header_names_the_congress(
    org_name: str, ordinal: int | None, term: str, centre: bool, lines: tuple[str, str]
) -> None:
    assert congress_heading(org_name, ordinal=ordinal, term=term, centre=centre) == lines


def test_ballots_are_refused_without_names_or_without_a_number_of_ballots() -> None:
    staff = User.objects.get(username="locbinh")
    empty = draft(staff, [], 3)
    with pytest.raises(ValueError, match="chưa có tên"):
        ballot_document(empty, copies=5)
    listed = standing_election(staff)
    with pytest.raises(ValueError, match="số phiếu"):
        ballot_document(listed)
