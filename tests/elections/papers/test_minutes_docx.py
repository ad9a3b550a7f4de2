"""The counting minutes (elections/minutes_docx.py) in the Party's format, read in Word."""

from __future__ import annotations

import pytest

from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.minutes_docx import minutes_document
from daihoi.elections.signing import fingerprint
from tests.elections.papers.helpers import (
    S,
    Scenario,
    all_text,
    announce,
    counted,
    grid_rows,
    open_docx,
    reconcile,
    spaced,
)

pytestmark = pytest.mark.django_db


def test_the_minutes_show_the_counts_votes_percentages_and_the_elected(
    scenario: Scenario,
) -> None:
    election = announce(scenario)
    doc = open_docx(minutes_document(election))
    text = all_text(doc)
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Bầu Ban Chấp hành Đảng bộ huyện khóa XXI" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "1. Số phiếu phát ra: 10 phiếu." in text
    assert "2. Số phiếu thu vào: 9 phiếu." in text
    assert "3. Số phiếu hợp lệ: 8 phiếu." in text
    assert "4. Số phiếu không hợp lệ: 1 phiếu." in text
    assert "- Phiếu để lại nhiều tên hơn số lượng được bầu: 1 phiếu." in text
    assert "Cơ sở tính kết quả bầu cử: 10" in text
    assert "ít nhất 6 phiếu" in text
    (table,) = grid_rows(doc)
    assert table[0][:3] == ["STT", "Họ và tên", "Số phiếu"]
    assert table[1:] == [
        ["1", "Nguyễn Văn An", "7", "70,00%", "87,50%", "Trúng cử"],
        ["2", "Trần Thị Bình", "7", "70,00%", "87,50%", "Trúng cử"],
        ["3", "Lê Văn Cường", "6", "60,00%", "75,00%", "Trúng cử"],
        ["4", "Phạm Thị Dung", "3", "30,00%", "37,50%", ""],
    ]
    elected = [
        p.text for p in doc.paragraphs if p.text.startswith(("1. Đồng chí", "2. Đồng", "3. Đồng"))
    ]
    assert elected == [
        "1. Đồng chí Nguyễn Văn An: 7 phiếu, đạt 70,00% so với cơ sở tính kết quả.",
        "2. Đồng chí Trần Thị Bình: 7 phiếu, đạt 70,00% so với cơ sở tính kết quả.",
        "3. Đồng chí Lê Văn Cường: 6 phiếu, đạt 60,00% so với cơ sở tính kết quả.",
    ]
    assert "bằng nhau" not in text
    assert "bầu tiếp" not in text


def test_the_minutes_name_the_board_print_the_chain_head_and_have_signature_lines(
    scenario: Scenario,
) -> None:
    election = announce(scenario)
    assert len(election.chain_head) == 64
    text = all_text(open_docx(minutes_document(election)))
    assert f"Mã kiểm chứng hồ sơ (đầu chuỗi băm): {spaced(election.chain_head)}" in text
    assert f"Dấu vân tay khóa ký của hệ thống: {fingerprint()}" in text
    assert "daihoi verify-election HỒ_SƠ --head" in text
    assert "- Đồng chí Hoàng Văn Hải, Trưởng ban." in text
    assert "- Đồng chí Đỗ Thị Hoa, Ủy viên, nhập phiếu tổ 1." in text
    # Each person by name with their role and team, and everyone on the board signs
    # (issue 17.5): the head, the member and the technical staff who keyed.
    assert "Giúp việc Ban kiểm phiếu (tổ kỹ thuật nhập phiếu):" in text
    assert "- Đồng chí Vũ Văn Khang, nhập phiếu tổ " in text
    assert "Nhật ký nhập phiếu gồm 19 lượt nhập" in text
    assert text.count("(Ký, ghi rõ họ tên)") == 3
    assert "TỔ KỸ THUẬT NHẬP PHIẾU\n(Ký, ghi rõ họ tên)\n\n\n\nVũ Văn Khang" in text
    assert "TRƯỞNG BAN KIỂM PHIẾU\n(Ký, ghi rõ họ tên)\n\n\n\nHoàng Văn Hải" in text
    assert "ỦY VIÊN BAN KIỂM PHIẾU\n(Ký, ghi rõ họ tên)\n\n\n\nĐỗ Thị Hoa" in text


def test_the_minutes_of_a_reconciled_election_count_now_and_match_the_announcement(
    scenario: Scenario,
) -> None:
    reconciled = reconcile(scenario)
    before = all_text(open_docx(minutes_document(reconciled)))
    announced = do_transition_election(reconciled, S.ANNOUNCED, acting_user=scenario.head)
    after = all_text(open_docx(minutes_document(announced)))
    assert before == after
    assert spaced(announced.chain_head) in before


def test_the_minutes_are_refused_before_the_entries_are_reconciled(scenario: Scenario) -> None:
    with pytest.raises(ValueError, match="đối chiếu xong"):
        minutes_document(scenario.election)


def test_the_minutes_report_a_tie_for_the_last_seats() -> None:
    # An 5; Bình, Cường and Dung 3 each of base 5 (3 needed) for the two seats left.
    election = counted({1: [4], 2: [3], 3: [2], 4: [4], 5: [2, 3]}, base=5)
    text = all_text(open_docx(minutes_document(election)))
    assert "1. Đồng chí Nguyễn Văn An: 5 phiếu" in text
    assert "Các đồng chí Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung có số phiếu bằng nhau" in text


def test_the_minutes_report_the_seats_left() -> None:
    # An 4, Bình 2, Cường 2, Dung 1 of base 4 (3 needed): An elected, no one else.
    election = counted({1: [2, 3], 2: [2, 3], 3: [3, 4], 4: [2, 4]}, base=4)
    text = all_text(open_docx(minutes_document(election)))
    assert "1. Đồng chí Nguyễn Văn An: 4 phiếu" in text
    assert "Còn 2 chỗ chưa có người trúng cử" in text
    assert "bằng nhau" not in text
