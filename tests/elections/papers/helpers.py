"""What the tests of an election's papers share: an election counted to its minutes, and
python-docx readers that see a DOCX the way a counting board reads it."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import Congress
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.elections.models import BoardRole, Election, ElectionKind, ElectionState
from tests.campaigns.helpers import small_campaign
from tests.conftest import org

NAMES = ["Trần Thị Bình", "Phạm Thị Dung", "Nguyễn Văn An", "Lê Văn Cường"]
BALLOT_ORDER = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
CONGRESS = "ĐẠI HỘI ĐẢNG BỘ HUYỆN LỘC BÌNH LẦN THỨ XXI, NHIỆM KỲ 2020–2025"
S = ElectionState


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


def board_user(username: str, full_name: str) -> User:
    return User.objects.create_user(
        username,
        password="x",  # noqa: S106 - never used to log in
        full_name=full_name,
        organisation=org("188"),
        roles=[Role.COUNTING_BOARD],
    )


def draft(staff: User, names: list[str], seats: int) -> Election:
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


def counting(*, base: int, issued: int, collected: int) -> Scenario:
    """The four names for three seats with a board of three (head, member, typist), counting."""
    staff = User.objects.get(username="locbinh")
    head = board_user("truongban", "Hoàng Văn Hải")
    member = board_user("uyvien", "Đỗ Thị Hoa")
    keyer = board_user("kythuat", "Vũ Văn Khang")
    election = draft(staff, NAMES, 3)
    do_add_board_member(election, head, role=BoardRole.HEAD, team=None, acting_user=staff)
    do_add_board_member(election, member, team=1, acting_user=staff)
    do_add_board_member(election, keyer, role=BoardRole.TECHNICAL, team=2, acting_user=staff)
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff)
    do_set_base(election, base=base, acting_user=staff)
    do_record_ballot_counts(election, issued=issued, collected=collected, acting_user=staff)
    do_transition_election(election, S.BALLOTS_ISSUED, acting_user=staff)
    do_transition_election(election, S.COUNTING, acting_user=staff)
    return Scenario(election, staff, head, member, keyer)


def key_by_both_teams(s: Scenario, ballots: dict[int, list[int]]) -> None:
    for serial, crossed in ballots.items():
        for team, user in ((1, s.member), (2, s.keyer)):
            do_key_ballot(s.election, team=team, serial=serial, crossed=crossed, acting_user=user)


def counted_scenario() -> Scenario:
    """Nine papers of ten keyed by both teams, paper 9 ruled by the head; not reconciled."""
    s = counting(base=10, issued=10, collected=9)
    key_by_both_teams(s, READINGS)
    do_key_ballot(s.election, team=1, serial=9, crossed=[1], acting_user=s.member)
    do_key_ballot(s.election, team=2, serial=9, crossed=[1, 2], acting_user=s.keyer)
    do_key_ballot(s.election, team=0, serial=9, crossed=[1], acting_user=s.head)
    s.election.refresh_from_db()
    return s


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


def ballot_cells_of(table: Table) -> list[str]:
    return [
        text
        for row in table.rows
        for cell in row.cells
        if "PHIẾU BẦU CỬ" in (text := cell_text(cell))
    ]


def issued(names: list[str], seats: int, issued: int) -> Election:
    """A list adopted with `issued` ballots recorded as handed out."""
    staff = User.objects.get(username="locbinh")
    election = draft(staff, names, seats)
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff)
    return do_record_ballot_counts(election, issued=issued, acting_user=staff)


def ballot_cells(doc: DocumentObject) -> list[str]:
    """The text of each printed ballot: a cell of a sheet holding «PHIẾU BẦU CỬ»."""
    cells = []
    for table in doc.tables:
        cells.extend(ballot_cells_of(table))
    return cells


def page_count(data: bytes) -> int:
    """The number of A4 sheets: one more than the page breaks."""
    return len(open_docx(data).element.body.xpath('.//w:br[@w:type="page"]')) + 1


def standing_election(staff: User) -> Election:
    congress = Congress.objects.get(campaign__slug="thu-nghiem", organisation__code="188")
    election = do_create_election(congress, ElectionKind.STANDING, 2, acting_user=staff)
    do_set_candidates(election, NAMES, acting_user=staff)
    return election


def counted(ballots: dict[int, list[int]], base: int) -> Election:
    """The four names for three seats, `ballots` keyed alike by both teams, reconciled."""
    s = counting(base=base, issued=len(ballots), collected=len(ballots))
    key_by_both_teams(s, ballots)
    return do_transition_election(s.election, S.RECONCILED, acting_user=s.head)
