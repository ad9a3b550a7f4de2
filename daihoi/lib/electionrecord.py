"""The election record: keyed entries in a hash chain, and the count recomputed from them.

Framework-free so that a superior or an inspector can recount an exported
record offline with this module alone (`daihoi verify-election FILE`).

Every keyed ballot is an entry; entries are never changed, a correction is a
new entry for the same paper and team, and a board member's ruling after
looking at the paper is an entry of team 0. Each entry's hash covers the
previous hash and the entry, and the first entry chains from the hash of the
election's header (list, seats, base), so changing, removing or reordering
anything breaks the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from daihoi.lib.ballots import BallotOutcome
from daihoi.lib.tallyfiles import FLAGS, judge_ballot, result_json

FORMAT = "daihoi-election/1"
RULING_TEAM = 0  # entries of team 0 are the board's rulings on disagreeing papers


@dataclass(frozen=True)
class Entry:
    """One keying of one paper by one team (or a ruling, team 0)."""

    seq: int
    team: int
    serial: int
    crossed: tuple[int, ...] = ()
    void_lines: tuple[int, ...] = ()
    flags: tuple[str, ...] = ()
    keyed_by: str = ""
    keyed_at: str = ""

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
            "team": self.team,
            "serial": self.serial,
            "crossed": sorted(self.crossed),
            "void_lines": sorted(self.void_lines),
            "flags": sorted(self.flags),
            "keyed_by": self.keyed_by,
            "keyed_at": self.keyed_at,
        }

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Entry:
        return cls(
            seq=int(data["seq"]),
            team=int(data["team"]),
            serial=int(data["serial"]),
            crossed=tuple(int(n) for n in data.get("crossed", ())),
            void_lines=tuple(int(n) for n in data.get("void_lines", ())),
            flags=tuple(str(f) for f in data.get("flags", ())),
            keyed_by=str(data.get("keyed_by", "")),
            keyed_at=str(data.get("keyed_at", "")),
        )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def header_hash(header: Mapping[str, Any], candidates: Sequence[str]) -> str:
    """Hash of what the entries are about: the list in ballot order, seats and base."""
    return _digest(_canonical({"header": dict(header), "candidates": list(candidates)}))


def entry_hash(previous: str, entry: Entry) -> str:
    return _digest(previous + "\n" + _canonical(entry.payload()))


def chain(start: str, entries: Iterable[Entry]) -> list[str]:
    """Return the hash after each entry, starting from the header's hash."""
    hashes: list[str] = []
    previous = start
    for entry in entries:
        previous = entry_hash(previous, entry)
        hashes.append(previous)
    return hashes


def check_entry(entry: Entry, candidates: int, teams: int) -> list[str]:
    """Return what is wrong with one entry on its own (empty: nothing)."""
    problems = []
    if not 0 <= entry.team <= teams:
        problems.append(f"entry {entry.seq}: team {entry.team} is not 1..{teams} or 0")
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
    disagreements: dict[int, dict[int, Entry]] = field(
        default_factory=dict
    )  # serial → team → entry
    incomplete: dict[int, list[int]] = field(default_factory=dict)  # serial → teams missing

    @property
    def settled(self) -> bool:
        return not self.disagreements and not self.incomplete


def reconcile(entries: Iterable[Entry], teams: int) -> Reconciliation:
    """Decide each paper's reading: the board's latest ruling, else all teams' agreeing entries.

    A team's later entry for the same paper replaces its earlier one (a
    correction); nothing is ever deleted.
    """
    latest: dict[int, dict[int, Entry]] = {}
    for entry in sorted(entries, key=lambda e: e.seq):
        latest.setdefault(entry.serial, {})[entry.team] = entry
    result = Reconciliation()
    for serial in sorted(latest):
        by_team = latest[serial]
        ruling = by_team.get(RULING_TEAM)
        if ruling is not None:
            result.final[serial] = ruling
            continue
        missing = [t for t in range(1, teams + 1) if t not in by_team]
        if missing:
            result.incomplete[serial] = missing
            continue
        readings = {by_team[t].marks() for t in range(1, teams + 1)}
        if len(readings) == 1:
            result.final[serial] = by_team[1]
        else:
            result.disagreements[serial] = {t: by_team[t] for t in range(1, teams + 1)}
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


def verify(record: Mapping[str, Any]) -> list[str]:
    """Recount an exported record with this module alone; return every problem found.

    The record holds `chain_header` (what the chain starts from: list, seats,
    base, teams), `candidates`, `header_hash`, `entries` (each with its
    `hash`), `head`, `result`, and `election` with the ballots issued and collected.
    """
    problems: list[str] = []
    if record.get("format") != FORMAT:
        return [f"not a {FORMAT} record"]
    header = record["chain_header"]
    names = [c["full_name"] for c in sorted(record["candidates"], key=lambda c: c["no"])]
    if [c["no"] for c in sorted(record["candidates"], key=lambda c: c["no"])] != list(
        range(1, len(names) + 1)
    ):
        problems.append("candidate numbers are not 1..n")
    start = header_hash(header, names)
    if record.get("header_hash") != start:
        problems.append("the header (list, seats or base) does not match its hash")
    entries = [Entry.from_payload(e) for e in record["entries"]]
    seqs = [e.seq for e in entries]
    if seqs != sorted(seqs) or len(set(seqs)) != len(seqs):
        problems.append("entries are out of order or repeated")
    hashes = chain(start, entries)
    for given, expected, entry in zip(
        (e.get("hash") for e in record["entries"]), hashes, entries, strict=True
    ):
        if given != expected:
            problems.append(f"entry {entry.seq}: hash does not follow from the chain")
            break
    head = hashes[-1] if hashes else start
    if record.get("head") != head:
        problems.append("the chain head does not match the entries")
    teams = int(header["teams"])
    for entry in entries:
        problems.extend(check_entry(entry, len(names), teams))
    state = reconcile(entries, teams)
    if not state.settled:
        problems.append(
            f"{len(state.disagreements)} papers disagree and {len(state.incomplete)} "
            "are not keyed by every team"
        )
        return problems
    collected = record.get("election", {}).get("ballots_collected")
    if collected is not None and len(state.final) != int(collected):
        problems.append(f"{len(state.final)} papers keyed, {collected} collected")
    recount = count(names, state.final, int(header["seats"]), int(header["base"]))
    if recount != record.get("result"):
        problems.append("the recount differs from the recorded result")
    return problems
