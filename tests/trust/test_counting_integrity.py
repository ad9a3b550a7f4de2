"""Issue 14: an attacker or a careless typist cannot break the count (actions and commands).

Each attack is tried through the action layer or the management commands, the
way a desk, the board, an organiser or somebody holding an exported file would.
Every refusal is asserted by its machine-readable code, with nothing changed
(the chain's entries and the board's rows), and a refusal during counting is
asserted to be in the audit trail ("election.refused", with the attempt and
the codes), since an inspector asks what the desks tried, not only what they
stored. The rules themselves are tested in tests/lib/test_electionrecord.py.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from daihoi.accounts.models import Role, User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections import chain, signing
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.entries import do_key_ballot, do_void_entry
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.elections.actions.record import do_import_election
from daihoi.elections.models import BallotEntry, BoardMember, BoardRole, Election, ElectionState
from daihoi.elections.queries import blockers, reconciliation
from daihoi.elections.record import export
from daihoi.lib import electionrecord as lib
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import org

pytestmark = pytest.mark.django_db
S = ElectionState
CAMPAIGN = "bau-cu-thu"
# Ballot order (given names): 1 An, 2 Bình, 3 Cường, 4 Dung.
NAMES = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Cường", "Phạm Thị Dung"]
PAPERS = {1: [4], 2: [3], 3: [4], 4: [1], 5: [2]}  # serial → lines crossed out


# --- the election under attack -----------------------------------------------------------


@pytest.fixture(autouse=True)
def signing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test signs with a key of its own, outside the data directory."""
    key = tmp_path / "signing-key.pem"
    monkeypatch.setenv("DAIHOI_SIGNING_KEY", str(key))
    signing._private_key_at.cache_clear()
    yield key
    signing._private_key_at.cache_clear()


def staff() -> User:
    """The organisation department of Lạng Sơn: may set Lộc Bình's board before counting."""
    return User.objects.get(username="langson")


def person(username: str) -> User:
    """A counting-board account of Lộc Bình (it can open the election's pages)."""
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": f"Kiểm phiếu {username}",
            "organisation": org("188"),
            "roles": [Role.COUNTING_BOARD],
        },
    )
    return user


def head() -> User:
    return person("truongban")


@dataclass(frozen=True)
class Seat:
    """A place on the board set by the organisers before counting."""

    user: User
    role: str
    team: int | None
    may_rule: bool = False


def counting(
    *,
    issued: int = 10,
    collected: int = 5,
    seats: int = 3,
    base: int = 7,
    extra: Sequence[Seat] = (),
) -> Election:
    """Lộc Bình's election in counting: typists to1 (team 1), to2 (team 2), head truongban,
    and the `extra` seats, all set by the organisers before counting started."""
    campaign = small_campaign(CAMPAIGN)
    open_congresses(campaign, "20")
    congress = Congress.objects.get(campaign=campaign, organisation__code="188")
    election = do_create_election(congress, "committee", seats, acting_user=staff())
    do_set_candidates(election, NAMES, acting_user=staff())
    board = [
        Seat(person("to1"), BoardRole.TECHNICAL, 1),
        Seat(person("to2"), BoardRole.TECHNICAL, 2),
        Seat(head(), BoardRole.HEAD, None),
        *extra,
    ]
    for seat in board:
        do_add_board_member(
            election,
            seat.user,
            role=seat.role,
            team=seat.team,
            may_rule=seat.may_rule,
            acting_user=staff(),
        )
    do_set_base(election, base=base, acting_user=staff())
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff())
    do_record_ballot_counts(election, issued=issued, acting_user=staff())
    do_transition_election(election, S.BALLOTS_ISSUED, acting_user=staff())
    do_record_ballot_counts(election, collected=collected, acting_user=staff())
    do_transition_election(election, S.COUNTING, acting_user=staff())
    return Election.objects.get(pk=election.pk)


def key(election: Election, user: User, team: int, serial: int, *crossed: int, **kw: Any) -> None:
    do_key_ballot(election, team=team, serial=serial, crossed=list(crossed), acting_user=user, **kw)


def key_both(election: Election, papers: dict[int, list[int]] = PAPERS) -> None:
    for serial, crossed in papers.items():
        key(election, person("to1"), 1, serial, *crossed)
        key(election, person("to2"), 2, serial, *crossed)


def announce(election: Election) -> Election:
    do_transition_election(election, S.RECONCILED, acting_user=head())
    return do_transition_election(election, S.ANNOUNCED, acting_user=staff())


# --- what a refusal must leave behind --------------------------------------------------


def stored(election: Election) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Everything an attempt could have changed: the chain's entries and the board's rows."""
    entries = list(
        election.entries.order_by("seq").values_list(
            "seq", "action", "team", "serial", "crossed", "keyed_by_name", "reason", "hash"
        )
    )
    board = sorted(election.board.values_list("user__username", "role", "team", "may_rule"))
    return entries, board


def refusals_after(pk: int) -> list[tuple[str, list[str], str]]:
    return [
        (a.after["attempt"], a.after.get("codes", []), a.actor_name)  # type: ignore[index]
        for a in AuditEntry.objects.filter(action="election.refused", pk__gt=pk).order_by("pk")
    ]


def last_audit() -> int:
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


@contextmanager
def refused(
    election: Election, codes: list[str], attempt: str, by: User | None = None
) -> Iterator[None]:
    """The attempt inside is refused with exactly `codes`, changes nothing, and is logged."""
    before, since = stored(election), last_audit()
    with pytest.raises(ActionRefused) as info:
        yield
    assert info.value.codes == codes
    assert len(info.value.reasons) == len(codes)
    assert stored(election) == before
    logged = refusals_after(since)
    assert [(a, c) for a, c, _name in logged] == [(attempt, codes)]
    if by is not None:
        assert logged[0][2] == by.username


@contextmanager
def denied(election: Election, attempt: str, by: User) -> Iterator[None]:
    """The attempt inside is not this user's to make (403): nothing changes, it is logged."""
    before, since = stored(election), last_audit()
    with pytest.raises(PermissionDenied):
        yield
    assert stored(election) == before
    assert refusals_after(since) == [(attempt, ["permission"], by.username)]


def entry_rows(election: Election, serial: int) -> list[tuple[str, int, list[int], str]]:
    return list(
        election.entries.filter(serial=serial)
        .order_by("seq")
        .values_list("action", "team", "crossed", "keyed_by_name")
    )


# --- 1. one person keying for both "independent" teams -------------------------------------


def test_the_organisers_cannot_put_themselves_on_the_board_once_counting_started() -> None:
    election = counting()
    for role, team in ((BoardRole.TECHNICAL, 1), (BoardRole.MEMBER, None), (BoardRole.HEAD, None)):
        with denied(election, "add_board_member", staff()):
            do_add_board_member(
                election, staff(), role=role, team=team, reason="bổ sung", acting_user=staff()
            )
    # Nor may a typist or a member: only the head changes the board during counting.
    with denied(election, "add_board_member", person("to1")):
        do_add_board_member(
            election,
            person("to1"),
            role=BoardRole.HEAD,
            team=None,
            reason="tự nhận",
            acting_user=person("to1"),
        )


def test_who_keyed_for_team_1_can_be_neither_moved_nor_forced_onto_team_2() -> None:
    election = counting(collected=1, extra=[Seat(staff(), BoardRole.TECHNICAL, 1)])
    key(election, staff(), 1, 1, 2)

    # The head moves him to team 2, or makes him the head or a member: refused.
    for role, team in ((BoardRole.TECHNICAL, 2), (BoardRole.HEAD, None), (BoardRole.MEMBER, None)):
        with refused(election, ["move_after_keying"], "add_board_member", by=head()):
            do_add_board_member(
                election, staff(), role=role, team=team, reason="điều chuyển", acting_user=head()
            )

    # Someone with database access moves him anyway: the desk checks against the board in
    # the record (the frozen block and the head's recorded changes), not the table, so keying
    # for team 2 is refused.
    BoardMember.objects.filter(election=election, user=staff()).update(team=2)
    with refused(election, ["not_on_team"], "key_ballot", by=staff()):
        key(election, staff(), 2, 1, 2)
    with refused(election, ["not_on_team"], "key_ballot", by=staff()):
        key(election, staff(), 2, 1, 2, correction=True)
    with refused(election, ["not_on_team"], "key_ballot", by=staff()):
        key(election, staff(), 2, 1, unreadable=True)

    # And a reading written straight into the table never makes the paper agree.
    last = election.entries.get(seq=1)
    BallotEntry.objects.create(
        election=election,
        seq=2,
        action="key",
        team=2,
        serial=1,
        crossed=[2],
        keyed_by=staff(),
        keyed_by_name=staff().username,
        keyed_at=timezone.now(),
        hash=lib.entry_hash(
            last.hash, lib.Entry(seq=2, team=2, serial=1, crossed=(2,), keyed_by="langson")
        ),
    )
    state = reconciliation(election)
    assert state.same_person == {1: ["langson"]}
    assert state.final == {} and not state.settled
    problems = blockers(election, S.RECONCILED)
    assert len(problems) == 1 and "1." in problems[0]
    with pytest.raises(ActionRefused):
        do_transition_election(election, S.RECONCILED, acting_user=head())
    election.refresh_from_db()
    assert election.state == S.COUNTING


def test_a_reading_keyed_by_one_person_for_two_teams_never_counts_even_in_a_record() -> None:
    # The same forgery in an exported record: the replay of the rules refuses it.
    election = counting(collected=1, extra=[Seat(staff(), BoardRole.TECHNICAL, 1)])
    key(election, staff(), 1, 1, 2)
    key(election, person("to2"), 2, 1, 2)
    record = export(announce(election))
    forged = copy.deepcopy(record)
    forged["entries"][1]["keyed_by"] = "langson"
    verdict = lib.verify(rehash(forged))
    assert any("not_on_team" in p for p in verdict.problems)
    assert any("1 were keyed by one person for two teams" in p for p in verdict.problems)
    # Put on team 2 by a board change in the chain as well: the replay refuses the move.
    move = {
        **forged["entries"][1],
        "action": "board",
        "team": 0,
        "serial": 0,
        "crossed": [],
        "keyed_by": "truongban",
        "reason": "điều chuyển",
        "member": {"username": "langson", "role": "technical", "team": 2, "may_rule": False},
    }
    forged["entries"].insert(1, move)
    for seq, entry in enumerate(forged["entries"], start=1):
        entry["seq"] = seq
    problems = lib.verify(rehash(forged)).problems
    assert any("move_after_keying" in p for p in problems)
    assert any("1 were keyed by one person for two teams" in p for p in problems)


# --- 2. rulings ------------------------------------------------------------------------


def test_rulings_are_only_for_disputed_papers_by_a_decider_who_did_not_key_them() -> None:
    uyvien, thanhvien = person("uyvien"), person("thanhvien")
    election = counting(
        collected=6,
        extra=[
            Seat(uyvien, BoardRole.MEMBER, 1, may_rule=True),  # rules, and keys for team 1
            Seat(thanhvien, BoardRole.MEMBER, None),  # neither
        ],
    )
    key_both(election, {1: [4], 2: [3], 5: [2]})

    # Paper 1: both teams agree; paper 4: nobody keyed it yet.
    for serial in (1, 4):
        with refused(election, ["not_disputed"], "key_ballot", by=head()):
            key(election, head(), 0, serial, 1)
    # Paper 3: the named member keyed it for team 1, team 2 read it otherwise.
    key(election, uyvien, 1, 3, 1)
    key(election, person("to2"), 2, 3, 4)
    with refused(election, ["decider_keyed"], "key_ballot", by=uyvien):
        key(election, uyvien, 0, 3, 4)
    with refused(election, ["decider_keyed"], "void_entry", by=uyvien):
        do_void_entry(election, serial=3, team=2, reason="đọc nhầm", acting_user=uyvien)
    with refused(election, ["not_decider"], "key_ballot", by=thanhvien):
        key(election, thanhvien, 0, 3, 4)
    with refused(election, ["not_decider"], "key_ballot", by=person("to1")):
        key(election, person("to1"), 0, 3, 4)
    # The head, who keyed nothing, rules it: team 2 read it right.
    key(election, head(), 0, 3, 4)
    with refused(election, ["already_ruled"], "key_ballot", by=head()):
        key(election, head(), 0, 3, 1)

    # Paper 6: team 1 cannot read it; the board rules before team 2 has even keyed it,
    # and the named member may rule a paper he did not key.
    key(election, person("to1"), 1, 6, unreadable=True)
    assert 6 in reconciliation(election).disagreements
    key(election, uyvien, 0, 6, 3)
    # Paper 4, keyed late, agrees.
    key_both(election, {4: [1]})

    state = reconciliation(election)
    assert state.settled
    assert (state.final[3].team, state.final[3].crossed, state.final[3].keyed_by) == (
        0,
        (4,),
        "truongban",
    )
    assert (state.final[6].team, state.final[6].crossed) == (0, (3,))
    result = announce(election).result
    assert result is not None
    votes = {c["full_name"]: c["votes"] for c in result["candidates"]}
    # Crossed: 1 Dung, 2 Cường, 3 Dung (the ruling, not team 1's An), 4 An, 5 Bình, 6 Cường.
    assert votes == {"Nguyễn Văn An": 5, "Trần Thị Bình": 5, "Lê Văn Cường": 4, "Phạm Thị Dung": 4}


# --- 3. phantom and mistyped serials ------------------------------------------------------


def test_a_phantom_serial_beyond_those_collected_is_refused() -> None:
    election = counting(issued=300, collected=298)
    for serial in (299, 300):
        with refused(election, ["serial_range"], "key_ballot", by=person("to1")):
            key(election, person("to1"), 1, serial, 1)
    with refused(election, ["serial_range"], "key_ballot", by=head()):
        key(election, head(), 0, 299, 1)
    with refused(election, ["bad_entry", "serial_range"], "key_ballot", by=person("to2")):
        key(election, person("to2"), 2, 0, 1)
    key(election, person("to1"), 1, 298, 1)
    assert election.entries.count() == 1


def test_a_mistyped_serial_is_voided_by_the_head_with_a_reason_and_keyed_again() -> None:
    election = counting(issued=25, collected=25)
    to1, to2 = person("to1"), person("to2")
    key(election, to1, 1, 12, 3)  # the reading of paper 21, keyed as 12
    key(election, to2, 2, 12, 1)
    key(election, to2, 2, 21, 3)
    assert 12 in reconciliation(election).disagreements
    # Team 1 cannot just key 12 again; a typist cannot void; the head needs a reason.
    with refused(election, ["rekey"], "key_ballot", by=to1):
        key(election, to1, 1, 12, 1)
    with refused(election, ["not_decider"], "void_entry", by=to1):
        do_void_entry(election, serial=12, team=1, reason="gõ nhầm số", acting_user=to1)
    for blank in ("", "   "):
        with refused(election, ["no_reason"], "void_entry", by=head()):
            do_void_entry(election, serial=12, team=1, reason=blank, acting_user=head())
    with refused(election, ["nothing_to_void"], "void_entry", by=head()):
        do_void_entry(election, serial=13, team=1, reason="gõ nhầm số", acting_user=head())
    with denied(election, "void_entry", staff()):
        do_void_entry(election, serial=12, team=1, reason="gõ nhầm số", acting_user=staff())

    do_void_entry(
        election, serial=12, team=1, reason="Tổ 1 gõ nhầm phiếu 21 thành 12", acting_user=head()
    )
    assert 12 in reconciliation(election).incomplete
    key(election, to1, 1, 12, 1)
    key(election, to1, 1, 21, 3)

    state = reconciliation(election)
    assert state.final[12].crossed == (1,) and state.final[21].crossed == (3,)
    assert entry_rows(election, 12) == [
        ("key", 1, [3], "to1"),
        ("key", 2, [1], "to2"),
        ("void", 1, [], "truongban"),
        ("key", 1, [1], "to1"),
    ]
    void = election.entries.get(action="void")
    assert void.reason == "Tổ 1 gõ nhầm phiếu 21 thành 12"


# --- 4. keying a paper again ----------------------------------------------------------------


def test_a_paper_keyed_again_needs_the_correction_mark_and_the_correction_counts() -> None:
    election = counting(collected=6)
    key_both(election)
    with refused(election, ["rekey"], "key_ballot", by=person("to1")):
        key(election, person("to1"), 1, 3, 2)
    with refused(election, ["nothing_to_correct"], "key_ballot", by=person("to1")):
        key(election, person("to1"), 1, 6, 2, correction=True)
    key_both(election, {6: [3]})
    key(election, person("to1"), 1, 3, 2, correction=True)
    key(election, person("to2"), 2, 3, 2, correction=True)
    assert entry_rows(election, 3) == [
        ("key", 1, [4], "to1"),
        ("key", 2, [4], "to2"),
        ("correct", 1, [2], "to1"),
        ("correct", 2, [2], "to2"),
    ]
    assert reconciliation(election).final[3].crossed == (2,)
    result = announce(election).result
    assert result is not None
    votes = {c["full_name"]: c["votes"] for c in result["candidates"]}
    # Paper 3 now crosses Bình, not Dung; paper 6 crosses Cường.
    assert votes == {"Nguyễn Văn An": 5, "Trần Thị Bình": 4, "Lê Văn Cường": 4, "Phạm Thị Dung": 5}


# --- 5. the board during counting ---------------------------------------------------------


def test_the_head_changes_the_board_during_counting_only_with_a_reason_and_it_is_in_the_chain(
    tmp_path: Path,
) -> None:
    election = counting()
    bosung = person("bosung")
    key_both(election, {1: [4], 2: [3]})
    with refused(election, ["no_reason"], "add_board_member", by=head()):
        do_add_board_member(
            election, bosung, role=BoardRole.TECHNICAL, team=2, reason=" ", acting_user=head()
        )
    do_add_board_member(
        election,
        bosung,
        role=BoardRole.TECHNICAL,
        team=2,
        reason="Đồng chí to2 bị ốm, thay bằng đồng chí bosung",
        acting_user=head(),
    )
    change = election.entries.get(action="board")
    assert (change.team, change.serial, change.keyed_by_name) == (0, 0, "truongban")
    assert change.member["username"] == "bosung" and change.member["team"] == 2
    # The newcomer keys the rest for team 2; the record replays the change and verifies.
    for serial, crossed in {3: [4], 4: [1], 5: [2]}.items():
        key(election, person("to1"), 1, serial, *crossed)
        key(election, bosung, 2, serial, *crossed)
    announced = announce(election)
    path = tmp_path / "record.json"
    call_command("export_election", announced.pk, str(path), stdout=StringIO())
    data = json.loads(path.read_text(encoding="utf-8"))
    boards = [e for e in data["entries"] if e["action"] == "board"]
    assert len(boards) == 1
    assert boards[0]["member"]["username"] == "bosung" and boards[0]["reason"].startswith("Đồng")
    assert "bosung" not in [m["username"] for m in data["election"]["board"]]
    out = StringIO()
    call_command("verify_election", str(path), "--head", announced.chain_head, stdout=out)
    assert "HỢP LỆ" in out.getvalue()
    # Without the change in the chain, the newcomer's readings break the rules.
    data["entries"] = [e for e in data["entries"] if e["action"] != "board"]
    for seq, entry in enumerate(data["entries"], start=1):
        entry["seq"] = seq
    assert any("not_on_team" in p for p in lib.verify(rehash(data)).problems)


def test_the_head_cannot_make_himself_a_typist() -> None:
    election = counting()
    for role in (BoardRole.TECHNICAL, BoardRole.MEMBER):
        with refused(election, ["head_on_team"], "add_board_member", by=head()):
            do_add_board_member(
                election, head(), role=role, team=1, reason="tôi nhập giúp", acting_user=head()
            )


def test_asking_for_a_head_on_a_team_is_refused_not_silently_changed() -> None:
    election = counting()
    with refused(election, ["head_on_team"], "add_board_member", by=head()):
        do_add_board_member(
            election, head(), role=BoardRole.HEAD, team=1, reason="nhập giúp", acting_user=head()
        )


# --- 6. forgeries of the exported record ---------------------------------------------------


def rehash(data: dict[str, Any], key: Ed25519PrivateKey | None = None) -> dict[str, Any]:
    """Do what a forger with the project's own lib can: recompute the block's hash, the chain,
    the result, the head, and sign it with a key of their own."""
    forged = copy.deepcopy(data)
    block = forged["election"]
    forged["start"] = lib.block_hash(block)
    entries = [lib.Entry.from_payload(e) for e in forged["entries"]]
    for raw, digest in zip(forged["entries"], lib.chain(forged["start"], entries), strict=True):
        raw["hash"] = digest
    state = lib.reconcile(entries, int(block["teams"]))
    forged["result"] = lib.count(block["candidates"], state.final, block["seats"], block["base"])
    forged["entry_count"] = len(entries)
    last = forged["entries"][-1]["hash"] if entries else forged["start"]
    forged["head"] = lib.final_hash(last, forged["result"], len(entries))
    key = key or Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    forged["signature"] = {
        "algorithm": "Ed25519",
        "public_key": base64.b64encode(public).decode("ascii"),
        "fingerprint": lib.fingerprint(public),
        "value": base64.b64encode(key.sign(forged["head"].encode("ascii"))).decode("ascii"),
    }
    return forged


@dataclass
class Exported:
    election: Election
    path: Path
    key: Path
    data: dict[str, Any]

    @property
    def head(self) -> str:
        return str(self.data["head"])


@pytest.fixture
def exported(tmp_path: Path) -> Exported:
    election = counting(issued=10, collected=5)
    key_both(election)
    announced = announce(election)
    path, key_file = tmp_path / "loc-binh.json", tmp_path / "installation.pem"
    out = StringIO()
    call_command(
        "export_election", announced.pk, str(path), "--public-key", str(key_file), stdout=out
    )
    assert announced.chain_head in out.getvalue()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Exported(announced, path, key_file, data)


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def verify(path: Path, *options: str) -> str:
    out = StringIO()
    call_command("verify_election", str(path), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def fails(path: Path, *options: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="KHÔNG hợp lệ"):
        call_command("verify_election", str(path), *options, stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_the_genuine_record_verifies_against_the_minutes_and_the_key(exported: Exported) -> None:
    assert "CHÚ Ý" in verify(exported.path)
    anchored = verify(exported.path, "--head", exported.head, "--key", str(exported.key))
    assert "CHÚ Ý" not in anchored and anchored.count("HỢP LỆ") == 2
    spaced = " ".join(exported.head[i : i + 8] for i in range(0, 64, 8)).upper()
    assert "HỢP LỆ" in verify(exported.path, "--head", spaced)


def test_a_full_rehash_with_other_winners_is_caught_only_against_an_anchor(
    exported: Exported, tmp_path: Path
) -> None:
    data = copy.deepcopy(exported.data)
    # Every reading now crosses An instead of what was on the paper.
    for entry in data["entries"]:
        if entry["action"] in ("key", "correct"):
            entry["crossed"] = [1]
    forged = rehash(data)
    assert forged["result"]["elected"] != exported.data["result"]["elected"]
    path = write(tmp_path / "forged.json", forged)

    assert lib.verify(forged).problems == []
    assert "CHÚ Ý" in verify(path)  # consistent with itself, and says that is all it checked
    assert "head" in fails(path, "--head", exported.head)
    assert "not by the key given" in fails(path, "--key", str(exported.key))
    # Forged with the original head copied in: the chain no longer reaches it.
    forged["head"] = exported.head
    fails(write(tmp_path / "forged-head.json", forged))


def test_a_record_cut_short_at_its_tail_fails(exported: Exported, tmp_path: Path) -> None:
    cut = copy.deepcopy(exported.data)
    cut["entries"] = cut["entries"][:-1]
    assert "10 entries but holds 9" in fails(write(tmp_path / "cut.json", cut))
    cut["entry_count"] = 9
    assert "head does not follow" in fails(write(tmp_path / "cut-count.json", cut))
    # Even re-hashed, the last paper is missing for one team and the anchors fail.
    fails(write(tmp_path / "cut-rehashed.json", rehash(cut)))


def test_an_edited_election_block_fails(exported: Exported, tmp_path: Path) -> None:
    assert exported.data["election"]["ballots_issued"] == 10
    edited = copy.deepcopy(exported.data)
    edited["election"]["ballots_issued"] = 500
    problems = fails(write(tmp_path / "edited.json", edited))
    assert "election block does not match its hash" in problems
    fails(write(tmp_path / "edited-rehashed.json", rehash(edited)), "--head", exported.head)


def import_command(path: Path, code: str = "188", user: str = "langson") -> str:
    out = StringIO()
    call_command(
        "import_election",
        str(path),
        "--congress",
        f"{CAMPAIGN}/{code}",
        "--user",
        user,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def imported_state() -> tuple[int, int, int, int]:
    return (
        Election.objects.count(),
        BallotEntry.objects.count(),
        AuditEntry.objects.filter(action="election.import").count(),
        Congress.objects.count(),
    )


def test_a_record_is_not_imported_into_another_organisations_congress(
    exported: Exported,
) -> None:
    other = Congress.objects.get(campaign__slug=CAMPAIGN, organisation__code="178")
    before = imported_state()
    with pytest.raises(CommandError, match="không có gì được ghi"):
        import_command(exported.path, code="178")
    assert imported_state() == before
    assert not other.elections.exists()
    # Through the action, the refusal says why.
    with pytest.raises(ActionRefused) as info:
        do_import_election(exported.data, congress=other, acting_user=staff())
    assert info.value.codes == ["other_congress"]
    assert imported_state() == before


def test_a_record_of_another_campaign_is_not_imported(exported: Exported) -> None:
    campaign: Campaign = small_campaign("dot-khac")
    open_congresses(campaign, "20")
    before = imported_state()
    with pytest.raises(CommandError, match="không có gì được ghi"):
        out = StringIO()
        call_command(
            "import_election",
            str(exported.path),
            "--congress",
            "dot-khac/188",
            "--user",
            "langson",
            stdout=out,
            stderr=StringIO(),
        )
    assert imported_state() == before


def forget(election: Election) -> None:
    """As if on another installation: the original election is not there."""
    BallotEntry.objects.filter(election=election).delete()
    Election.objects.filter(pk=election.pk).delete()


def test_the_same_record_is_imported_once(exported: Exported) -> None:
    # On this installation the record's election exists already: refused outright.
    before = imported_state()
    with pytest.raises(CommandError, match="không có gì được ghi"):
        import_command(exported.path)
    assert imported_state() == before

    forget(exported.election)
    assert "Đã nhập" in import_command(exported.path)
    once = imported_state()
    with pytest.raises(CommandError, match="không có gì được ghi"):
        import_command(exported.path)
    assert imported_state() == once
    congress = Congress.objects.get(campaign__slug=CAMPAIGN, organisation__code="188")
    with pytest.raises(ActionRefused) as info:
        do_import_election(exported.data, congress=congress, acting_user=staff())
    assert info.value.codes == ["already_imported"]
    assert imported_state() == once


def test_a_forged_or_truncated_record_is_not_imported(exported: Exported, tmp_path: Path) -> None:
    forget(exported.election)
    cut = copy.deepcopy(exported.data)
    cut["entries"] = cut["entries"][:-1]
    edited = copy.deepcopy(exported.data)
    edited["election"]["ballots_issued"] = 500
    before = imported_state()
    for name, data in (("cut", cut), ("edited", edited)):
        with pytest.raises(CommandError, match="không có gì được ghi"):
            import_command(write(tmp_path / f"{name}.json", data))
    assert imported_state() == before


def test_an_imported_election_exports_the_record_signed_where_it_was_counted(
    exported: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forget(exported.election)
    # This installation has a key of its own: the record keeps the venue laptop's signature.
    monkeypatch.setenv("DAIHOI_SIGNING_KEY", str(tmp_path / "other-installation.pem"))
    signing._private_key_at.cache_clear()
    import_command(exported.path)
    imported = Election.objects.get(chain_head=exported.head)
    assert imported.state == S.ANNOUNCED and imported.entries.count() == 10
    again = tmp_path / "again.json"
    call_command("export_election", imported.pk, str(again), stdout=StringIO())
    out = verify(again, "--head", exported.head, "--key", str(exported.key))
    assert out.count("HỢP LỆ") == 2
    assert json.loads(again.read_text(encoding="utf-8")) == exported.data
    # The imported chain is the original one, entry by entry.
    assert list(imported.entries.order_by("seq").values_list("hash", flat=True)) == [
        e["hash"] for e in exported.data["entries"]
    ]
    assert chain.start_hash(imported) == exported.data["start"]
