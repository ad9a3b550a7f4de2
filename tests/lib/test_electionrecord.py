"""The election record: the rules of counting, the chain, the signature and the recount."""

from __future__ import annotations

import base64
import copy
import random
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.lib import electionrecord as rec
from daihoi.lib.tallyfiles import judge_ballot, result_json

A = rec.Action
NAMES = ["An", "Bình", "Cường", "Dung", "Em"]
SEATS = 3
BASE = 40
BOARD = [
    {"username": "head", "role": "head", "team": None, "may_rule": True},
    {"username": "member", "role": "member", "team": None, "may_rule": True},
    {"username": "t1", "role": "technical", "team": 1, "may_rule": False},
    {"username": "t1b", "role": "technical", "team": 1, "may_rule": False},
    {"username": "t2", "role": "technical", "team": 2, "may_rule": False},
    {"username": "t2b", "role": "technical", "team": 2, "may_rule": False},
]
KEY = Ed25519PrivateKey.generate()
RAW = KEY.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

ballots = st.lists(
    st.tuples(
        st.frozensets(st.integers(1, len(NAMES)), max_size=len(NAMES)),
        st.frozensets(st.sampled_from(["not_issued", "written_in", "marked"]), max_size=1),
    ),
    min_size=1,
    max_size=30,
)


def block(collected: int) -> dict[str, Any]:
    return {
        "organisation": {"code": "188", "name": "Huyện Lộc Bình"},
        "campaign": {"slug": "2020", "name": "Đại hội 2020"},
        "congress": {"ordinal": 20, "term": "2020-2025"},
        "election": 1,
        "title": "Bầu Ban Chấp hành",
        "kind": "committee",
        "round": 1,
        "rule_set": "qd190-2024",
        "seats": SEATS,
        "base": BASE,
        "teams": 2,
        "ballots_issued": collected,
        "ballots_collected": collected,
        "board": BOARD,
        "candidates": NAMES,
    }


def keyed(papers: list[tuple[frozenset[int], frozenset[str]]], order: random.Random) -> list[Any]:
    """Both teams key every paper, interleaved in a random order."""
    jobs = [(team, serial) for serial in range(1, len(papers) + 1) for team in (1, 2)]
    order.shuffle(jobs)
    return [
        rec.Entry(
            seq=seq,
            team=team,
            serial=serial,
            crossed=tuple(sorted(papers[serial - 1][0])),
            flags=tuple(papers[serial - 1][1]),
            keyed_by=f"t{team}",
        )
        for seq, (team, serial) in enumerate(jobs, start=1)
    ]


def sign(record: dict[str, Any], key: Ed25519PrivateKey = KEY) -> None:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    record["signature"] = {
        "algorithm": "Ed25519",
        "public_key": base64.b64encode(raw).decode(),
        "value": base64.b64encode(key.sign(record["head"].encode())).decode(),
    }


def record_of(entries: list[rec.Entry], collected: int, key: Ed25519PrivateKey = KEY) -> dict:
    """A record exactly as an installation would export it, signed with `key`."""
    election = block(collected)
    start = rec.block_hash(election)
    hashes = rec.chain(start, entries)
    state = rec.reconcile(entries, 2)
    result = rec.count(NAMES, state.final, SEATS, BASE)
    record = {
        "format": rec.FORMAT,
        "election": election,
        "start": start,
        "entries": [{**e.payload(), "hash": h} for e, h in zip(entries, hashes, strict=True)],
        "entry_count": len(entries),
        "result": result,
        "head": rec.final_hash(hashes[-1] if hashes else start, result, len(entries)),
    }
    sign(record, key)
    return record


def rehash(record: dict[str, Any], key: Ed25519PrivateKey) -> None:
    """What a forger with the file and the module does: recompute every hash and re-sign."""
    start = rec.block_hash(record["election"])
    entries = [rec.Entry.from_payload(e) for e in record["entries"]]
    hashes = rec.chain(start, entries)
    record["start"] = start
    record["entries"] = [{**e.payload(), "hash": h} for e, h in zip(entries, hashes, strict=True)]
    record["entry_count"] = len(entries)
    state = rec.reconcile(entries, 2)
    record["result"] = rec.count(NAMES, state.final, SEATS, BASE)
    record["head"] = rec.final_hash(hashes[-1] if hashes else start, record["result"], len(entries))
    sign(record, key)


def simple_record() -> dict[str, Any]:
    """Three valid papers, each leaving three of the five names."""
    papers = [(frozenset(c), frozenset()) for c in ({1, 2}, {1, 3}, {2, 3})]
    return record_of(keyed(papers, random.Random(1)), 3)


# --- counting ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(ballots, st.randoms(use_true_random=False))
def test_keying_by_two_teams_in_any_order_gives_the_direct_tally(papers, rnd) -> None:  # type: ignore[no-untyped-def]
    entries = keyed(papers, rnd)
    state = rec.reconcile(entries, 2)
    assert state.settled and len(state.final) == len(papers)
    direct = result_json(
        NAMES,
        [judge_ballot(c, frozenset(), f, len(NAMES), SEATS) for c, f in papers],
        SEATS,
        BASE,
    )
    assert rec.count(NAMES, state.final, SEATS, BASE) == direct


@settings(max_examples=60, deadline=None)
@given(ballots, st.randoms(use_true_random=False), st.data())
def test_double_entry_catches_every_single_differing_mark(papers, rnd, data) -> None:  # type: ignore[no-untyped-def]
    entries = keyed(papers, rnd)
    team2 = [i for i, e in enumerate(entries) if e.team == 2]
    index = data.draw(st.sampled_from(team2))
    line = data.draw(st.integers(1, len(NAMES)))
    slip = entries[index]
    crossed = set(slip.crossed) ^ {line}  # one name crossed or uncrossed by mistake
    entries[index] = rec.Entry(
        slip.seq, slip.team, slip.serial, tuple(sorted(crossed)), (), slip.flags, "t2"
    )
    state = rec.reconcile(entries, 2)
    assert slip.serial in state.disagreements


# The property of the issue: whatever a board tries, in any order, the entries the rules
# admit give exactly the tally of papers on which two entries by different people agreed
# or which were ruled on after a disagreement.

PEOPLE = [row["username"] for row in BOARD] + ["outsider"]
attempts = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.sampled_from([A.KEY, A.KEY, A.KEY, A.CORRECT, A.UNREADABLE, A.RULE, A.VOID]),
        st.integers(0, 2),  # team
        st.integers(1, 4),  # serial
        st.frozensets(st.integers(1, len(NAMES)), max_size=3),
    ),
    max_size=60,
)


def oracle(admitted: list[rec.Entry]) -> dict[int, tuple[int, ...]]:
    """The reading that counts per paper, computed the plain way from the admitted entries."""
    standing: dict[int, dict[int, rec.Entry]] = {}
    ruled: dict[int, rec.Entry] = {}
    for e in admitted:
        teams = standing.setdefault(e.serial, {})
        if e.action in (A.KEY, A.CORRECT, A.UNREADABLE):
            teams[e.team] = e
        elif e.action == A.RULE:
            ruled[e.serial] = e
        elif e.action == A.VOID and e.team == 0:
            ruled.pop(e.serial, None)
        elif e.action == A.VOID:
            teams.pop(e.team, None)
    final = {}
    for serial, teams in standing.items():
        if serial in ruled:
            final[serial] = ruled[serial].crossed
            continue
        one, two = teams.get(1), teams.get(2)
        if (
            one is not None
            and two is not None
            and A.UNREADABLE not in (one.action, two.action)
            and one.marks() == two.marks()
            and one.keyed_by != two.keyed_by
        ):
            final[serial] = one.crossed
    return final


@settings(max_examples=300, deadline=None)
@given(attempts)
def test_what_the_rules_admit_counts_only_agreement_by_two_people_or_a_ruling(tries) -> None:  # type: ignore[no-untyped-def]
    board = rec.Board.from_block(BOARD)
    papers: dict[int, rec.Paper] = {}
    admitted: list[rec.Entry] = []
    for person, action, team, serial, crossed in tries:
        entry = rec.Entry(
            seq=len(admitted) + 1,
            team=0 if action == A.RULE else team,
            serial=serial,
            crossed=() if action in (A.UNREADABLE, A.VOID) else tuple(sorted(crossed)),
            keyed_by=person,
            action=action,
            reason="xem lại tờ phiếu" if action == A.VOID else "",
        )
        paper = papers.setdefault(serial, rec.Paper())
        if not rec.admit(paper, entry, 2, board, 4):
            paper.apply(entry)
            admitted.append(entry)
    state = rec.reconcile(admitted, 2)
    assert {s: e.crossed for s, e in state.final.items()} == oracle(admitted)
    for serial, entry in state.final.items():
        if entry.action == A.RULE:
            # A ruling stands only by someone who keyed none of that paper, a decider.
            keyers = {e.keyed_by for e in admitted if e.serial == serial and e.team != 0}
            assert entry.keyed_by not in keyers and entry.keyed_by in ("head", "member")
    # Replaying the admitted entries as verify does finds no broken rule.
    problems, _state = rec.replay(block(4), admitted, len(NAMES))
    assert [p for p in problems if "breaks the rules" in p] == []


# --- the rules, one by one ---------------------------------------------------------------


def admit_all(entries: list[rec.Entry], collected: int = 10) -> list[rec.Problem]:
    board = rec.Board.from_block(BOARD)
    papers: dict[int, rec.Paper] = {}
    problems: list[rec.Problem] = []
    for entry in entries:
        paper = papers.setdefault(entry.serial, rec.Paper())
        refused = rec.admit(paper, entry, 2, board, collected)
        problems.extend(refused)
        if not refused:
            paper.apply(entry)
    return problems


def codes(entries: list[rec.Entry], collected: int = 10) -> list[str]:
    return [str(p.code) for p in admit_all(entries, collected)]


def test_one_person_cannot_key_a_paper_for_both_teams() -> None:
    # Even if the board moved them from team 1 to team 2 in between.
    board = rec.Board.from_block(BOARD)
    paper = rec.Paper()
    paper.apply(rec.Entry(1, 1, 5, (1,), keyed_by="t1"))
    board.set({"username": "t1", "role": "technical", "team": 2})
    refused = rec.admit(paper, rec.Entry(2, 2, 5, (1,), keyed_by="t1"), 2, board, 10)
    assert [p.code for p in refused] == [rec.Code.OTHER_TEAM_SAME_PERSON]


def test_readings_by_one_person_on_two_teams_never_agree() -> None:
    # A record made outside the rules: the same account on both teams.
    entries = [rec.Entry(1, 1, 5, (1,), keyed_by="x"), rec.Entry(2, 2, 5, (1,), keyed_by="x")]
    state = rec.reconcile(entries, 2)
    assert state.same_person == {5: ["x"]} and not state.final and not state.settled


def test_a_ruling_only_on_a_disputed_paper_by_a_decider_who_keyed_none_of_it() -> None:
    agreed = [rec.Entry(1, 1, 3, (1,), keyed_by="t1"), rec.Entry(2, 2, 3, (1,), keyed_by="t2")]
    assert codes([*agreed, rec.Entry(3, 0, 3, (2,), keyed_by="head", action=A.RULE)]) == [
        "not_disputed"
    ]
    assert codes([rec.Entry(1, 0, 4, (2,), keyed_by="head", action=A.RULE)]) == ["not_disputed"]
    differ = [rec.Entry(1, 1, 3, (1,), keyed_by="t1"), rec.Entry(2, 2, 3, (2,), keyed_by="t2")]
    assert codes([*differ, rec.Entry(3, 0, 3, (2,), keyed_by="t1", action=A.RULE)]) == [
        "not_decider"
    ]
    # The member keyed this paper for team 1 before being named for rulings: not them.
    board = rec.Board.from_block(BOARD)
    paper = rec.Paper()
    board.set({"username": "t1", "role": "member", "team": 1, "may_rule": True})
    for e in differ:
        paper.apply(e)
    ruling = rec.Entry(3, 0, 3, (2,), keyed_by="t1", action=A.RULE)
    assert [p.code for p in rec.admit(paper, ruling, 2, board, 10)] == [rec.Code.DECIDER_KEYED]
    assert codes([*differ, rec.Entry(3, 0, 3, (2,), keyed_by="member", action=A.RULE)]) == []


def test_an_unreadable_mark_lets_the_board_rule() -> None:
    entries = [rec.Entry(1, 1, 3, keyed_by="t1", action=A.UNREADABLE)]
    assert 3 in rec.reconcile(entries, 2).disagreements
    ruling = rec.Entry(2, 0, 3, (4,), keyed_by="head", action=A.RULE)
    assert codes([*entries, ruling]) == []
    assert rec.reconcile([*entries, ruling], 2).final[3].crossed == (4,)


def test_rekeying_needs_a_correction_and_a_correction_needs_a_reading() -> None:
    first = rec.Entry(1, 1, 3, (1,), keyed_by="t1")
    assert codes([first, rec.Entry(2, 1, 3, (2,), keyed_by="t1b")]) == ["rekey"]
    assert codes([first, rec.Entry(2, 1, 3, (2,), keyed_by="t1b", action=A.CORRECT)]) == []
    assert codes([rec.Entry(1, 1, 3, (2,), keyed_by="t1", action=A.CORRECT)]) == [
        "nothing_to_correct"
    ]
    entries = [first, rec.Entry(2, 2, 3, (2,), keyed_by="t2")]
    entries.append(rec.Entry(3, 2, 3, (1,), keyed_by="t2", action=A.CORRECT))
    state = rec.reconcile(entries, 2)
    assert state.settled and state.final[3].crossed == (1,)


def test_a_void_clears_a_reading_so_the_team_keys_again() -> None:
    entries = [
        rec.Entry(1, 1, 9, (1,), keyed_by="t1"),
        rec.Entry(2, 1, 9, keyed_by="head", action=A.VOID, reason="nhầm số phiếu"),
    ]
    assert codes(entries) == []
    assert rec.reconcile(entries, 2).keyed == 0
    assert codes([*entries, rec.Entry(3, 1, 9, (2,), keyed_by="t1")]) == []
    assert codes([rec.Entry(1, 1, 9, keyed_by="head", action=A.VOID, reason="x")]) == [
        "nothing_to_void"
    ]
    assert codes([entries[0], rec.Entry(2, 1, 9, keyed_by="head", action=A.VOID)]) == ["no_reason"]
    assert codes([entries[0], rec.Entry(2, 1, 9, keyed_by="t2", action=A.VOID, reason="x")]) == [
        "not_decider"
    ]


def test_a_serial_outside_the_numbered_papers_is_refused() -> None:
    assert codes([rec.Entry(1, 1, 299, (1,), keyed_by="t1")], collected=298) == ["serial_range"]
    assert codes([rec.Entry(1, 1, 298, (1,), keyed_by="t1")], collected=298) == []


def test_the_board_cannot_move_a_typist_who_keyed_nor_make_the_head_a_typist() -> None:
    board = rec.Board.from_block(BOARD)
    keyed = {"t1": {1}}

    def change(row: dict[str, Any], by: str = "head", reason: str = "ốm") -> list[str]:
        entry = rec.Entry(
            0, 0, 0, keyed_by=by, action=A.BOARD, reason=reason, member=tuple(sorted(row.items()))
        )
        return [str(p.code) for p in rec.admit_board(entry, board, keyed, counting=True)]

    assert change({"username": "t1", "role": "technical", "team": 2}) == ["move_after_keying"]
    assert change({"username": "t1", "role": "head", "team": None}) == ["move_after_keying"]
    assert change({"username": "x", "role": "head", "team": 1}) == ["head_on_team"]
    # The head may not step down onto a team (or off the board's chair) while counting.
    assert change({"username": "head", "role": "technical", "team": 1}) == ["head_on_team"]
    assert change({"username": "head", "role": "member", "team": None}) == ["head_on_team"]
    assert change({"username": "x", "role": "technical", "team": 2}, by="t2") == ["not_decider"]
    assert change({"username": "x", "role": "technical", "team": 2}, reason=" ") == ["no_reason"]
    assert change({"username": "x", "role": "technical", "team": 2}) == []


# --- the record ---------------------------------------------------------------------------


def test_an_untouched_record_verifies_and_says_it_is_only_self_consistent() -> None:
    record = simple_record()
    verdict = rec.verify(record)
    assert verdict.problems == [] and not verdict.anchored
    assert verdict.signed_by == rec.fingerprint(RAW)
    anchored = rec.verify(record, head=record["head"], public_key=RAW)
    assert anchored.problems == [] and anchored.head_checked and anchored.key_checked


@settings(max_examples=40, deadline=None)
@given(ballots, st.randoms(use_true_random=False), st.data())
def test_the_chain_detects_a_changed_removed_or_reordered_entry(papers, rnd, data) -> None:  # type: ignore[no-untyped-def]
    record = record_of(keyed(papers, rnd), len(papers))
    assert rec.verify(record).problems == []
    entries = record["entries"]
    index = data.draw(st.integers(0, len(entries) - 1))
    how = data.draw(st.sampled_from(["change", "remove", "swap"]))
    if how == "change":
        entries[index] = {**entries[index], "keyed_by": entries[index]["keyed_by"] + "x"}
    elif how == "remove":
        del entries[index]
    else:
        other = data.draw(st.integers(0, len(entries) - 1))
        if other == index:
            entries[index] = {**entries[index], "serial": entries[index]["serial"] + 1000}
        else:
            entries[index], entries[other] = entries[other], entries[index]
    assert rec.verify(record).problems != []


def test_a_full_rehash_with_other_winners_is_caught_by_the_printed_head_or_the_key() -> None:
    record = simple_record()
    printed_head = record["head"]
    forged = copy.deepcopy(record)
    for entry in forged["entries"]:
        entry["crossed"] = sorted({5 if n == 1 else n for n in entry["crossed"]})
    rehash(forged, Ed25519PrivateKey.generate())
    # Consistent in itself: only an anchor outside the file tells it apart.
    assert rec.verify(forged).problems == []
    assert forged["result"] != record["result"]
    assert rec.verify(forged, head=printed_head).problems != []
    assert rec.verify(forged, public_key=RAW).problems != []


def test_a_record_cut_at_its_tail_fails() -> None:
    record = simple_record()
    record["entries"] = record["entries"][:-2]
    problems = rec.verify(record).problems
    assert any("entries but holds" in p for p in problems)
    # Even with the count and head recomputed the signature no longer matches.
    record["entry_count"] = len(record["entries"])
    start = record["start"]
    last = record["entries"][-1]["hash"] if record["entries"] else start
    record["head"] = rec.final_hash(last, record["result"], record["entry_count"])
    assert "the signature does not match the head" in rec.verify(record).problems


def test_an_edited_election_block_fails() -> None:
    record = simple_record()
    record["election"]["ballots_issued"] = 500
    assert "the election block does not match its hash" in rec.verify(record).problems
    record = simple_record()
    record["election"]["candidates"][0] = "Ai khác"
    assert "the election block does not match its hash" in rec.verify(record).problems


def test_a_record_without_a_signature_or_with_a_forged_one_fails() -> None:
    record = simple_record()
    record["signature"]["value"] = base64.b64encode(b"x" * 64).decode()
    assert "the signature does not match the head" in rec.verify(record).problems
    del record["signature"]
    assert "the record is not signed" in rec.verify(record).problems


def test_a_record_breaking_the_rules_fails_even_if_rehashed() -> None:
    # One typist keyed both teams: re-hashing cannot make the replay of the rules pass.
    papers = [(frozenset({1}), frozenset())]
    entries = [rec.Entry(1, 1, 1, (1,), keyed_by="t1"), rec.Entry(2, 2, 1, (1,), keyed_by="t1")]
    record = record_of(entries, len(papers))
    problems = rec.verify(record).problems
    assert any("breaks the rules" in p for p in problems)
