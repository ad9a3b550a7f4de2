"""No check-in lost or doubled: desks scanning while the server is killed with SIGKILL.

Four desks (each its own login session) check in 600 delegates over HTTP, the
cards split between them with an overlap (a delegate who queues at two desks),
while a killer sends SIGKILL to `daihoi serve` 20 times at seeded random moments.
A desk whose request fails resends the same card until it gets a JSON answer,
as desk.js does. The database is then read directly:

- every card acknowledged is checked in exactly once, and when acknowledged as
  newly written (created), at the time the answer gave;
- no delegate nobody scanned is checked in; there is one row per delegate;
- each card scanned at two desks got one "checked in" and one "already" answer
  (or two "already" when a resend found its own lost write).

A SIGKILL loses the process; the check-in is one INSERT in its own transaction,
committed before the answer is written, so nothing acknowledged can be lost.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.trust.harness import PASSWORD, Server, Session, own_database, server_env

KILLS = 20
SEED = int(os.environ.get("DAIHOI_TRUST_SEED", "20200720"))
UPTIME = (0.15, 0.8)
DELEGATES = 600
DESKS = ["ban1", "ban2", "ban3", "ban4"]

SETUP = """
import datetime as dt, json, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from daihoi.accounts.models import Role, User
from daihoi.assembly.actions.sittings import do_open_sitting
from daihoi.assembly.tokens import card_token
from daihoi.assembly.models import Delegate
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.models import Congress
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.demo import demo_table
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Organisation, Structure
from daihoi.core.tables import Table

password, n, desks = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
structure = Structure.objects.get(code="2020")
full = demo_table(["20"])
rows = [r for r in full.rows if r[1][0] in ("TW", "20", "188")]
do_import_organisations(plan_import(structure, Table(full.headers, rows)), acting_user=None)
org = Organisation.objects.get(structure=structure, code="188")
for name in desks:
    User.objects.create_user(
        name, password=password, organisation=org, roles=[Role.ORG_STAFF], full_name=name
    )
campaign = do_create_campaign(
    "diem-danh", "Điểm danh", structure=structure, term_start=2020, term_end=2025, acting_user=None
)
congress = Congress.objects.create(
    campaign=campaign, organisation=org, org_path=org.path, level=org.level
)
Delegate.objects.bulk_create(
    Delegate(congress=congress, full_name=f"Đại Biểu {i}", folded_name=f"dai bieu {i}")
    for i in range(n)
)
sitting = do_open_sitting(
    congress, kind="official", date=dt.date(2020, 7, 20), part="morning",
    acting_user=User.objects.get(username=desks[0]),
)
tokens = {d.pk: card_token(d) for d in Delegate.objects.filter(congress=congress)}
print(json.dumps({"sitting": sitting.pk, "tokens": tokens}))
"""

DUMP = """
import json, sys
import django
django.setup()
from daihoi.assembly.models import CheckIn
rows = [
    {"delegate": c.delegate_id, "at": c.at.isoformat(), "desk": c.desk}
    for c in CheckIn.objects.filter(sitting_id=int(sys.argv[1]))
]
print(json.dumps(rows))
"""


def _run(env: dict[str, str], script: str, *args: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class Desk:
    name: str
    session: Session
    cards: list[tuple[int, str]]
    answers: dict[int, dict[str, object]] = field(default_factory=dict)
    interrupted: int = 0
    errors: list[str] = field(default_factory=list)
    failure: str = ""

    def run(self, sitting: int) -> None:
        try:
            for delegate, token in self.cards:
                self.answers[delegate] = self._scan(sitting, token)
        except BaseException as exc:
            self.failure = repr(exc)

    def _scan(self, sitting: int, token: str) -> dict[str, object]:
        while True:
            try:
                reply = self.session.request(
                    "POST",
                    f"/diem-danh/{sitting}/quet/",
                    {"token": token, "desk": self.name},
                    accept="application/json",
                )
            except (OSError, http.client.HTTPException):
                self.interrupted += 1  # down, or killed with the request in flight: resend
                time.sleep(0.05)
                continue
            if reply.status >= 500:
                self.errors.append(f"{reply.status}: {reply.text[:200]}")
                time.sleep(0.05)
                continue
            answer = reply.json()
            if reply.status != 200 or not answer.get("ok"):
                self.errors.append(f"{reply.status}: {answer}")
            return answer


def test_no_acknowledged_check_in_is_lost_or_doubled_across_20_sigkills(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    with own_database(tmp_path, "assembly_crash") as url:
        env = server_env(url)
        built = _run(env, SETUP, PASSWORD, str(DELEGATES), ",".join(DESKS))
        assert isinstance(built, dict)
        sitting = int(built["sitting"])
        cards = [(int(pk), token) for pk, token in built["tokens"].items()]
        rng.shuffle(cards)
        share = len(cards) // len(DESKS)
        # Each desk takes its share and the first 25 cards of the next desk's share.
        plans = [
            cards[i * share : (i + 1) * share] + cards[((i + 1) % len(DESKS)) * share :][:25]
            for i in range(len(DESKS))
        ]
        server = Server(env, tmp_path / "server.log")
        server.start()
        desks: list[Desk] = []
        try:
            for name, plan in zip(DESKS, plans, strict=True):
                session = Session(server.port)
                session.log_in(name)
                desks.append(Desk(name, session, plan))
            threads = [threading.Thread(target=d.run, args=(sitting,), daemon=True) for d in desks]
            for thread in threads:
                thread.start()
            for _kill in range(KILLS):
                time.sleep(rng.uniform(*UPTIME))
                server.kill()
                server.start()
            for thread in threads:
                thread.join(timeout=120)
            assert not any(t.is_alive() for t in threads), "a desk never got its answers"
            server.kill()
        finally:
            server.stop()
        rows = _run(env, DUMP, str(sitting))
        assert isinstance(rows, list)

    summary = (
        f"seed {SEED}: {server.kills} SIGKILLs, {len(rows)} check-ins, "
        f"{sum(d.interrupted for d in desks)} requests cut off or refused"
    )
    assert not [d.failure for d in desks if d.failure], [d.failure for d in desks]
    assert not [e for d in desks for e in d.errors], summary
    assert not server.errors(), server.errors()[:5]
    assert sum(d.interrupted for d in desks) > 0, f"no kill landed on a request: {summary}"
    per_delegate = Counter(r["delegate"] for r in rows)
    assert not [pk for pk, n in per_delegate.items() if n > 1], summary
    scanned = {pk for d in desks for pk, _t in d.cards}
    assert set(per_delegate) == scanned == {pk for pk, _t in cards}, summary
    row_of = {r["delegate"]: r for r in rows}
    for desk in desks:
        for pk, answer in desk.answers.items():
            assert answer["ok"] and answer["code"] in ("checked_in", "already"), answer
            if answer["code"] == "checked_in":
                # The answer's time (local hh:mm:ss) is the stored row's: this desk wrote it.
                assert row_of[pk]["desk"] == desk.name, (pk, answer, row_of[pk])
    created = Counter(pk for d in desks for pk, a in d.answers.items() if a["code"] == "checked_in")
    # Never two "checked in" answers for one delegate, whatever the kills did.
    assert not [pk for pk, n in created.items() if n > 1], summary
    print(summary)
