"""The election record: the chain catches any tampering; double entry catches any slip."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.lib import electionrecord as rec
from daihoi.lib.tallyfiles import judge_ballot, result_json

NAMES = ["An", "Bình", "Cường", "Dung", "Em"]
SEATS = 3
HEADER = {"title": "Bầu Ban Chấp hành", "seats": SEATS, "base": 40, "teams": 2, "round": 1}

ballots = st.lists(
    st.tuples(
        st.frozensets(st.integers(1, len(NAMES)), max_size=len(NAMES)),
        st.frozensets(st.sampled_from(["not_issued", "written_in", "marked"]), max_size=1),
    ),
    min_size=1,
    max_size=40,
)


def keyed(
    papers: list[tuple[frozenset[int], frozenset[str]]], order: random.Random
) -> list[rec.Entry]:
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
            keyed_by=f"team{team}",
        )
        for seq, (team, serial) in enumerate(jobs, start=1)
    ]


def record_of(entries: list[rec.Entry]) -> dict:
    start = rec.header_hash(HEADER, NAMES)
    hashes = rec.chain(start, entries)
    state = rec.reconcile(entries, 2)
    return {
        "format": rec.FORMAT,
        "chain_header": HEADER,
        "election": {"ballots_collected": len(state.final)},
        "candidates": [{"no": i, "full_name": n} for i, n in enumerate(NAMES, start=1)],
        "header_hash": start,
        "entries": [{**e.payload(), "hash": h} for e, h in zip(entries, hashes, strict=True)],
        "head": hashes[-1] if hashes else start,
        "result": rec.count(NAMES, state.final, SEATS, HEADER["base"]),
    }


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
        HEADER["base"],
    )
    assert rec.count(NAMES, state.final, SEATS, HEADER["base"]) == direct


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
        slip.seq, slip.team, slip.serial, tuple(sorted(crossed)), (), slip.flags
    )
    state = rec.reconcile(entries, 2)
    assert slip.serial in state.disagreements


@settings(max_examples=40, deadline=None)
@given(ballots, st.randoms(use_true_random=False), st.data())
def test_the_chain_detects_a_changed_removed_or_reordered_entry(papers, rnd, data) -> None:  # type: ignore[no-untyped-def]
    record = record_of(keyed(papers, rnd))
    assert rec.verify(record) == []
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
    assert rec.verify(record) != []


def test_a_changed_list_breaks_the_chain() -> None:
    record = record_of(keyed([(frozenset({1}), frozenset())] * 3, random.Random(1)))
    record["candidates"][0]["full_name"] = "Ai khác"
    assert "the header (list, seats or base) does not match its hash" in rec.verify(record)


def test_a_ruling_of_the_board_settles_a_disagreement() -> None:
    entries = [
        rec.Entry(1, 1, 7, (1,)),
        rec.Entry(2, 2, 7, (2,)),
    ]
    assert 7 in rec.reconcile(entries, 2).disagreements
    entries.append(rec.Entry(3, rec.RULING_TEAM, 7, (1,)))
    state = rec.reconcile(entries, 2)
    assert state.settled and state.final[7].crossed == (1,)


def test_a_correction_replaces_the_teams_earlier_reading() -> None:
    entries = [rec.Entry(1, 1, 3, (1,)), rec.Entry(2, 2, 3, (2,)), rec.Entry(3, 2, 3, (1,))]
    state = rec.reconcile(entries, 2)
    assert state.settled and state.final[3].crossed == (1,)
