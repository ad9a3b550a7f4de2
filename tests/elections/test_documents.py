"""The ballots and the counting minutes, opened in Word the way a counting board reads them."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import include, path, reverse
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import Congress
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.elections.ballots_docx import ballot_document, congress_heading
from daihoi.elections.minutes_docx import minutes_document
from daihoi.elections.models import BoardRole, Election, ElectionKind, ElectionState
from daihoi.elections.signing import fingerprint
from daihoi.urls import urlpatterns as project_patterns
from tests.campaigns.helpers import small_campaign
from tests.conftest import login, org

# This module is its own URLconf: the project's URLs plus the election documents.
urlpatterns = [path("", include("daihoi.elections.document_urls")), *project_patterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.elections.test_documents")]

NAMES = ["Trần Thị Bình", "Phạm Thị Dung", "Nguyễn Văn An", "Lê Văn Cường"]
BALLOT_ORDER = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
S = ElectionState


@pytest.fixture(autouse=True)
def signing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test signs with a key of its own, made on first use, outside the data directory."""
    key = tmp_path / "signing-key.pem"
    monkeypatch.setenv("DAIHOI_SIGNING_KEY", str(key))
    return key


def spaced(head: str) -> str:
    """The chain head as the minutes print it: eight groups of eight hex digits."""
    assert re.fullmatch(r"[0-9a-f]{64}", head)
    return " ".join(head[i : i + 8] for i in range(0, 64, 8))


@dataclass
class Scenario:
    election: Election
    staff: User
    head: User
    member: User
    keyer: User


def _user(username: str, full_name: str) -> User:
    return User.objects.create_user(
        username,
        password="x",  # noqa: S106 - never used to log in
        full_name=full_name,
        organisation=org("188"),
        roles=[Role.COUNTING_BOARD],
    )


def _draft(staff: User, names: list[str], seats: int) -> Election:
    campaign = small_campaign()
    loc_binh = org("188")
    congress = Congress.objects.create(
        campaign=campaign,
        organisation=loc_binh,
        org_path=loc_binh.path,
        level=loc_binh.level,
        ordinal=21,
    )
    election = do_create_election(
        congress,
        ElectionKind.COMMITTEE,
        seats,
        title="Bầu Ban Chấp hành Đảng bộ huyện khóa XXI",
        acting_user=staff,
    )
    do_set_candidates(election, names, acting_user=staff)
    return election


# Nine papers of ten issued; line numbers in ballot order (1 An, 2 Bình, 3 Cường, 4 Dung).
# Papers 1–4 cross Dung, 5–6 Cường, 7 Bình and Dung; 8 crosses nobody (four names left
# for three seats: invalid); on 9 the teams disagree and the board rules "An crossed".
READINGS = {**{s: [4] for s in range(1, 5)}, 5: [3], 6: [3], 7: [2, 4], 8: []}


@pytest.fixture
def scenario() -> Scenario:
    staff = User.objects.get(username="locbinh")
    head = _user("truongban", "Hoàng Văn Hải")
    member = _user("uyvien", "Đỗ Thị Hoa")
    keyer = _user("kythuat", "Vũ Văn Khang")
    election = _draft(staff, NAMES, 3)
    do_add_board_member(election, head, role=BoardRole.HEAD, team=None, acting_user=staff)
    do_add_board_member(election, member, team=1, acting_user=staff)
    do_add_board_member(election, keyer, role=BoardRole.TECHNICAL, team=2, acting_user=staff)
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff)
    do_set_base(election, base=10, acting_user=staff)
    do_record_ballot_counts(election, issued=10, collected=9, acting_user=staff)
    do_transition_election(election, S.BALLOTS_ISSUED, acting_user=staff)
    do_transition_election(election, S.COUNTING, acting_user=staff)
    for serial, crossed in READINGS.items():
        for team, user in ((1, member), (2, keyer)):
            do_key_ballot(election, team=team, serial=serial, crossed=crossed, acting_user=user)
    do_key_ballot(election, team=1, serial=9, crossed=[1], acting_user=member)
    do_key_ballot(election, team=2, serial=9, crossed=[1, 2], acting_user=keyer)
    do_key_ballot(election, team=0, serial=9, crossed=[1], acting_user=head)
    election.refresh_from_db()
    return Scenario(election, staff, head, member, keyer)


def reconcile(s: Scenario) -> Election:
    return do_transition_election(s.election, S.RECONCILED, acting_user=s.head)


def announce(s: Scenario) -> Election:
    reconcile(s)
    return do_transition_election(s.election, S.ANNOUNCED, acting_user=s.head)


def open_docx(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def _lines(container: DocumentObject | _Cell) -> list[str]:
    """Every paragraph in reading order, those of tables (and tables in tables) included."""
    lines: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        else:
            for row in item.rows:
                for cell in row.cells:
                    lines.extend(_lines(cell))
    return lines


def all_text(doc: DocumentObject) -> str:
    """Every paragraph, in the body and in every table cell, one per line."""
    return "\n".join(_lines(doc))


def cell_text(cell: _Cell) -> str:
    return "\n".join(_lines(cell))


def _tables(container: DocumentObject | _Cell) -> list[Table]:
    found: list[Table] = []
    for table in container.tables:
        found.append(table)
        for row in table.rows:
            for cell in row.cells:
                found.extend(_tables(cell))
    return found


def grid_rows(doc: DocumentObject, first_title: str = "STT") -> list[list[list[str]]]:
    """The bordered tables whose first title is `first_title`, as rows of cell texts."""
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in _tables(doc)
        if table.rows[0].cells[0].text == first_title
    ]


def _ballot_cells_of(table: Table) -> list[str]:
    return [
        text
        for row in table.rows
        for cell in row.cells
        if "PHIẾU BẦU CỬ" in (text := cell_text(cell))
    ]


# --- ballots --------------------------------------------------------------------------------

CONGRESS = "ĐẠI HỘI ĐẢNG BỘ HUYỆN LỘC BÌNH LẦN THỨ XXI, NHIỆM KỲ 2020–2025"


def _issued(names: list[str], seats: int, issued: int) -> Election:
    """A list adopted with `issued` ballots recorded as handed out."""
    staff = User.objects.get(username="locbinh")
    election = _draft(staff, names, seats)
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff)
    return do_record_ballot_counts(election, issued=issued, acting_user=staff)


def _ballot_cells(doc: DocumentObject) -> list[str]:
    """The text of each printed ballot: a cell of a sheet holding «PHIẾU BẦU CỬ»."""
    cells = []
    for table in doc.tables:
        cells.extend(_ballot_cells_of(table))
    return cells


def _pages(data: bytes) -> int:
    """The number of A4 sheets: one more than the page breaks."""
    return len(open_docx(data).element.body.xpath('.//w:br[@w:type="page"]')) + 1


def test_the_ballots_carry_no_number_and_are_issued_by_the_congress() -> None:
    election = _issued(NAMES, 3, 10)
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
    cells = _ballot_cells(open_docx(ballot_document(_issued(NAMES, 3, 7))))
    assert len(cells) == 7
    assert len(set(cells)) == 1


def test_a_short_list_prints_four_ballots_to_a_sheet_with_dashed_cut_lines() -> None:
    election = _issued(NAMES, 3, 10)
    data = ballot_document(election)
    assert _pages(data) == 3  # 4 + 4 + 2
    doc = open_docx(data)
    sheets = [t for t in doc.tables if "PHIẾU BẦU CỬ" in cell_text(t.rows[0].cells[0])]
    assert [len(t.rows) * len(t.columns) for t in sheets] == [4, 4, 4]
    assert [len(_ballot_cells_of(t)) for t in sheets] == [4, 4, 2]
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
    data = ballot_document(_issued(NAMES, 3, 99), copies=copies)
    assert _pages(data) == pages
    assert all_text(open_docx(data)).count("PHIẾU BẦU CỬ") == copies


def test_a_list_of_up_to_twenty_prints_two_ballots_to_a_landscape_sheet() -> None:
    names = [f"Nguyễn Văn {chr(ord('A') + i)}" for i in range(15)]
    data = ballot_document(_issued(names, 12, 5))
    assert _pages(data) == 3  # 2 + 2 + 1
    doc = open_docx(data)
    assert all_text(doc).count("PHIẾU BẦU CỬ") == 5
    section = doc.sections[0]
    assert section.page_width > section.page_height  # A4 on its side, halved into A5


def test_a_25_name_list_prints_one_ballot_per_page() -> None:
    names = [f"Trần Thị {chr(ord('A') + i)}" for i in range(25)]
    data = ballot_document(_issued(names, 20, 3))
    assert _pages(data) == 3
    doc = open_docx(data)
    text = all_text(doc)
    assert text.count("PHIẾU BẦU CỬ") == 3
    assert text.replace("\n", " ").count(CONGRESS) == 3
    assert not re.search(r"Số:\s*\d", text)
    assert [len(rows) for rows in grid_rows(doc)] == [26, 26, 26]
    section = doc.sections[0]
    assert section.page_width < section.page_height


def test_printing_a_number_of_copies_overrides_the_number_issued_and_records_nothing() -> None:
    election = _issued(NAMES, 3, 10)
    doc = open_docx(ballot_document(election, copies=2))
    assert all_text(doc).count("PHIẾU BẦU CỬ") == 2
    election.refresh_from_db()
    assert election.ballots_issued == 10


def test_a_list_without_surplus_gets_agree_and_disagree_columns() -> None:
    staff = User.objects.get(username="locbinh")
    election = _draft(staff, NAMES[:3], 3)
    doc = open_docx(ballot_document(election, copies=2))
    lists = grid_rows(doc)
    assert len(lists) == 2
    assert lists[0][0] == ["STT", "Họ và tên", "Đồng ý", "Không đồng ý"]
    assert [row[1] for row in lists[0][1:]] == ["Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung"]
    assert all(row[2:] == ["", ""] for row in lists[0][1:])
    assert "Gạch ngang" not in all_text(doc)


def test_a_later_round_says_so_on_the_ballot() -> None:
    election = _issued(NAMES, 3, 1)
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
    empty = _draft(staff, [], 3)
    with pytest.raises(ValueError, match="chưa có tên"):
        ballot_document(empty, copies=5)
    listed = _draft_again(staff)
    with pytest.raises(ValueError, match="số phiếu"):
        ballot_document(listed)


def _draft_again(staff: User) -> Election:
    congress = Congress.objects.get(campaign__slug="thu-nghiem", organisation__code="188")
    election = do_create_election(congress, ElectionKind.STANDING, 2, acting_user=staff)
    do_set_candidates(election, NAMES, acting_user=staff)
    return election


# --- minutes --------------------------------------------------------------------------------


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
    assert "- Đồng chí Đỗ Thị Hoa, Ủy viên." in text
    assert "Giúp việc Ban kiểm phiếu (tổ kỹ thuật nhập phiếu): Vũ Văn Khang." in text
    assert "Nhật ký nhập phiếu gồm 19 lượt nhập" in text
    assert text.count("(Ký, ghi rõ họ tên)") == 2
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


def _counted(ballots: dict[int, list[int]], base: int) -> Election:
    """The four names for three seats, `ballots` keyed alike by both teams, reconciled."""
    staff = User.objects.get(username="locbinh")
    head = _user("truongban", "Hoàng Văn Hải")
    member = _user("uyvien", "Đỗ Thị Hoa")
    keyer = _user("kythuat", "Vũ Văn Khang")
    election = _draft(staff, NAMES, 3)
    do_add_board_member(election, head, role=BoardRole.HEAD, team=None, acting_user=staff)
    do_add_board_member(election, member, team=1, acting_user=staff)
    do_add_board_member(election, keyer, role=BoardRole.TECHNICAL, team=2, acting_user=staff)
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff)
    do_set_base(election, base=base, acting_user=staff)
    n = len(ballots)
    do_record_ballot_counts(election, issued=n, collected=n, acting_user=staff)
    do_transition_election(election, S.BALLOTS_ISSUED, acting_user=staff)
    do_transition_election(election, S.COUNTING, acting_user=staff)
    for serial, crossed in ballots.items():
        for team, user in ((1, member), (2, keyer)):
            do_key_ballot(election, team=team, serial=serial, crossed=crossed, acting_user=user)
    return do_transition_election(election, S.RECONCILED, acting_user=head)


def test_the_minutes_report_a_tie_for_the_last_seats() -> None:
    # An 5; Bình, Cường and Dung 3 each of base 5 (3 needed) for the two seats left.
    election = _counted({1: [4], 2: [3], 3: [2], 4: [4], 5: [2, 3]}, base=5)
    text = all_text(open_docx(minutes_document(election)))
    assert "1. Đồng chí Nguyễn Văn An: 5 phiếu" in text
    assert "Các đồng chí Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung có số phiếu bằng nhau" in text


def test_the_minutes_report_the_seats_left() -> None:
    # An 4, Bình 2, Cường 2, Dung 1 of base 4 (3 needed): An elected, no one else.
    election = _counted({1: [2, 3], 2: [2, 3], 3: [3, 4], 4: [2, 4]}, base=4)
    text = all_text(open_docx(minutes_document(election)))
    assert "1. Đồng chí Nguyễn Văn An: 4 phiếu" in text
    assert "Còn 2 chỗ chưa có người trúng cử" in text
    assert "bằng nhau" not in text


# --- downloads ------------------------------------------------------------------------------


def test_the_board_downloads_the_ballots_and_the_minutes_as_word_files(
    scenario: Scenario,
) -> None:
    election = announce(scenario)
    client = login("locbinh")
    ballots = client.get(reverse("election_ballots_docx", args=[election.pk]))
    assert ballots.status_code == 200
    assert ballots["Content-Disposition"].startswith("attachment;")
    assert f"phieu-bau-{election.pk}.docx" in ballots["Content-Disposition"]
    printed = all_text(open_docx(ballots.getvalue()))
    assert printed.count("PHIẾU BẦU CỬ") == 10
    assert not re.search(r"Số:\s*\d", printed)
    minutes = client.get(reverse("election_minutes_docx", args=[election.pk]))
    assert minutes.status_code == 200
    assert minutes["Content-Disposition"].startswith("attachment;")
    assert spaced(election.chain_head) in all_text(open_docx(minutes.getvalue()))


def test_a_copies_parameter_prints_that_many_ballots(scenario: Scenario) -> None:
    client = login("locbinh")
    url = reverse("election_ballots_docx", args=[scenario.election.pk])
    response = client.get(url, {"so-ban": "3"})
    assert all_text(open_docx(response.getvalue())).count("PHIẾU BẦU CỬ") == 3
    assert client.get(url, {"so-ban": "abc"}).status_code == 400


def test_minutes_asked_for_before_reconciliation_get_a_409_with_the_reason(
    scenario: Scenario,
) -> None:
    response = login("locbinh").get(reverse("election_minutes_docx", args=[scenario.election.pk]))
    assert response.status_code == 409
    assert "đối chiếu xong" in response.content.decode()


def test_another_province_gets_a_404(scenario: Scenario) -> None:
    client = login("soctrang")
    for name in ("election_ballots_docx", "election_minutes_docx"):
        assert client.get(reverse(name, args=[scenario.election.pk])).status_code == 404
    assert client.get(reverse("election_ballots_docx", args=[999_999])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(scenario: Scenario) -> None:
    response = Client().get(reverse("election_ballots_docx", args=[scenario.election.pk]))
    assert response.status_code == 302
