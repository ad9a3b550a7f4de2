"""The election record: keyed entries in a hash chain, the rules of counting, and the recount.

Framework-free so that a superior or an inspector can recount an exported
record offline with this module alone (`daihoi verify-election FILE`).

What the chain covers, in order:

1. the election block, frozen when counting starts: organisation, campaign,
   congress, title, seats, base, ballots issued and collected, the counting
   board and the list in ballot order (`block_hash`);
2. every entry, each hash covering the previous hash and the entry: a team's
   keying of a paper, its correction, its mark "unreadable", the board's
   ruling on a disputed paper (team 0), the board voiding a team's reading,
   and a change of the board during counting;
3. the result and the number of entries (`final_hash`), so a record cut
   short at its tail, or with another result, no longer reaches its head.

The rules of separation of duties live here once (`admit`): the desk refuses
what they refuse before anything is stored, and `verify` replays an exported
record through them, so a record can only verify if it was counted by them.

One module, over the ~500 lines the project aims at, on purpose: it is the record's
whole specification, and an inspector recounting offline should need this file alone.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from daihoi.lib.ballots import BallotOutcome
from daihoi.lib.tallyfiles import FLAGS, judge_ballot, result_json

FORMAT = "daihoi-election/2"
RULING_TEAM = 0  # rulings, and board changes, are entries of team 0


class Action(StrEnum):
    KEY = "key"  # a team's first reading of a paper
    CORRECT = "correct"  # the team re-reads a paper it keyed, saying so
    UNREADABLE = "unreadable"  # the team cannot read the paper: the board must look at it
    RULE = "rule"  # the board's reading of a disputed paper (team 0)
    VOID = "void"  # the board strikes a team's reading (team = the team struck; 0: a ruling)
    BOARD = "board"  # the board changed during counting, by the head's recorded decision


READINGS = (Action.KEY, Action.CORRECT, Action.UNREADABLE)


class Role(StrEnum):
    HEAD = "head"
    MEMBER = "member"
    TECHNICAL = "technical"


@dataclass(frozen=True)
class Entry:
    """One line of the chain: a reading, a ruling, a void or a board change."""

    seq: int
    team: int
    serial: int
    crossed: tuple[int, ...] = ()
    void_lines: tuple[int, ...] = ()
    flags: tuple[str, ...] = ()
    keyed_by: str = ""
    keyed_at: str = ""
    action: str = Action.KEY
    reason: str = ""
    # A board change: who, in which role and team, and whether named for rulings.
    member: tuple[tuple[str, Any], ...] = ()

    def marks(self) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
        """Return what was read off the paper, in a form equal for equal readings."""
        return (
            tuple(sorted(self.crossed)),
            tuple(sorted(self.void_lines)),
            tuple(sorted(self.flags)),
        )

    def payload(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "action": str(self.action),
            "team": self.team,
            "serial": self.serial,
            "crossed": sorted(self.crossed),
            "void_lines": sorted(self.void_lines),
            "flags": sorted(self.flags),
            "keyed_by": self.keyed_by,
            "keyed_at": self.keyed_at,
            "reason": self.reason,
            "member": dict(self.member),
        }

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Entry:
        member = data.get("member") or {}
        return cls(
            seq=int(data["seq"]),
            team=int(data["team"]),
            serial=int(data["serial"]),
            crossed=tuple(int(n) for n in data.get("crossed", ())),
            void_lines=tuple(int(n) for n in data.get("void_lines", ())),
            flags=tuple(str(f) for f in data.get("flags", ())),
            keyed_by=str(data.get("keyed_by", "")),
            keyed_at=str(data.get("keyed_at", "")),
            action=str(data.get("action", Action.KEY)),
            reason=str(data.get("reason", "")),
            member=tuple(sorted((str(k), v) for k, v in dict(member).items())),
        )


# --- hashing ------------------------------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def block_hash(block: Mapping[str, Any]) -> str:
    """Hash of the election block: what every entry is about, fixed when counting starts."""
    return _digest(canonical({"format": FORMAT, "election": dict(block)}))


def entry_hash(previous: str, entry: Entry) -> str:
    return _digest(previous + "\n" + canonical(entry.payload()))


def final_hash(last: str, result: Mapping[str, Any] | None, entry_count: int) -> str:
    """The head: the last entry's hash, the result and how many entries there are."""
    return _digest(last + "\n" + canonical({"result": result, "entries": entry_count}))


def chain(start: str, entries: Iterable[Entry]) -> list[str]:
    """Return the hash after each entry, starting from the block's hash."""
    hashes: list[str] = []
    previous = start
    for entry in entries:
        previous = entry_hash(previous, entry)
        hashes.append(previous)
    return hashes


# --- the board and the rules --------------------------------------------------------------


@dataclass
class Member:
    username: str
    role: str
    team: int | None
    may_rule: bool = False

    @property
    def decides(self) -> bool:
        """May rule on a disputed paper or void a reading: the head or a member so named."""
        return self.role == Role.HEAD or (self.role == Role.MEMBER and self.may_rule)


@dataclass
class Board:
    members: dict[str, Member] = field(default_factory=dict)

    @classmethod
    def from_block(cls, rows: Iterable[Mapping[str, Any]]) -> Board:
        board = cls()
        for row in rows:
            board.set(row)
        return board

    def set(self, row: Mapping[str, Any]) -> None:
        team = row.get("team")
        self.members[str(row["username"])] = Member(
            username=str(row["username"]),
            role=str(row.get("role", Role.MEMBER)),
            team=int(team) if team is not None else None,
            may_rule=bool(row.get("may_rule", False)),
        )

    def get(self, username: str) -> Member | None:
        return self.members.get(username)


class Code(StrEnum):
    """Why an entry is refused; the Django layer words each one for the user."""

    NOT_ON_TEAM = "not_on_team"
    HEAD_KEYS = "head_keys"
    SERIAL_RANGE = "serial_range"
    REKEY = "rekey"
    NOTHING_TO_CORRECT = "nothing_to_correct"
    OTHER_TEAM_SAME_PERSON = "other_team_same_person"
    ALREADY_RULED = "already_ruled"
    NOT_DECIDER = "not_decider"
    NOT_DISPUTED = "not_disputed"
    DECIDER_KEYED = "decider_keyed"
    NOTHING_TO_VOID = "nothing_to_void"
    NO_REASON = "no_reason"
    MOVE_AFTER_KEYING = "move_after_keying"
    HEAD_ON_TEAM = "head_on_team"
    BAD_ENTRY = "bad_entry"


@dataclass(frozen=True)
class Problem:
    code: Code
    serial: int = 0
    team: int = 0
    person: str = ""
    detail: str = ""

    def __str__(self) -> str:
        where = f"paper {self.serial}" if self.serial else "board"
        who = f" by {self.person}" if self.person else ""
        extra = f" ({self.detail})" if self.detail else ""
        return f"{where}, team {self.team}{who}: {self.code}{extra}"


@dataclass
class Paper:
    """Where one paper stands after the entries so far."""

    readings: dict[int, Entry] = field(default_factory=dict)  # team → current reading
    ruling: Entry | None = None
    keyers: dict[str, set[int]] = field(default_factory=dict)  # person → teams keyed for

    def apply(self, entry: Entry) -> None:
        if entry.action in READINGS:
            self.readings[entry.team] = entry
            self.keyers.setdefault(entry.keyed_by, set()).add(entry.team)
        elif entry.action == Action.RULE:
            self.ruling = entry
        elif entry.action == Action.VOID:
            if entry.team == RULING_TEAM:
                self.ruling = None
            else:
                self.readings.pop(entry.team, None)

    def disputed(self, teams: int) -> bool:
        """Every team read it and they differ, or a team could not read it."""
        if any(e.action == Action.UNREADABLE for e in self.readings.values()):
            return True
        if any(t not in self.readings for t in range(1, teams + 1)):
            return False
        return len({self.readings[t].marks() for t in range(1, teams + 1)}) > 1

    def same_person(self, teams: int) -> list[str]:
        """People whose current readings stand for more than one team."""
        by_person: dict[str, int] = {}
        for t in range(1, teams + 1):
            if t in self.readings:
                person = self.readings[t].keyed_by
                by_person[person] = by_person.get(person, 0) + 1
        return sorted(p for p, n in by_person.items() if n > 1)


def admit(
    paper: Paper, entry: Entry, teams: int, board: Board, collected: int | None
) -> list[Problem]:
    """Return why the board's rules refuse this entry on this paper (empty: admitted)."""
    person = entry.keyed_by
    member = board.get(person)

    def problem(code: Code, detail: str = "") -> Problem:
        return Problem(code, entry.serial, entry.team, person, detail)

    if entry.action == Action.BOARD:
        return []  # checked by `admit_board`, with the whole paper history at hand
    if collected is not None and not 1 <= entry.serial <= collected:
        return [problem(Code.SERIAL_RANGE, f"1..{collected}")]
    if entry.action in READINGS:
        if member is None or member.team != entry.team or entry.team == RULING_TEAM:
            return [problem(Code.NOT_ON_TEAM)]
        if member.role == Role.HEAD:
            return [problem(Code.HEAD_KEYS)]
        if paper.ruling is not None:
            return [problem(Code.ALREADY_RULED)]
        other = paper.keyers.get(person, set()) - {entry.team}
        if other:
            return [problem(Code.OTHER_TEAM_SAME_PERSON, str(min(other)))]
        if entry.action == Action.CORRECT and entry.team not in paper.readings:
            return [problem(Code.NOTHING_TO_CORRECT)]
        if entry.action == Action.KEY and entry.team in paper.readings:
            return [problem(Code.REKEY)]
        if entry.action == Action.UNREADABLE and (entry.crossed or entry.void_lines):
            return [problem(Code.BAD_ENTRY, "an unreadable paper has no marks")]
        return []
    if entry.action not in (Action.RULE, Action.VOID):
        return [problem(Code.BAD_ENTRY, f"unknown action {entry.action}")]
    if member is None or not member.decides:
        return [problem(Code.NOT_DECIDER)]
    if person in paper.keyers:
        return [problem(Code.DECIDER_KEYED)]
    if not entry.reason.strip() and entry.action == Action.VOID:
        return [problem(Code.NO_REASON)]
    if entry.action == Action.RULE:
        if paper.ruling is not None:
            return [problem(Code.ALREADY_RULED)]
        if not paper.disputed(teams):
            return [problem(Code.NOT_DISPUTED)]
        return []
    # A void: of a team's standing reading, or of the standing ruling (team 0).
    standing = paper.ruling if entry.team == RULING_TEAM else paper.readings.get(entry.team)
    if standing is None:
        return [problem(Code.NOTHING_TO_VOID)]
    return []


def admit_board(
    entry: Entry, board: Board, keyed_by_person: Mapping[str, set[int]], counting: bool
) -> list[Problem]:
    """Refuse a change of the board that would undo separation of duties.

    `keyed_by_person` holds the teams each person has keyed any paper for.
    During counting only the head may change the board, with a reason.
    """
    row = dict(entry.member)
    person = entry.keyed_by
    username = str(row.get("username", ""))
    team = row.get("team")
    role = str(row.get("role", Role.MEMBER))

    def problem(code: Code, detail: str = "") -> Problem:
        return Problem(code, 0, int(team or 0), person, detail or username)

    if role == Role.HEAD and team is not None:
        return [problem(Code.HEAD_ON_TEAM)]
    actor = board.get(person)
    if counting and username == person and actor is not None and actor.role == Role.HEAD:
        # The head who decides the disputed papers may not step down to key them.
        if role != Role.HEAD:
            return [problem(Code.HEAD_ON_TEAM)]
    keyed = keyed_by_person.get(username, set())
    if keyed and (team is None or {int(team)} != keyed or role == Role.HEAD):
        return [problem(Code.MOVE_AFTER_KEYING)]
    if counting:
        if actor is None or actor.role != Role.HEAD:
            return [problem(Code.NOT_DECIDER)]
        if not entry.reason.strip():
            return [problem(Code.NO_REASON)]
    return []


def check_entry(entry: Entry, candidates: int, teams: int) -> list[str]:
    """Return what is wrong with one entry on its own (empty: nothing)."""
    problems = []
    if entry.action == Action.BOARD:
        return [] if entry.member else [f"entry {entry.seq}: a board change names nobody"]
    if not 0 <= entry.team <= teams:
        problems.append(f"entry {entry.seq}: team {entry.team} is not 1..{teams} or 0")
    if entry.action == Action.RULE and entry.team != RULING_TEAM:
        problems.append(f"entry {entry.seq}: a ruling is not of team 0")
    if entry.action in READINGS and entry.team == RULING_TEAM:
        problems.append(f"entry {entry.seq}: a reading of team 0")
    if entry.serial < 1:
        problems.append(f"entry {entry.seq}: ballot serial {entry.serial} is not positive")
    for name, numbers in (("crossed", entry.crossed), ("void_lines", entry.void_lines)):
        if len(set(numbers)) != len(numbers):
            problems.append(f"entry {entry.seq}: a line is repeated in {name}")
        stray = [n for n in numbers if not 1 <= n <= candidates]
        if stray:
            problems.append(f"entry {entry.seq}: {name} {stray} not on a {candidates}-name list")
    unknown = [f for f in entry.flags if f not in FLAGS]
    if unknown:
        problems.append(f"entry {entry.seq}: unknown flags {unknown}")
    if set(entry.crossed) & set(entry.void_lines):
        problems.append(f"entry {entry.seq}: a line both crossed and void")
    return problems


@dataclass
class Reconciliation:
    """Where the keyed entries stand, paper by paper."""

    final: dict[int, Entry] = field(default_factory=dict)  # serial → the reading that counts
    # serial → team → entry: every team read it and they differ, or one could not read it
    disagreements: dict[int, dict[int, Entry]] = field(default_factory=dict)
    incomplete: dict[int, list[int]] = field(default_factory=dict)  # serial → teams missing
    # serial → people: the agreeing readings are not by different people
    same_person: dict[int, list[str]] = field(default_factory=dict)

    @property
    def settled(self) -> bool:
        return not self.disagreements and not self.incomplete and not self.same_person

    @property
    def keyed(self) -> int:
        return (
            len(self.final) + len(self.disagreements) + len(self.incomplete) + len(self.same_person)
        )


def papers(entries: Iterable[Entry]) -> dict[int, Paper]:
    """Replay the entries (in chain order) into each paper's standing."""
    state: dict[int, Paper] = {}
    for entry in sorted(entries, key=lambda e: e.seq):
        if entry.action != Action.BOARD:
            state.setdefault(entry.serial, Paper()).apply(entry)
    return state


def settle(paper: Paper, teams: int) -> tuple[str, Any]:
    """One paper's standing: ("final", entry), ("disputed", readings), ("incomplete", teams),
    ("same_person", people) or ("empty", None) when every reading was voided."""
    if paper.ruling is not None:
        return "final", paper.ruling
    if paper.disputed(teams):
        return "disputed", dict(sorted(paper.readings.items()))
    if not paper.readings:
        return "empty", None
    missing = [t for t in range(1, teams + 1) if t not in paper.readings]
    if missing:
        return "incomplete", missing
    same = paper.same_person(teams)
    if same:
        return "same_person", same
    return "final", paper.readings[1]


def reconcile(entries: Iterable[Entry], teams: int) -> Reconciliation:
    """Decide each paper: the board's standing ruling, else every team's agreeing reading,
    keyed by different people. A correction replaces the team's earlier reading; a void
    strikes it; nothing is ever deleted from the chain."""
    result = Reconciliation()
    for serial, paper in sorted(papers(entries).items()):
        kind, value = settle(paper, teams)
        if kind == "final":
            result.final[serial] = value
        elif kind == "disputed":
            result.disagreements[serial] = value
        elif kind == "incomplete":
            result.incomplete[serial] = value
        elif kind == "same_person":
            result.same_person[serial] = value
    return result


def judge(entry: Entry, candidates: int, seats: int) -> BallotOutcome:
    return judge_ballot(
        frozenset(entry.crossed),
        frozenset(entry.void_lines),
        frozenset(entry.flags),
        candidates,
        seats,
    )


def count(
    candidates: Sequence[str], final: Mapping[int, Entry], seats: int, base: int
) -> dict[str, Any]:
    """Tally the final readings; the same JSON as `daihoi tally`."""
    outcomes = [judge(final[serial], len(candidates), seats) for serial in sorted(final)]
    return result_json(candidates, outcomes, seats, base)


# --- signatures ---------------------------------------------------------------------------


def fingerprint(public_key: bytes) -> str:
    """A key's fingerprint as printed on the minutes: SHA-256 of the raw key, in groups of 4."""
    digest = hashlib.sha256(public_key).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def signature_valid(public_key: bytes, head: str, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, head.encode("ascii"))
    except (InvalidSignature, ValueError):
        return False
    return True


def _b64(text: Any) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        return b""


# --- verification -------------------------------------------------------------------------


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    signed_by: str = ""  # the fingerprint of the key that signed the head
    head_checked: bool = False  # the head matched the one printed on the signed minutes
    key_checked: bool = False  # the signature is by the public key given

    @property
    def anchored(self) -> bool:
        """Checked against something outside the file: only then is a full re-hash caught."""
        return self.head_checked or self.key_checked


def replay(
    block: Mapping[str, Any], entries: Sequence[Entry], candidates: int
) -> tuple[list[str], Reconciliation]:
    """Check every entry against the rules in chain order; return the problems and the standing."""
    teams = int(block["teams"])
    collected = block.get("ballots_collected")
    board = Board.from_block(block.get("board", ()))
    problems: list[str] = []
    state: dict[int, Paper] = {}
    keyed_by_person: dict[str, set[int]] = {}
    for entry in entries:
        problems.extend(check_entry(entry, candidates, teams))
        if entry.action == Action.BOARD:
            refused = admit_board(entry, board, keyed_by_person, counting=True)
            if not refused:
                board.set(dict(entry.member))
        else:
            paper = state.setdefault(entry.serial, Paper())
            refused = admit(
                paper, entry, teams, board, int(collected) if collected is not None else None
            )
            paper.apply(entry)
            if entry.action in READINGS:
                keyed_by_person.setdefault(entry.keyed_by, set()).add(entry.team)
        problems.extend(f"entry {entry.seq}: breaks the rules: {p}" for p in refused)
    return problems, reconcile(entries, teams)


def verify(
    record: Mapping[str, Any], *, head: str | None = None, public_key: bytes | None = None
) -> Verdict:
    """Recount an exported record with this module alone and check it end to end.

    Without `head` (as printed on the signed paper minutes) or `public_key` (the
    installation's, obtained apart from the file), only internal consistency is
    checked: whoever can write the file can also re-hash and re-sign it.
    """
    verdict = Verdict()
    problems = verdict.problems
    if record.get("format") != FORMAT:
        problems.append(f"not a {FORMAT} record")
        return verdict
    block = record["election"]
    names = [str(n) for n in block["candidates"]]
    start = block_hash(block)
    if record.get("start") != start:
        problems.append("the election block does not match its hash")
    entries = [Entry.from_payload(e) for e in record["entries"]]
    seqs = [e.seq for e in entries]
    if seqs != list(range(1, len(entries) + 1)):
        problems.append("entries are out of order, repeated or missing")
    if record.get("entry_count") != len(entries):
        problems.append(
            f"the record says {record.get('entry_count')} entries but holds {len(entries)}"
        )
    hashes = chain(start, entries)
    for given, expected, entry in zip(
        (e.get("hash") for e in record["entries"]), hashes, entries, strict=True
    ):
        if given != expected:
            problems.append(f"entry {entry.seq}: hash does not follow from the chain")
            break
    last = hashes[-1] if hashes else start
    computed_head = final_hash(last, record.get("result"), int(record.get("entry_count") or 0))
    if record.get("head") != computed_head:
        problems.append("the head does not follow from the entries, their number and the result")
    rules, state = replay(block, entries, len(names))
    problems.extend(rules)
    collected = block.get("ballots_collected")
    if not state.settled:
        problems.append(
            f"{len(state.disagreements)} papers disagree, {len(state.incomplete)} are not keyed "
            f"by every team and {len(state.same_person)} were keyed by one person for two teams"
        )
    elif collected is not None and sorted(state.final) != list(range(1, int(collected) + 1)):
        problems.append(f"{len(state.final)} papers keyed, {collected} collected")
    else:
        recount = count(names, state.final, int(block["seats"]), int(block["base"]))
        if recount != record.get("result"):
            problems.append("the recount differs from the recorded result")
    signature = record.get("signature") or {}
    key = _b64(signature.get("public_key", ""))
    if not signature:
        problems.append("the record is not signed")
    elif not signature_valid(key, str(record.get("head", "")), _b64(signature.get("value", ""))):
        problems.append("the signature does not match the head")
    else:
        verdict.signed_by = fingerprint(key)
    if public_key is not None:
        if key != public_key:
            problems.append(
                f"signed by key {fingerprint(key)}, not by the key given "
                f"({fingerprint(public_key)})"
            )
        elif verdict.signed_by:
            verdict.key_checked = True
    if head is not None:
        if head.strip().lower() != str(record.get("head", "")):
            problems.append(f"the head is {record.get('head')}, not {head.strip()} as printed")
        else:
            verdict.head_checked = True
    return verdict
