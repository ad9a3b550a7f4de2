"""Concurrency: racing writes each end in one clear outcome, never a lost update.

Real concurrency needs real connections, so these run against `daihoi serve`
over a private database (see harness.py), not in the suite's shared test
database: a transactional pytest-django test would flush that database, and
the demo tree loaded once per session with it. Two threads wait at a barrier
and send their requests together over HTTP, as two desks or two staff would;
each race is run for several rounds, and the outcome of every round is
checked against what the database holds afterwards.

- Two teams keying the same paper at once: both entries recorded, distinct
  seq, the chain whole (the election row lock serialises keying).
- The same idempotency key arriving twice at once (a desk resending while the
  first request is still in flight): one entry, both answers naming it.
- Two staff saving the same congress record from the same version: one is
  saved, the other gets the stale-copy refusal; nothing is silently lost.
- A state transition racing an edit: both apply (edit first) or the edit is
  refused as stale (transition first); never a transition past a blocker the
  edit introduced, never an edit reported saved but missing.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest

from tests.trust.harness import (
    CAMPAIGN,
    Built,
    Reply,
    Server,
    Session,
    build,
    chain_problems,
    congress_form,
    dump,
    new_key,
    own_database,
    server_env,
)

ROUNDS = 12
TYPISTS = {"to1a": 1, "to1b": 1, "to2a": 2}
STALE = "vừa được người khác cập nhật"  # the stale-copy refusal (campaigns/actions/congress.py)


@dataclass
class Served:
    server: Server
    built: Built
    env: dict[str, str]

    def session(self, username: str) -> Session:
        session = Session(self.server.port)
        session.log_in(username)
        return session

    def entries(self) -> dict[str, Any]:
        return dump(self.env, self.built.election)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("trust_race")
    with own_database(folder, "trust_race") as url:
        env = server_env(url)
        built = build(env, TYPISTS)
        server = Server(env, folder / "server.log")
        server.start()
        try:
            yield Served(server, built, env)
        finally:
            server.stop()
        # No request of any race may have ended in a 500.
        assert not server.errors(), server.errors()[:5]


@dataclass(frozen=True)
class Timed:
    reply: Reply
    start: float
    end: float


def together(*calls: Callable[[], Reply]) -> list[Timed]:
    """Run the calls in threads released at once by a barrier; return their answers in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Timed | BaseException | None] = [None] * len(calls)

    def run(index: int, call: Callable[[], Reply]) -> None:
        try:
            barrier.wait(timeout=30)
            start = time.monotonic()
            reply = call()
            results[index] = Timed(reply, start, time.monotonic())
        except BaseException as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    done: list[Timed] = []
    for result in results:
        if not isinstance(result, Timed):
            raise AssertionError(f"a racing request failed: {result!r}")
        done.append(result)
    return done


def overlapped(pair: list[Timed]) -> bool:
    """Whether the two requests were in the server at the same time (a real race)."""
    first, second = pair
    return first.start < second.end and second.start < first.end


def test_two_teams_keying_the_same_paper_at_once_both_land_in_one_chain(served: Served) -> None:
    team1, team2 = served.session("to1a"), served.session("to2a")
    election = served.built.election
    raced = 0
    seqs: list[int] = []
    serials = [1000 + r for r in range(ROUNDS)]
    for serial in serials:
        line = f"{serial} 2 4"
        pair = together(
            partial(team1.key, election, 1, line, new_key()),
            partial(team2.key, election, 2, line, new_key()),
        )
        raced += overlapped(pair)
        for timed in pair:
            answer = timed.reply.json()
            assert timed.reply.status == 200 and answer["ok"], answer
            assert answer["serial"] == serial
            seqs.append(answer["seq"])
    assert raced, "no round had both requests in the server at once"
    assert len(set(seqs)) == len(seqs), f"two acknowledgements share a seq: {seqs}"

    data = served.entries()
    per_paper = Counter((r["serial"], r["team"]) for r in data["entries"] if r["serial"] in serials)
    assert per_paper == Counter({(s, t): 1 for s in serials for t in (1, 2)})
    stored = {r["seq"] for r in data["entries"]}
    assert set(seqs) <= stored
    assert chain_problems(data) == []


def test_one_key_arriving_twice_at_once_is_recorded_once(served: Served) -> None:
    # The same typist's desk, twice: a resend racing the request it repeats.
    first, resend = served.session("to1b"), served.session("to1b")
    election = served.built.election
    raced = 0
    keys: dict[str, int] = {}
    for round_no in range(ROUNDS):
        line, key = f"{2000 + round_no} 1 5", new_key()
        pair = together(
            partial(first.key, election, 1, line, key),
            partial(resend.key, election, 1, line, key),
        )
        raced += overlapped(pair)
        answers = [timed.reply.json() for timed in pair]
        for timed, answer in zip(pair, answers, strict=True):
            assert timed.reply.status == 200 and answer["ok"], answer
            assert answer["key"] == key
        assert answers[0]["seq"] == answers[1]["seq"], "the resend was not given the first entry"
        keys[key] = answers[0]["seq"]
    assert raced, "no round had both requests in the server at once"

    data = served.entries()
    by_key = Counter(r["key"] for r in data["entries"])
    assert {key: by_key[key] for key in keys} == dict.fromkeys(keys, 1)
    seq_of = {r["key"]: r["seq"] for r in data["entries"]}
    assert {key: seq_of[key] for key in keys} == keys
    assert chain_problems(data) == []


def _save(session: Session, code: str, form: dict[str, str]) -> Callable[[], Reply]:
    return lambda: session.request("POST", f"/dai-hoi/{CAMPAIGN}/{code}/luu/", form)


def _transition(session: Session, code: str) -> Callable[[], Reply]:
    return lambda: session.request("POST", f"/dai-hoi/{CAMPAIGN}/{code}/chuyen-buoc/", {})


def _saved(reply: Reply) -> bool:
    """A save or transition that went through redirects; a refusal re-renders with its reason."""
    assert reply.status in (200, 302), f"unexpected answer {reply.status}"
    return reply.status == 302


def _grassroots(served: Served) -> list[str]:
    return sorted(code for code in served.built.congresses if code != "188")


def test_two_staff_saving_the_same_congress_version_one_wins_one_is_told(
    served: Served,
) -> None:
    province, district = served.session("langson"), served.session("locbinh")
    codes = _grassroots(served)[:ROUNDS]
    winners: dict[str, str] = {}
    raced = 0
    for code in codes:
        # Both opened the page before either saved: the same version in both forms.
        mine, theirs = congress_form(province, code), congress_form(district, code)
        assert mine["version"] == theirs["version"] == "1"
        mine["pilot_lessons"] = f"Tỉnh ủy: rút kinh nghiệm {code}"
        theirs["pilot_lessons"] = f"Huyện ủy: rút kinh nghiệm {code}"
        pair = together(_save(province, code, mine), _save(district, code, theirs))
        raced += overlapped(pair)
        saved = [_saved(timed.reply) for timed in pair]
        assert saved.count(True) == 1, f"{code}: {saved} — both or neither saved"
        loser = pair[saved.index(False)].reply
        assert STALE in loser.text, f"{code}: the refused save was not told why"
        winners[code] = (mine, theirs)[saved.index(True)]["pilot_lessons"]
    assert raced, "no round had both requests in the server at once"

    rows = served.entries()["congresses"]
    for code, text in winners.items():
        row = rows[code]
        assert row["pilot_lessons"] == text, f"{code}: the saved edit is not what is stored"
        assert row["version"] == 2, f"{code}: version {row['version']} after one save"
        assert row["audit"] == ["congress.update"], f"{code}: audit {row['audit']}"


def test_a_transition_racing_an_edit_ends_in_one_clear_outcome(served: Served) -> None:
    province, district = served.session("langson"), served.session("locbinh")
    codes = _grassroots(served)[ROUNDS : 2 * ROUNDS]
    assert len(codes) == ROUNDS
    outcomes: dict[str, tuple[bool, bool, str]] = {}
    raced = 0
    for index, code in enumerate(codes):
        form = congress_form(district, code)
        # Half the rounds edit a detail; the other half clear the planned date, which
        # the move to "preparing" requires: a transition must then see the edit or win.
        clears = index % 2 == 1
        if clears:
            form["planned_date"] = ""
        else:
            form["pilot_lessons"] = f"Sửa trong lúc chuyển bước {code}"
        pair = together(_transition(province, code), _save(district, code, form))
        raced += overlapped(pair)
        moved, edited = (_saved(timed.reply) for timed in pair)
        assert moved or edited, f"{code}: both refused"
        if not edited:
            assert STALE in pair[1].reply.text, f"{code}: the refused edit was not told why"
        if not moved:
            assert "Chưa có ngày dự kiến" in pair[0].reply.text, f"{code}: refusal without reason"
        outcomes[code] = (moved, edited, form["pilot_lessons"])
    assert raced, "no round had both requests in the server at once"

    rows = served.entries()["congresses"]
    orders: Counter[tuple[bool, bool]] = Counter()
    for index, (code, (moved, edited, text)) in enumerate(outcomes.items()):
        row = rows[code]
        clears = index % 2 == 1
        assert row["state"] == ("preparing" if moved else "planned"), f"{code}: {row}"
        if edited:
            expected_date = None if clears else "2020-06-15"
            assert row["planned_date"] == expected_date, f"{code}: edit lost: {row}"
            assert row["pilot_lessons"] == text, f"{code}: edit lost: {row}"
        else:
            assert (row["planned_date"], row["pilot_lessons"]) == ("2020-06-15", ""), row
        # Never past a blocker: "preparing" always has its planned date.
        assert row["state"] != "preparing" or row["planned_date"], f"{code}: {row}"
        assert row["version"] == 1 + moved + edited, f"{code}: {row}"
        expected = sorted(["congress.transition"] * moved + ["congress.update"] * edited)
        assert row["audit"] == expected, f"{code}: audit {row['audit']}"
        orders[(moved, edited)] += 1
    print(f"transition/edit outcomes (moved, edited): {dict(orders)}")
