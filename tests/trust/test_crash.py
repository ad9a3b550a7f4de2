"""No loss on crash: keying ballots while the server is killed with SIGKILL, again and again.

Four typists (two per team) key ballots at the counting desk over HTTP, each
with its own session, as fast as the server answers. A killer sends SIGKILL to
`daihoi serve` at random moments (seeded) at least 20 times and starts it
again. A typist whose request fails (refused connection, reset, a cut-off
answer) resends the same line with the SAME idempotency key until it is
acknowledged: that is the desk's safe-retry path (desk.js keeps the key of an
unacknowledged line). The run ends with one more SIGKILL, and the database is
then read directly:

- every acknowledged key is present exactly once, with the seq the
  acknowledgement named and the reading that was sent;
- nothing is there that no typist sent, and each team keyed each paper once
  (a resend never became a second keying);
- seq is 1..n without gaps, every entry has its hash, and the chain from the
  header hash over all entries in seq order reproduces every stored hash.

SQLite runs as configured in daihoi/settings.py: WAL, synchronous=FULL,
IMMEDIATE transactions, busy_timeout. A SIGKILL loses the process, not the
kernel's page cache, so it tests that a commit is atomic and that nothing is
acknowledged before it commits; synchronous=FULL is what carries the same
promise through a power cut, which a test on one machine cannot stage. The
same test runs on PostgreSQL when DATABASE_URL points there (a private
database is created and dropped).

Check-ins at the congress desks have a crash test of the same kind in
tests/assembly/test_crash.py (four desks, twenty kills, every acknowledged
check-in present exactly once).
"""

from __future__ import annotations

import http.client
import os
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.trust.harness import (
    Server,
    Session,
    build,
    chain_problems,
    dump,
    new_key,
    own_database,
    server_env,
)

KILLS = 20
SEED = int(os.environ.get("DAIHOI_TRUST_SEED", "20201014"))
# How long the server lives between kills: long enough for requests to be in
# flight at every kill, short enough that 20 kills and restarts fit in ~1 min.
UPTIME = (0.15, 1.0)
# Team 1 and team 2 each have two typists; one keys the odd papers, one the even.
TYPISTS = {"to1a": 1, "to1b": 1, "to2a": 2, "to2b": 2}


def reading(serial: int) -> str:
    """What every team reads off paper `serial`: the serial, then one or two lines crossed."""
    first = serial % 5 + 1
    second = (serial // 5) % 5 + 1
    crossed = sorted({first, second})
    return " ".join(str(n) for n in (serial, *crossed))


@dataclass(frozen=True)
class Ack:
    seq: int
    team: int
    serial: int
    line: str
    sent_at: float  # when the acknowledged attempt was sent (epoch seconds)
    attempts: int


@dataclass
class Typist:
    username: str
    team: int
    slot: int  # 0 keys odd papers, 1 even ones
    session: Session
    acked: dict[str, Ack] = field(default_factory=dict)
    interrupted: int = 0  # attempts cut off: the server died with them in flight
    refused: int = 0  # attempts while the server was down
    server_errors: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    failure: str = ""

    def run(self, election: int, stop: threading.Event) -> None:
        # An exception would end the thread quietly and shrink the run; keep it for the test.
        try:
            self._key_papers(election, stop)
        except BaseException as exc:
            self.failure = repr(exc)

    def _key_papers(self, election: int, stop: threading.Event) -> None:
        paper = 0
        while not stop.is_set():
            serial = 2 * paper + self.slot + 1
            paper += 1
            line, key = reading(serial), new_key()
            attempts = 0
            # The same key until acknowledged, whatever happens in between.
            while True:
                attempts += 1
                sent_at = time.time()
                try:
                    reply = self.session.key(election, self.team, line, key, timeout=30)
                except ConnectionRefusedError:
                    self.refused += 1  # the server is down: wait for the restart
                    time.sleep(0.05)
                    continue
                except (OSError, http.client.HTTPException):
                    self.interrupted += 1  # the server died with this request in flight
                    time.sleep(0.05)
                    continue
                if reply.status >= 500:
                    self.server_errors.append(f"{reply.status} for {line!r}")
                    time.sleep(0.05)
                    continue
                answer = reply.json()
                if reply.status == 200 and answer.get("ok"):
                    assert answer["key"] == key, answer
                    self.acked[key] = Ack(answer["seq"], self.team, serial, line, sent_at, attempts)
                else:
                    self.refusals.append(f"{reply.status} {line!r}: {answer.get('errors')}")
                break


def test_no_acknowledged_ballot_is_lost_or_doubled_across_20_sigkills(tmp_path: Path) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)
    with own_database(tmp_path, "trust_crash") as url:
        env = server_env(url)
        built = build(env, TYPISTS)
        server = Server(env, tmp_path / "server.log")
        server.start()
        typists: list[Typist] = []
        try:
            for index, (username, team) in enumerate(TYPISTS.items()):
                session = Session(server.port)
                session.log_in(username)
                typists.append(Typist(username, team, index % 2, session))
            stop = threading.Event()
            threads = [
                threading.Thread(target=t.run, args=(built.election, stop), daemon=True)
                for t in typists
            ]
            for thread in threads:
                thread.start()
            for _kill in range(KILLS):
                time.sleep(rng.uniform(*UPTIME))
                server.kill()
                server.start()
            # Let the last restart serve a while, then stop taking new papers; each
            # typist still finishes (resends until acknowledged) the line in hand.
            time.sleep(0.5)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            assert not any(thread.is_alive() for thread in threads), "a typist never got an answer"
            # The state read back is the state a crash leaves: no graceful shutdown.
            server.kill()
        finally:
            server.stop()
        data = dump(env, built.election)

    elapsed = time.monotonic() - started
    acked = {key: ack for t in typists for key, ack in t.acked.items()}
    rows = data["entries"]
    by_key = Counter(r["key"] for r in rows)
    row_of = {r["key"]: r for r in rows}
    interrupted = sum(t.interrupted for t in typists)
    refused = sum(t.refused for t in typists)
    # Entries written by an attempt whose answer never came, found again by the resend.
    recovered = sum(
        1
        for key, ack in acked.items()
        if ack.attempts > 1 and key in row_of and _epoch(row_of[key]["keyed_at"]) < ack.sent_at
    )
    summary = (
        f"seed {SEED}: {server.kills} SIGKILLs, {len(rows)} entries, {len(acked)} acknowledged, "
        f"{interrupted} requests cut off in flight, {refused} refused while down, "
        f"{recovered} writes whose answer was lost and whose resend returned them, "
        f"{elapsed:.0f} s"
    )
    print(summary)

    assert server.kills == KILLS + 1 and server.starts == KILLS + 1, summary
    assert interrupted > 0, f"no kill landed on a request in flight: {summary}"
    assert not [t.failure for t in typists if t.failure], [t.failure for t in typists]
    assert not [e for t in typists for e in t.server_errors], summary
    assert not [e for t in typists for e in t.refusals], summary
    assert not server.errors(), server.errors()[:5]

    # Every acknowledged write is present exactly once, as acknowledged.
    missing = [key for key in acked if by_key[key] == 0]
    doubled = [key for key, n in by_key.items() if n > 1]
    assert not missing, f"acknowledged but lost: {missing[:5]} ({summary})"
    assert not doubled, f"recorded more than once: {doubled[:5]} ({summary})"
    for key, ack in acked.items():
        row = row_of[key]
        assert (row["seq"], row["team"], row["serial"]) == (ack.seq, ack.team, ack.serial), key
        assert " ".join(str(n) for n in (row["serial"], *row["crossed"])) == ack.line, key
    # Nothing nobody sent, and nothing sent twice under different keys.
    strangers = [r["seq"] for r in rows if r["key"] not in acked]
    assert not strangers, f"entries no typist sent (or saw acknowledged): {strangers[:5]}"
    twice = [p for p, n in Counter((r["team"], r["serial"]) for r in rows).items() if n > 1]
    assert not twice, f"papers keyed twice by one team: {twice[:5]}"

    # Nothing half-written: seq 1..n, every hash there, the chain whole end to end.
    assert chain_problems(data) == []


def _epoch(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()
