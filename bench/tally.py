"""Benchmark: an election the size of the 13th National Congress, keyed twice, counted, minuted.

On a throw-away database (a temporary SQLite file, or `--database-url` PostgreSQL),
it sets up the election through the actions: 200 names for 180 seats of the
Central Committee, base 1,587, 1,587 ballots issued and collected, two keying
teams. Then it measures:

1. keying: every paper once by team 1 and once by team 2 through
   `do_key_ballot` (3,174 entries, each its own transaction, appended to the
   hash chain), against the target of under 5 ms per keyed entry on SQLite;
2. reconciling: `reconciliation()` as the board's page would show it, then the
   transition to "reconciled" (which reconciles again to check for blockers);
3. tallying: the transition to "announced", which counts the final readings
   and freezes the result and the chain head;
4. the minutes: `minutes_document()` of the announced election;

against the target of under 2 s for 2 + 3 + 4 together. With `--ballots` it
also times printing all 1,587 ballots (`ballot_document`), for information.

Run from the project root: `.venv/bin/python bench/tally.py [--database-url URL]
[--profile] [--ballots]`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from _benchdb import add_database_argument, bench_database, timed

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.elections.models import Election

T = TypeVar("T")

BALLOTS = 1_587  # delegates at the 13th National Congress, all present
NAMES = 200
SEATS = 180
KEY_TARGET_MS = 5.0
COUNT_TARGET_MS = 2_000.0
SEED = 13
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hải", "Hòa", "Khang", "Lan", "Long"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Xuân", "Công"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Phan"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument(
        "--profile", action="store_true", help="print the top functions of each timed phase"
    )
    parser.add_argument(
        "--ballots", action="store_true", help="also time printing all 1,587 ballots (DOCX)"
    )
    return parser.parse_args()


def candidate_names() -> list[str]:
    """200 distinct Vietnamese full names (family, middle, given)."""
    names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    return random.Random(SEED).sample(names, NAMES)


def readings(rng: random.Random) -> dict[int, list[int]]:
    """What each paper says: the lines crossed out (at least 20 for a valid paper).

    About one paper in a hundred leaves too many names (invalid).
    """
    lines = list(range(1, NAMES + 1))
    papers: dict[int, list[int]] = {}
    for serial in range(1, BALLOTS + 1):
        least = NAMES - SEATS
        k = rng.randint(least - 5, least - 1) if rng.random() < 0.01 else rng.randint(least, 60)
        papers[serial] = sorted(rng.sample(lines, k))
    return papers


class SqlTimer:
    """An execute wrapper adding up the statements run and the time spent in them."""

    def __init__(self) -> None:
        self.calls = 0
        self.ms = 0.0
        self.kinds: Counter[str] = Counter()

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - start) * 1000
            self.calls += 1
            self.kinds[sql.split(None, 1)[0].upper()] += 1


class CommitTimer:
    """Add up the time of the connection's commits (on SQLite with synchronous=FULL, an fsync)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.ms = 0.0

    def __enter__(self) -> CommitTimer:
        original = type(self.connection)._commit

        def _commit(this: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(this)
            finally:
                self.ms += (time.perf_counter() - start) * 1000

        # An instance attribute shadows the backend's method for this connection only.
        self.connection._commit = _commit.__get__(self.connection)
        return self

    def __exit__(self, *exc: object) -> None:
        del self.connection._commit


def profiled(enabled: bool, label: str, fn: Callable[[], T]) -> tuple[T, float]:
    """Time fn; with profiling on, also print its top 15 functions by cumulative and own time."""
    if not enabled:
        return timed(fn)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    result = profiler.runcall(fn)
    ms = (time.perf_counter() - start) * 1000
    print(f"--- profile: {label} (profiled run {ms:,.0f} ms) ---")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        # BENCH_PROFILE_FILTER=daihoi keeps only the project's own functions.
        only = os.environ.get("BENCH_PROFILE_FILTER", "")
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(only, 15)
        print(f"by {order}:")
        print("\n".join(line for line in out.getvalue().splitlines()[4:] if line.strip()))
    print()
    return result, ms


def set_up() -> tuple[Election, User, User, User, float]:
    """Load a one-province tree, create the election and bring it to counting."""
    from daihoi.accounts.models import Role, User
    from daihoi.campaigns.actions.campaign import do_create_campaign
    from daihoi.campaigns.models import Congress
    from daihoi.elections.actions.board import do_add_board_member
    from daihoi.elections.actions.candidates import do_set_candidates
    from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
    from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
    from daihoi.elections.models import BoardRole, ElectionKind, ElectionState
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Organisation, Structure

    start = time.perf_counter()
    structure = Structure.objects.get(code="2020")
    do_import_organisations(plan_import(structure, demo_table(["20"])), acting_user=None)
    centre = Organisation.objects.get(structure=structure, depth=1)
    admin = User.objects.create_superuser("quantri", password=None, roles=[Role.ADMIN])
    head = User.objects.create_user(
        "truongban", full_name="Trưởng ban kiểm phiếu", roles=[Role.COUNTING_BOARD]
    )
    team1 = User.objects.create_user(
        "to1", full_name="Tổ nhập phiếu 1", roles=[Role.COUNTING_BOARD]
    )
    team2 = User.objects.create_user(
        "to2", full_name="Tổ nhập phiếu 2", roles=[Role.COUNTING_BOARD]
    )
    campaign = do_create_campaign(
        "dh-xiii",
        "Đại hội đại biểu toàn quốc lần thứ XIII",
        structure=structure,
        term_start=2021,
        term_end=2026,
        acting_user=None,
    )
    congress = Congress.objects.create(
        campaign=campaign, organisation=centre, org_path=centre.path, level=centre.level
    )
    election = do_create_election(
        congress,
        ElectionKind.COMMITTEE,
        SEATS,
        title="Bầu Ban Chấp hành Trung ương Đảng khóa XIII",
        acting_user=admin,
    )
    do_set_candidates(election, candidate_names(), acting_user=admin)
    do_add_board_member(election, head, role=BoardRole.HEAD, team=None, acting_user=admin)
    do_add_board_member(election, team1, role=BoardRole.TECHNICAL, team=1, acting_user=admin)
    do_add_board_member(election, team2, role=BoardRole.TECHNICAL, team=2, acting_user=admin)
    do_transition_election(election, ElectionState.LIST_ADOPTED, acting_user=admin)
    do_set_base(election, base=BALLOTS, acting_user=admin)
    do_record_ballot_counts(election, issued=BALLOTS, collected=BALLOTS, acting_user=admin)
    do_transition_election(election, ElectionState.BALLOTS_ISSUED, acting_user=admin)
    do_transition_election(election, ElectionState.COUNTING, acting_user=admin)
    return election, admin, team1, team2, (time.perf_counter() - start) * 1000


def main() -> None:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_tally") as (description, _tmp):
        print(f"Database: {description}")
        print(f"Python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
        print()
        run(profile=args.profile, ballots=args.ballots)


def run(*, profile: bool, ballots: bool) -> None:
    from django.db import connection, connections

    from daihoi.elections.actions.entries import do_key_ballot
    from daihoi.elections.actions.lifecycle import do_transition_election
    from daihoi.elections.ballots_docx import ballot_document
    from daihoi.elections.minutes_docx import minutes_document
    from daihoi.elections.models import ElectionState
    from daihoi.elections.queries import reconciliation

    election, admin, team1, team2, setup_ms = set_up()
    papers = readings(random.Random(SEED))
    crossed_total = sum(len(c) for c in papers.values())
    print(
        f"Election: {NAMES} names, {SEATS} seats, base {BALLOTS:,}, {BALLOTS:,} papers "
        f"({crossed_total:,} names crossed out), 2 teams"
    )
    print(f"  set-up (one-province tree, campaign, election to 'counting'): {setup_ms:,.0f} ms")
    print()

    def key_all() -> list[float]:
        samples: list[float] = []
        for team, user in ((1, team1), (2, team2)):
            for serial, crossed in papers.items():
                start = time.perf_counter()
                do_key_ballot(election, team=team, serial=serial, crossed=crossed, acting_user=user)
                samples.append((time.perf_counter() - start) * 1000)
        return samples

    sql = SqlTimer()
    commits = CommitTimer(connections["default"])
    with connection.execute_wrapper(sql), commits:
        samples, key_ms = profiled(profile, "keying", key_all)
    samples.sort()
    per_entry = key_ms / len(samples)
    print(f"Keying: {len(samples):,} entries through do_key_ballot (each paper by both teams)")
    print(f"  total {key_ms / 1000:,.1f} s")
    print(
        f"  per entry: mean {per_entry:.2f} ms, median {samples[len(samples) // 2]:.2f} ms, "
        f"p95 {samples[int(len(samples) * 0.95)]:.2f} ms, max {samples[-1]:.2f} ms"
    )
    print(f"  per paper (two entries): {2 * per_entry:.2f} ms")
    n = len(samples)
    print(
        f"  of which SQL statements: {sql.calls / n:.1f} per entry, {sql.ms / n:.2f} ms "
        f"per entry ({', '.join(f'{k} {v / n:.1f}' for k, v in sql.kinds.most_common())}); "
        f"the rest is Python and the commit"
    )
    print(
        f"  commits: {commits.ms / n:.2f} ms per entry (each do_key_ballot is one transaction); "
        f"Python (ORM, hashing): {(key_ms - sql.ms - commits.ms) / n:.2f} ms per entry"
    )
    verdict = "meets" if per_entry < KEY_TARGET_MS else "MISSES"
    print(
        f"  {verdict} the < {KEY_TARGET_MS:.0f} ms per keyed entry target "
        f"(ratio {per_entry / KEY_TARGET_MS:.2f})"
    )
    print()

    def reconcile() -> int:
        state = reconciliation(election)
        do_transition_election(election, ElectionState.RECONCILED, acting_user=admin)
        return len(state.final)

    final, reconcile_ms = profiled(profile, "reconcile", reconcile)
    announced, tally_ms = profiled(
        profile,
        "tally",
        lambda: do_transition_election(election, ElectionState.ANNOUNCED, acting_user=admin),
    )
    minutes, minutes_ms = profiled(profile, "minutes", lambda: minutes_document(announced))
    result = announced.result or {}
    total = reconcile_ms + tally_ms + minutes_ms
    print("Counting")
    print(
        f"  reconcile (reconciliation() + transition): {reconcile_ms:8,.0f} ms  ({final:,} papers)"
    )
    print(f"  tally (announce: count, freeze result)   : {tally_ms:8,.0f} ms")
    print(
        f"  minutes_document()                       : {minutes_ms:8,.0f} ms  "
        f"({len(minutes):,} bytes)"
    )
    verdict = "meets" if total < COUNT_TARGET_MS else "MISSES"
    print(
        f"  together                                 : {total:8,.0f} ms  {verdict} the "
        f"< {COUNT_TARGET_MS / 1000:.0f} s target (ratio {total / COUNT_TARGET_MS:.2f})"
    )
    b = result.get("ballots", {})
    print(
        f"  result: valid {b.get('valid')}, invalid {b.get('invalid')}, "
        f"elected {len(result.get('elected', []))}, tied {len(result.get('tied', []))}, "
        f"seats left {result.get('seats_left')}; chain head {announced.chain_head[:16]}…"
    )
    print()

    if ballots:
        data, ballots_ms = timed(lambda: ballot_document(announced))
        print(
            f"Printing all {BALLOTS:,} ballots (ballot_document): {ballots_ms / 1000:,.1f} s, "
            f"{len(data) / 1e6:,.1f} MB"
        )
        print()


if __name__ == "__main__":
    main()
