"""A real server over a database of its own, plain HTTP sessions, and a direct read-back.

The trust tests need what the ordinary suite cannot give: real concurrent
connections, and a server process that can be killed with SIGKILL. The
suite's shared test database is no place for that (a transactional test
flushes it at teardown, and a killed server would leave it half-used), so
each module builds a private database of the suite's engine (an SQLite file,
or a PostgreSQL database created and dropped here), fills it through the
action layer in a subprocess, and serves it with `daihoi serve`.

Only the standard library speaks HTTP here (http.client), so what is tested
is the server, not a test client's shortcuts: the login form with its CSRF
cookie, the session cookie, and the desk's JSON acknowledgement.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from daihoi.lib import electionrecord as record
from tests.support import free_port, own_database  # noqa: F401 - the trust tests import them from here

DAIHOI = str(Path(sys.executable).with_name("daihoi"))
PASSWORD = "trust-test-2020"
CAMPAIGN = "tin-cay"
ISSUED = 100_000  # ballots issued: room for every serial a run may key
GRASSROOTS = 24  # congresses opened under Lộc Bình, one per race round

# Built through the actions, as an organisation department would: a small tree
# (the centre, Lạng Sơn, Lộc Bình and some of its grassroots units, trimmed from
# the demo table so that setting up takes seconds, not the demo's ten), two staff
# who may both write Lộc Bình's records, a campaign with a congress per unit,
# and one election in counting with the typists (and teams) the test asks for.
SETUP = """
import datetime as dt, json, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from daihoi.accounts.actions import do_create_user
from daihoi.accounts.models import Role, User
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.actions.congress import do_create_congress
from daihoi.campaigns.models import Congress
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.demo import demo_table
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Organisation, Structure
from daihoi.core.tables import Table

password, campaign_slug, grassroots, issued, typists = sys.argv[1:6]
grassroots, issued = int(grassroots), int(issued)
structure = Structure.objects.get(code="2020")
full = demo_table(["20"])
rows = [r for r in full.rows if r[1][0] in ("TW", "20", "188")]
rows += [r for r in full.rows if r[1][1] == "188"][:grassroots]
do_import_organisations(
    plan_import(structure, Table(full.headers, rows)), acting_user=None, source="trust"
)
org = {o.code: o for o in Organisation.objects.filter(structure=structure)}
staff = {}
for username, code in (("langson", "20"), ("locbinh", "188")):
    staff[username] = do_create_user(
        username, password, organisation=org[code], roles=[Role.ORG_STAFF],
        full_name=username, acting_user=None,
    )
campaign = do_create_campaign(
    campaign_slug, "Đợt thử độ tin cậy", structure=structure,
    term_start=2020, term_end=2025, acting_user=None,
)
congresses = {}
for code in ["188", *(r[1][0] for r in rows if r[1][1] == "188")]:
    congresses[code] = do_create_congress(
        campaign, org[code], {"planned_date": dt.date(2020, 6, 15)},
        acting_user=staff["locbinh"],
    ).pk
lb = staff["locbinh"]
election = do_create_election(
    Congress.objects.get(pk=congresses["188"]),
    "delegates", 3, title="Bầu đại biểu dự Đại hội tỉnh", acting_user=lb,
)
do_set_candidates(
    election,
    ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"],
    acting_user=lb,
)
team_of = {}
for spec in typists.split(","):
    username, team = spec.split(":")
    user = User.objects.create_user(
        username, password=password, organisation=org["188"],
        roles=["counting_board"], full_name="Người nhập " + username,
    )
    do_add_board_member(election, user, role="technical", team=int(team), acting_user=lb)
    team_of[username] = int(team)
head = User.objects.create_user(
    "truongban", password=password, organisation=org["188"],
    roles=["counting_board"], full_name="Trưởng ban kiểm phiếu",
)
do_add_board_member(election, head, role="head", team=None, acting_user=lb)
do_transition_election(election, "list_adopted", acting_user=lb)
do_record_ballot_counts(election, issued=issued, collected=issued, acting_user=lb)
do_transition_election(election, "ballots_issued", acting_user=lb)
do_set_base(election, base=issued, acting_user=lb)
do_transition_election(election, "counting", acting_user=lb)
print(json.dumps({"election": election.pk, "congresses": congresses, "teams": team_of}))
"""

# The read-back: straight from the database, after the server is gone. The
# chain's start is the header hash as the application defines it; everything
# after it is recomputed by the test from the raw rows.
DUMP = """
import json, sys
import django
django.setup()
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.elections import chain
from daihoi.elections.models import BallotEntry, Election

election = Election.objects.select_related(
    "congress__organisation", "congress__campaign"
).get(pk=int(sys.argv[1]))
entries = [
    {
        "seq": e.seq, "team": e.team, "serial": e.serial, "crossed": e.crossed,
        "void_lines": e.void_lines, "flags": e.flags, "keyed_by": e.keyed_by_name,
        "keyed_at": e.keyed_at.isoformat(), "key": e.idempotency_key, "hash": e.hash,
        "action": e.action, "reason": e.reason, "member": e.member,
    }
    for e in BallotEntry.objects.filter(election=election).order_by("seq")
]
congresses = {
    c.organisation.code: {
        "state": c.state, "version": c.version, "pilot_lessons": c.pilot_lessons,
        "planned_date": c.planned_date.isoformat() if c.planned_date else None,
        "audit": sorted(
            AuditEntry.objects.filter(target=str(c), action__startswith="congress.")
            .exclude(action="congress.create").values_list("action", flat=True)
        ),
    }
    for c in Congress.objects.select_related("organisation", "campaign")
}
print(json.dumps({
    "start": chain.start_hash(election),
    "entries": entries,
    "congresses": congresses,
}))
"""


def server_env(url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "daihoi.settings"}
    # A 500 must look like one (no debug page), and its traceback goes to the log.
    env.pop("DAIHOI_DEBUG", None)
    return env


@dataclass(frozen=True)
class Built:
    election: int
    congresses: dict[str, int]  # organisation code → congress pk
    teams: dict[str, int]  # typist → team


def build(env: dict[str, str], typists: dict[str, int]) -> Built:
    """Fill the private database through the actions; return what the tests address."""
    spec = ",".join(f"{name}:{team}" for name, team in typists.items())
    made = subprocess.run(
        [sys.executable, "-c", SETUP, PASSWORD, CAMPAIGN, str(GRASSROOTS), str(ISSUED), spec],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr[-3000:]
    data = json.loads(made.stdout.strip().splitlines()[-1])
    return Built(data["election"], data["congresses"], data["teams"])


def dump(env: dict[str, str], election: int) -> dict[str, Any]:
    """Read the election's entries and the congress rows directly from the database."""
    read = subprocess.run(
        [sys.executable, "-c", DUMP, str(election)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert read.returncode == 0, read.stderr[-3000:]
    return dict(json.loads(read.stdout.strip().splitlines()[-1]))


def chain_problems(data: dict[str, Any]) -> list[str]:
    """Everything wrong with the stored entry log: gaps, missing hashes, a broken chain."""
    rows = data["entries"]
    problems: list[str] = []
    seqs = [r["seq"] for r in rows]
    if seqs != list(range(1, len(rows) + 1)):
        problems.append(f"seq is not 1..{len(rows)} without gaps: {seqs[:10]}…")
    unhashed = [r["seq"] for r in rows if len(r["hash"] or "") != 64]
    if unhashed:
        problems.append(f"entries without a hash: {unhashed[:10]}")
    entries = [
        record.Entry(
            seq=r["seq"],
            team=r["team"],
            serial=r["serial"],
            crossed=tuple(r["crossed"]),
            void_lines=tuple(r["void_lines"]),
            flags=tuple(r["flags"]),
            keyed_by=r["keyed_by"],
            keyed_at=r["keyed_at"],
            action=r["action"],
            reason=r["reason"],
            member=tuple(sorted(r["member"].items())),
        )
        for r in rows
    ]
    # The chain from the header over all entries in seq order must reproduce every stored hash.
    for row, expected in zip(rows, record.chain(data["start"], entries), strict=True):
        if row["hash"] != expected:
            problems.append(f"entry {row['seq']}: stored hash does not follow from the chain")
            break
    return problems


class Server:
    """`daihoi serve` in a subprocess that can be killed and started again on the same port."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.kills = 0

    def start(self, timeout: float = 30) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [DAIHOI, "serve", "--port", str(self.port)],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=out,
            )
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"daihoi serve exited with {self.process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"daihoi serve did not start within {timeout} s")

    def kill(self) -> None:
        """SIGKILL: no handler runs, no transaction is finished, no buffer is flushed."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def errors(self) -> list[str]:
        """Server-side errors logged (a 500 logs 'Internal Server Error' with its traceback)."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return [line for line in text.splitlines() if "Internal Server Error" in line]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict[str, Any]:
        return dict(json.loads(self.body))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Session:
    """A browser's worth of state over http.client: cookies, the CSRF token, nothing else."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        fields: dict[str, str] | None = None,
        *,
        accept: str = "text/html",
        timeout: float = 30,
    ) -> Reply:
        # A new connection each time: after a kill there is no half-dead keep-alive to trip on.
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Accept": accept}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urlencode(fields or {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for value in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return Reply(response.status, dict(response.headers.items()), data)
        finally:
            conn.close()

    def log_in(self, username: str) -> None:
        """Post the login form as a browser would: its CSRF cookie first, then the form."""
        self.request("GET", "/dang-nhap/")
        assert "csrftoken" in self.cookies, "the login page set no CSRF cookie"
        reply = self.request("POST", "/dang-nhap/", {"username": username, "password": PASSWORD})
        assert reply.status == 302 and "sessionid" in self.cookies, (
            f"login of {username} failed: {reply.status}"
        )

    def key(self, election: int, team: int, line: str, key: str, timeout: float = 30) -> Reply:
        """Send one keyed line to the counting desk, asking for the JSON acknowledgement."""
        return self.request(
            "POST",
            f"/bau-cu/{election}/nhap/{team}/gui/",
            {"line": line, "key": key},
            accept="application/json",
            timeout=timeout,
        )


def new_key() -> str:
    return uuid.uuid4().hex


class FormReader(HTMLParser):
    """The values a browser would post back from each form of a page (inputs and textareas)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        elif self._form is None or not name or "disabled" in a:
            return
        elif tag == "input" and a.get("type") == "checkbox":
            if "checked" in a:
                self._form[name] = a.get("value") or "on"
        elif tag == "input" and a.get("type") not in ("submit", "button"):
            self._form[name] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def congress_form(session: Session, code: str) -> dict[str, str]:
    """Open the congress page as a staff member does, and read the form they would edit."""
    reply = session.request("GET", f"/dai-hoi/{CAMPAIGN}/{code}/")
    assert reply.status == 200, reply.status
    reader = FormReader()
    reader.feed(reply.text)
    forms = [f for f in reader.forms if "version" in f]
    assert len(forms) == 1, "the congress page has no editing form with a version"
    values = forms[0]
    # The textarea's first newline is the template's, not the value's.
    if "pilot_lessons" in values:
        values["pilot_lessons"] = values["pilot_lessons"].removeprefix("\n")
    return {k: v for k, v in values.items() if k != "csrfmiddlewaretoken"}
