"""Benchmark: 1,600 ballot papers keyed by two teams through the real server, against a bare view.

Starts gunicorn (`daihoi.wsgi`, `--workers`, `--threads`) on a throw-away database
(SQLite in WAL mode as the project configures it, or PostgreSQL with
`--database-url` or DATABASE_URL) holding one election at Lộc Bình's congress,
set up through the actions: 60 names for 55 seats, 1,600 ballots issued and
collected, two keying teams of `--typists` typists each, counting. A separate
process (this file with `--client`) opens each typist's desk page
(`/bau-cu/<pk>/nhap/<team>/`, session cookie, CSRF token from the form), then posts
every paper's line once per team, as desk.js does: `line` ("serial crossed…"),
`key` (the line's idempotency key) and `csrfmiddlewaretoken`, asking for JSON.
Both teams key at once, `--concurrency` requests in flight over loopback. It prints
throughput and p50/p99 latency, then the same for `/ping/` (a bare view: no
database, no session) on the same server as the ceiling, and their ratio. Then it
resends `--repeats` lines with their keys, as a desk that lost the answer would:
each must be acknowledged with the entry already recorded (same seq). It asserts
that no request failed and that exactly 2 × 1,600 entries are in the database.

Run from the project root: `.venv/bin/python bench/desk.py [--database-url URL]`.
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from typing import Any

import _loadserver as ls
from _benchdb import bench_database

PAPERS = 1600
NAMES = 60
SEATS = 55
TEAMS = 2
SEED = 55
SURNAMES = "Hoàng Lương Mã Nông Triệu Vi Hà Lăng Chu Lộc".split()
GIVEN_NAMES = "Anh Bảo Chiến Duyên Hạnh Khoa Linh Mai Nam Quỳnh Sơn Tâm Thắng Uyên Yến".split()


def parse_args() -> argparse.Namespace:
    parser = ls.load_parser(
        __doc__.split("\n")[0], ("--typists", 4, "typists (logged-in users) in each team")
    )
    return parser.parse_args()


# ---------------------------------------------------------------- the load process


async def _drive(plan: dict[str, Any]) -> dict[str, Any]:
    load = ls.Load(plan["base"], plan["concurrency"], plan["server_pid"], plan["postgres"])
    typists = [
        (await load.login(cookie, path, 'name="csrfmiddlewaretoken" value="'), path)
        for cookie, path in plan["typists"]
    ]
    lines = plan["lines"]  # [typist, text, key]
    acknowledged: dict[int, int] = {}  # line → the seq the server answered

    async def key_line(i: int) -> str:
        who, text, key = lines[i]
        (session, csrf), path = typists[who]
        async with session.post(
            plan["base"] + path + "gui/",  # the desk page's form posts to election_key
            data={"csrfmiddlewaretoken": csrf, "key": key, "line": text},
            headers={"Accept": "application/json", "Referer": plan["base"] + path},
        ) as response:
            body = await response.json(content_type=None)
        if response.status != 200 or not body.get("ok") or body.get("key") != key:
            load.errors.append(f"{response.status} {body.get('errors') or body}")
            return "error"
        if "ghi lại" in body["message"]:
            return "correction"
        if i not in acknowledged:
            acknowledged[i] = body["seq"]
            return "recorded"
        return "same entry" if acknowledged[i] == body["seq"] else "second entry"

    return await load.measure(key_line, len(lines), plan["repeats"])


# ---------------------------------------------------------------- the setup


def candidate_names() -> list[str]:
    people = [(s, m, g) for g in GIVEN_NAMES for s in SURNAMES for m in ("Văn", "Thị", "Đình")]
    random.Random(SEED).shuffle(people)
    return [" ".join(p) for p in people[:NAMES]]


def paper_lines(rng: random.Random) -> list[str]:
    """What each paper reads, in the desk's syntax: the serial, then the lines crossed out.

    A valid paper leaves at most 55 of the 60 names: 5 to 9 crossed out; one in
    forty leaves too many (3 crossed), which the count will find invalid.
    """
    lines = []
    for serial in range(1, PAPERS + 1):
        crossed = rng.sample(range(1, NAMES + 1), 3 if serial % 40 == 0 else rng.randint(5, 9))
        lines.append(" ".join(str(n) for n in [serial, *sorted(crossed)]))
    return lines


def build_world(typists: int) -> dict[str, Any]:
    """Lộc Bình's congress electing its committee: 60 names, 55 seats, counting."""
    from django.urls import reverse

    from daihoi.accounts.models import Role, User
    from daihoi.elections.actions.board import do_add_board_member
    from daihoi.elections.actions.candidates import do_set_candidates
    from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
    from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
    from daihoi.elections.models import BoardRole, ElectionState

    _campaign, congress, org = ls.congress_at_loc_binh("bench-desk", "Đo nhập phiếu")
    staff = User.objects.create_user(
        "bench-staff", organisation=org, roles=[Role.ORG_STAFF], full_name="Ban tổ chức"
    )
    election = do_create_election(congress, "committee", SEATS, acting_user=staff)
    do_set_candidates(election, candidate_names(), acting_user=staff)
    sessions = []
    for team in range(1, TEAMS + 1):
        for n in range(1, typists + 1):
            user = User.objects.create_user(
                f"to{team}-{n}", organisation=org, roles=[Role.COUNTING_BOARD],
                full_name=f"Tổ {team} người {n}",
            )  # fmt: skip
            do_add_board_member(
                election, user, role=BoardRole.TECHNICAL, team=team, acting_user=staff
            )
            sessions.append(
                (ls.logged_in(user), reverse("election_desk", args=[election.pk, team]))
            )
    head = User.objects.create_user(
        "truongban", organisation=org, roles=[Role.COUNTING_BOARD], full_name="Trưởng ban"
    )
    do_add_board_member(election, head, role=BoardRole.HEAD, team=None, acting_user=staff)
    do_set_base(election, base=PAPERS, acting_user=staff)
    do_transition_election(election, ElectionState.LIST_ADOPTED, acting_user=staff)
    do_record_ballot_counts(election, issued=PAPERS, acting_user=staff)
    do_transition_election(election, ElectionState.BALLOTS_ISSUED, acting_user=staff)
    do_record_ballot_counts(election, collected=PAPERS, acting_user=staff)
    do_transition_election(election, ElectionState.COUNTING, acting_user=staff)

    # Both teams key the same stack at once, each from its own end, each paper by the
    # team's next typist in turn; every line has its own idempotency key, as desk.js.
    texts = paper_lines(random.Random(SEED))
    orders = [range(PAPERS), range(PAPERS - 1, -1, -1)]
    lines = []
    for i in range(PAPERS):
        for team in range(TEAMS):
            typist = team * typists + i % typists
            lines.append([typist, texts[orders[team][i]], uuid.uuid4().hex])
    return {"election": election.pk, "typists": sessions, "lines": lines}


def main() -> None:
    args = parse_args()
    if ls.client_main(args, _drive):
        return
    with bench_database(args.database_url, "daihoi_bench_desk") as (description, tmp_dir):
        from daihoi.elections.models import BallotEntry, Election
        from daihoi.elections.queries import reconciliation

        started = time.perf_counter()
        world = build_world(args.typists)
        print(f"Database: {description}")
        print(
            f"Set-up: {NAMES} names for {SEATS} seats, {PAPERS:,} papers, {TEAMS} teams of "
            f"{args.typists} typists ({time.perf_counter() - started:.1f} s)"
        )
        plan = {
            "repeats": min(args.repeats, len(world["lines"])),
            "typists": world["typists"],
            "lines": world["lines"],
        }
        result = ls.serve_and_load(args, tmp_dir, __file__, plan)
        entries = BallotEntry.objects.filter(election_id=world["election"])
        stored = {
            "entries": entries.count(),
            "papers": entries.values("team", "serial").distinct().count(),
            "keys": entries.values("idempotency_key").distinct().count(),
            "last seq": max(entries.values_list("seq", flat=True), default=0),
        }
        state = reconciliation(Election.objects.get(pk=world["election"]))
        stored["agreed"] = len(state.final)
        report(args, result, stored, state.settled)


def report(
    args: argparse.Namespace, result: dict[str, Any], stored: dict[str, int], settled: bool
) -> None:
    k, p, r = result["measured"], result["ping"], result["repeat"]
    ls.print_server(args, f"{TEAMS} teams × {args.typists} typists")
    ls.print_table(
        [("ballot line (POST, JSON)", k), ("/ping/ (bare view)", p), ("resent lines", r)]
    )
    ls.print_ratio("ballot line", k, p)
    print(f"answers: {result['codes']}; resent: {result['repeat_codes']}")
    print(
        f"in the database: {stored['entries']:,} entries for {stored['papers']:,} "
        f"(team, paper) pairs, {stored['keys']:,} keys, chain up to seq {stored['last seq']:,}; "
        f"teams agree on {stored['agreed']:,} papers"
    )
    expected = TEAMS * PAPERS
    assert result["error_count"] == 0, f"{result['error_count']} errors: {result['errors']}"
    assert result["codes"] == {"recorded": expected}, result["codes"]
    assert set(result["repeat_codes"]) <= {"same entry"}, result["repeat_codes"]
    assert stored["entries"] == expected, f"{stored['entries']} entries, expected {expected}"
    assert stored["papers"] == stored["keys"] == stored["last seq"] == expected, stored
    assert settled and stored["agreed"] == PAPERS, stored
    print(f"OK: no error, exactly {TEAMS} × {PAPERS:,} = {expected:,} entries")


if __name__ == "__main__":
    main()
