"""Every URL POSTed by every persona: the outcome is written down, a refusal changes nothing.

The GET matrix (tests/test_permission_matrix.py) enumerates the URLs; this pass reuses
its routes, world and personas. The bodies are the forms the pages themselves offer:
every `<form method="post">` of every page, read as the first persona allowed to open
it (with each named submit button, and a small file for a file field), grouped by the
URL it posts to, once as shown and once with a word typed into each empty text field
("+typed"), plus an empty body for each URL. So a refused persona sends what an allowed
user would send — the plausible attack — and the database must not move.

POST_MATRIX names every URL that takes POST; any other URL must answer 405 to a POST
(anonymous included, or the login redirect where login comes first), so a new POST
view without a row here fails `test_each_persona_posts_the_written_outcome_everywhere`.
An allowed persona's POSTs run in a savepoint rolled back after each, so the world
stays the same for the next body; for them only the outcome class is checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import lxml.html
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, reset_queries, transaction
from django.http import HttpResponseBase
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from daihoi.assembly.actions.checkin import do_check_in
from daihoi.assembly.models import Delegate
from daihoi.assembly.tokens import card_token
from tests import test_permission_matrix as matrix
from tests.assembly.helpers import staff

pytestmark = pytest.mark.django_db
world = matrix.world  # the GET matrix's objects, as a fixture here too

PERSONAS = matrix.PERSONAS  # national, province, loc_binh, counting, delegate, outsider, anonymous
LOGIN = matrix.LOGIN
OK = "ok"  # handled: a redirect, a form shown again with its errors, or a 400/409 of the rules
REFUSALS = {401, 403, 404, 405, LOGIN}

# Who may POST where, in PERSONAS order; "name [action]" rows for one form of a page
# whose forms differ. Refusals as in the GET matrix: 403 in the subtree without the
# role, 404 outside it, the login page (or 401 as JSON) for anonymous.
WRITE = [OK, OK, OK, 403, 404, 404, LOGIN]  # the tree's writers; the typist is refused
SUPERIOR = [OK, OK, 403, 403, 404, 404, LOGIN]  # Lộc Bình's superiors only (approvals)
# Answered without a refusal code (a redirect with a message, the page again), and
# watched like a refusal: nothing may be written.
SENT_BACK = "sent back"
# The counting board member reads the page; a write is refused, but an empty or
# incomplete body is refused by the form before the duty is checked (sent back).
READER_FORM = [OK, OK, OK, SENT_BACK, 404, 404, LOGIN]
AS_GET = "as GET"  # no method check, nothing written: a POST is answered as a GET

POST_MATRIX: dict[str, object] = {
    # Read-only views without a method check: the GET matrix's row, 200 read as OK.
    **dict.fromkeys(
        [
            "api:openapi-json",
            "api:openapi-view",
            "api:api-root",
            "documents_list",
            "documents_detail",
            "documents_file",
            "documents_cascade",
            "documents_cascade_org",
            "dashboard",
            "report_progress_xlsx",
            "report_progress_docx",
            "election_ballots_docx",
            "election_minutes_docx",
            "personnel_rollup",
            "personnel_rollup_xlsx",
            "personnel_rollup_docx",
            "drafts_read",
            "drafts_read_docx",
            "drafts_summary_xlsx",
            "drafts_summary_docx",
            "drafts_import_template",
            "jobs_list",
            "my_elections",
            "jobs_detail",
            "ping",
            "org_detail",
            "org_audit",
        ],
        AS_GET,
    ),
    "dashboard_home": [OK] * 6 + [LOGIN],  # a redirect to the user's dashboard
    # Pages with forms: who may open them may post them, as in the GET matrix.
    **dict.fromkeys(
        [
            "password_change",
            "password_reset_confirm",
        ],
        AS_GET,
    ),
    # The congress page's writes, each at its own URL (the page and the bulk editor's
    # page answer POST with 405): the tree's writers; approvals by superiors only.
    "congress_save": WRITE,
    "congress_transition": WRITE,
    "congress_withdraw_step": WRITE,
    "congress_approve_documents": SUPERIOR,
    "congress_approve_personnel": SUPERIOR,
    # A unit asks for approval (its writers); its superiors return or withdraw, with a
    # reason; the approvals page of a unit approves several of its units below at once.
    "congress_submit_documents": WRITE,
    "congress_submit_personnel": WRITE,
    "congress_return_documents": SUPERIOR,
    "congress_return_personnel": SUPERIOR,
    "congress_withdraw_documents": SUPERIOR,
    "congress_withdraw_personnel": SUPERIOR,
    "approvals_approve_many": WRITE,
    "congress_bulk_save": WRITE,
    "congress_bulk_import": WRITE,
    # The results report of a unit: its form and its file (tests/results/).
    "results_submit": WRITE,
    "results_upload": WRITE,
    # Registering a document: as its form page (Sóc Trăng for its own units; the board
    # member and the delegate may not).
    "documents_register_save": [OK, OK, OK, 403, 403, OK, LOGIN],
    # One URL per write of an election (its pages answer GET only). The organisers'
    # writes refuse the others before the form; the board's duties (a step, a ruling,
    # the desk, the board) are checked by the action, after the form.
    **dict.fromkeys(
        [
            "election_create",
            "election_transition",
            "election_next_round",
            "election_candidates",
            "election_floor_nomination",
            "election_board_remove",
            "election_base",
            "election_ballot_counts",
            "election_rule",
        ],
        WRITE,
    ),
    "election_board_add": READER_FORM,
    "election_key": [403, 403, 403, OK, 404, 404, LOGIN],  # only the team's own typist
    # The drafts pages' writes, one URL each (issue 16); the pages answer GET only.
    # The drafters' writes refuse the others before the form.
    **dict.fromkeys(
        [
            "drafts_document_create",
            "drafts_round_upload",
            "drafts_round_add",
            "drafts_round_correct",
            "drafts_round_circulate",
            "drafts_round_close",
            "drafts_comment_add",
            "drafts_comments_import",
            "drafts_comments_handle",
            "drafts_groups_propose",
            "drafts_group_confirm",
            "drafts_group_split",
            "drafts_group_handle",
            "drafts_upward_comment",
            "drafts_upward_import",
        ],
        WRITE,
    ),
    "drafts_document_review": SUPERIOR,
    "drafts_document_approve": SUPERIOR,
    # The register, credentials and quorum pages' writes, one URL each (issue 16).
    **dict.fromkeys(
        [
            "assembly_delegate_add",
            "assembly_register_upload",
            "assembly_import_elected",
            "assembly_allotment_set",
            "assembly_desk_staff_add",
            "assembly_desk_staff_remove",
            "assembly_credential_valid",
            "assembly_credential_invalid",
            "assembly_absence",
            "assembly_replace",
            "assembly_sitting_open",
            "assembly_sitting_close",
            "assembly_quorum_rule",
            "assembly_election_base",
        ],
        WRITE,
    ),
    # The congress day's writes, one URL each (issue 16); the pages answer GET only.
    **dict.fromkeys(
        [
            "proceedings_programme_default",
            "proceedings_item_add",
            "proceedings_item_state",
            "proceedings_item_move",
            "proceedings_item_remove",
            "proceedings_item_edit",
            "proceedings_vote_record",
            "proceedings_vote_correct",
            "proceedings_speaker_add",
            "proceedings_speaker_spoken",
            "proceedings_speaker_move",
            "proceedings_speaker_remove",
        ],
        WRITE,
    ),
    # Personal data, each write at its own URL: the unit's staff, its superiors override.
    **dict.fromkeys(
        [
            "personnel_person_add",
            "personnel_person_edit",
            "personnel_team_create",
            "personnel_list_create",
            "personnel_process_start",
            "personnel_complaint_register",
            "personnel_list_add",
            "personnel_list_remove",
            "personnel_list_standing",
            "personnel_list_elected",
            "personnel_list_adopt",
            "personnel_process_step",
            "personnel_process_feed",
            "personnel_complaint_settle",
            "personnel_visit_add",
            "personnel_visit_update",
            "personnel_elected_record",
        ],
        WRITE,
    ),
    "personnel_complaint_override": SUPERIOR,
    # POST-only writes (GET answers 405).
    "org_two_factor_save": WRITE,
    "org_account_reset": SUPERIOR,
    # Accounts of the subtree (issue 17.5): the tree's writers; the action refuses the rest.
    **dict.fromkeys(
        ["org_account_create", "org_account_save", "org_account_lock", "org_account_unlock"],
        WRITE,
    ),
    # Sign-in sheets of a board's members: the organisers (write getter; the action
    # checks each account is theirs to manage). A congress's delegate accounts: its writers.
    "election_board_sheets": WRITE,
    "delegate_accounts_create": WRITE,
    # One's own two-step sign-in: anyone signed in (refused or sent back if not allowed).
    "two_factor_enable": [OK] * 6 + [LOGIN],
    "two_factor_disable": [OK] * 6 + [LOGIN],
    "assembly_checkin": [OK, OK, OK, 403, 404, 404, 401],  # JSON for the desk's script
    "election_void_entry": READER_FORM,  # the void action checks the board's duties
    # The undo action checks the desk duty, after the form: an empty body is sent back
    # to the desk (302), the desk's own form with a reason typed in is refused (403).
    "assembly_checkin_undo": READER_FORM,
    "assembly_checkin_undo [checkin,desk,reason+typed]": WRITE,
    # Its starter or the tree's writers cancel a job; the typist is sent back.
    "jobs_cancel": READER_FORM,
    # Campaign targets: read by everyone, changed by national administrators.
    "personnel_targets_save": [OK, 403, 403, 403, 403, 403, LOGIN],
    # The organisation's edit and the two imports, each at its own URL (issue 16); their
    # pages answer GET only.
    "org_update": WRITE,
    "org_import_upload": WRITE,
    "personnel_import_upload": WRITE,
    # One's own inbox: a notification of Lộc Bình's staff does not exist for anyone else.
    "notifications_mark_read": [404, 404, OK, 404, 404, 404, LOGIN],
    "notifications_mark_all_read": [OK] * 6 + [LOGIN],
    "notifications_set_delivery": [OK] * 6 + [LOGIN],
    # Anyone, signed in or not.
    "set_language": [OK] * 7,
    "login": [OK] * 7,
    "logout": [OK] * 7,
}

# Any other URL refuses POST by its method; these send anonymous to the login page first.
GET_ONLY: list[object] = [405] * 7
GET_ONLY_LOGIN_FIRST = {
    "notifications_inbox",
    "election_list",
    "election_detail",
    "election_desk",
    "election_reconcile",
    "election_log",
    "election_results",
    "election_screen",
    "assembly_register",
    "assembly_credentials",
    "assembly_credentials_docx",
    "assembly_cards",
    "assembly_desk",
    "assembly_quorum",
    "assembly_quorum_json",
    "proceedings_presidium",
    "proceedings_item",
    "proceedings_quorum",
    "proceedings_projector",
    "proceedings_projector_live",
    "proceedings_minutes_docx",
    "drafts_congress",
    "drafts_document",
    "drafts_edit",
    "drafts_diff",
    "drafts_round",
    "drafts_comments",
    "drafts_groups",
    "drafts_upward",
    # Issue 16/17.5: one's two-step page, a unit's accounts and two-step policy, a new
    # account's form and an account's page, a congress's delegate accounts (GET only).
    "two_factor",
    "org_two_factor",
    "org_accounts",
    "org_account_new",
    "org_account_edit",
    "delegate_accounts",
}


# Pages whose offered forms, posted by an allowed persona, change the database.
EFFECTIVE = {
    "election_transition",
    "personnel_person_edit",
    "personnel_list_standing",
    "drafts_document_create",
    "assembly_delegate_add",
    "assembly_credential_valid",
    "assembly_sitting_open",
    "proceedings_item_state",
    "proceedings_item_remove",
    "proceedings_item_add",
    "proceedings_item_edit",
    "proceedings_speaker_add",
    "proceedings_speaker_spoken",
    "org_update",
}


def label(body: dict[str, object], typed: bool) -> str:
    """How a body is named in POST_MATRIX: its action (or its fields), "+typed" if filled in."""
    return str(body.get("action") or ",".join(sorted(body))) + ("+typed" if typed else "")


def expected_for(name: str, body: dict[str, object], typed: bool) -> list[object]:
    keys = [f"{name} [{label(body, typed)}]", f"{name} [{label(body, False)}]", name]
    row = next((POST_MATRIX[key] for key in keys if key in POST_MATRIX), None)
    if row == AS_GET:
        return [OK if status == 200 else status for status in matrix.MATRIX[name]]
    if isinstance(row, list):
        return row
    return [*GET_ONLY[:6], LOGIN] if name in GET_ONLY_LOGIN_FIRST else GET_ONLY


def outcome(name: str, response: HttpResponseBase) -> object:
    code = response.status_code
    if code == 302 and "/dang-nhap/" in response.get("Location", ""):
        # Signing out ends on the login page: that is the logout page doing its job.
        return OK if name == "logout" else LOGIN
    if code in REFUSALS or code >= 500:
        return code
    return OK


# Sessions change on any request (the messages of a refusal) and hold no data of the
# product; SQLite's planner statistics are not data either.
SKIPPED_TABLES = {"django_session", "sqlite_stat1"}
WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|MERGE)\b", re.IGNORECASE)


def database_state() -> dict[str, list[str]]:
    """Every row of every table, but the audit trail's count and last entry.

    The audit trail is append-only (its triggers refuse UPDATE, DELETE and TRUNCATE;
    tests/audit), so a new entry is all a request can do to it: its count and last
    id show that, without reading its 16,000 rows of the demo import each time.
    """
    state: dict[str, list[str]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in SKIPPED_TABLES:
                continue
            if table == "audit_auditentry":
                cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {quote(table)}")  # noqa: S608
            else:
                cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")  # noqa: S608
            state[table] = [repr(row) for row in cursor.fetchall()]
    return state


def changed_tables(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def writes(queries: CaptureQueriesContext) -> list[str]:
    """The statements of a request that wrote to a table other than the sessions."""
    return [
        query["sql"][:120]
        for query in queries.captured_queries
        if WRITE_SQL.match(query["sql"]) and "django_session" not in query["sql"]
    ]


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run an allowed POST in a savepoint undone afterwards.

    Marked as the test case's own block, so that the actions' atomic(durable=True)
    inside still runs (as it does inside pytest-django's per-test transaction).
    """
    block = transaction.atomic()
    block._from_testcase = True  # type: ignore[attr-defined]
    with block:
        yield
        transaction.set_rollback(True)


def route_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def offered_bodies(world: dict[str, object]) -> dict[str, list[tuple[dict[str, object], bool]]]:
    """The POST forms of every page, by the URL they post to, as their first reader sees them."""
    found: dict[str, dict[tuple[object, ...], tuple[dict[str, object], bool]]] = defaultdict(dict)
    clients: dict[str, Client] = {}
    for name, route in matrix.routes():
        row = matrix.MATRIX.get(name, [])
        if 200 not in row:
            continue
        persona = PERSONAS[row.index(200)]
        client = clients.setdefault(persona, matrix.client_for(persona))
        url = matrix.url_for(name, route, world)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = lxml.html.fromstring(response.content, base_url="http://testserver" + url)
        for form in page.forms:
            if (form.method or "").upper() != "POST":
                continue
            target = route_name((form.action or url).removeprefix("http://testserver"))
            if target is None:
                continue
            values: dict[str, object] = {
                key: value for key, value in form.form_values() if key != "csrfmiddlewaretoken"
            }
            for field in form.xpath('.//input[@type="file"][@name]'):
                values[field.get("name")] = b""  # replaced by a fresh file at each POST
            # The form as shown, and as a user fills it: each empty text field given a
            # word, so that a required reason or name does not stop the body at the form.
            typed = [
                field.get("name")
                for field in form.xpath(".//textarea[@name]|.//input[@name]")
                if field.get("type", "text") in ("text", "search") or field.tag == "textarea"
            ]
            for key in typed:
                values.setdefault(key, "")  # a browser sends an empty field as ""
            filled = {key: values[key] or "Kiểm thử" for key in typed}
            # A field with suggestions (a unit's code, <datalist>) takes the first one.
            for field in form.xpath(".//input[@name][@list]"):
                options = page.xpath(f'//datalist[@id="{field.get("list")}"]/option/@value')
                if options and field.get("name") in filled:
                    filled[field.get("name")] = values[field.get("name")] or options[0]
            buttons = form.xpath('.//button[@name]|.//input[@type="submit"][@name]')
            for button in buttons or [None]:
                for extra in ({}, filled):
                    body = {**values, **extra}
                    if button is not None:
                        body[button.get("name")] = button.get("value", "")
                    # One body per shape: the presidium's eighteen rows post the same forms.
                    shape = (
                        tuple(sorted(body)),
                        body.get("action"),
                        body.get("language"),
                        bool(extra),
                    )
                    found[target].setdefault(shape, (body, bool(extra)))
    return {target: list(shapes.values()) for target, shapes in found.items()}


def with_files(body: dict[str, object]) -> dict[str, object]:
    return {
        key: SimpleUploadedFile("tep.csv", b"code,parent_code,name,level\n", "text/csv")
        if value == b""
        else value
        for key, value in body.items()
    }


def test_each_persona_posts_the_written_outcome_everywhere(
    world: dict[str, object], settings: object, tmp_path: object
) -> None:
    """One world for the seven personas: a refusal writes nothing, an allowed POST is undone.

    Each refused POST is watched statement by statement (no INSERT, UPDATE or DELETE
    but the session's); around each persona the whole database is compared, so a write
    that escaped the watch (a trigger, another connection) shows too.
    """
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    settings.JOBS_RUN_INLINE = True  # type: ignore[attr-defined]
    document = world["document"]
    document.file.save("kh.pdf", ContentFile(b"%PDF-1.4 test"))  # type: ignore[attr-defined]
    # A delegate checked in, so that the desk offers the form that undoes it.
    sitting = world["assembly_sitting"]
    delegate = Delegate.objects.filter(congress=sitting.congress).first()  # type: ignore[attr-defined]
    do_check_in(card_token(delegate), sitting=sitting, desk="Bàn 1", acting_user=staff())  # type: ignore[arg-type]
    bodies = offered_bodies(world)
    urls = [
        (name, matrix.url_for(name, route, world).split("?")[0])
        for name, route in matrix.routes()
        if name in matrix.MATRIX  # test_every_url_has_an_entry asks for the row first
    ]
    # Signing in writes (the session, last_login): all clients first, then the snapshot.
    # The logout page gets its own client, since a POST there ends the session.
    clients = {(p, name): matrix.client_for(p) for p in PERSONAS for name in ("", "logout")}
    for client in clients.values():
        client.raise_request_exception = False
    initial = database_state()
    wrong: list[str] = []
    written: set[str] = set()
    for index, persona in enumerate(PERSONAS):
        for name, url in urls:
            client = clients[persona, "logout" if name == "logout" else ""]
            for body, typed in [*bodies.get(name, []), ({}, False)]:
                expected = expected_for(name, body, typed)[index]
                shown = f"{persona} {name} [{label(body, typed)[:50]}]"
                # The log keeps 9,000 statements in all; a full log captures nothing.
                reset_queries()
                if expected in REFUSALS or expected == SENT_BACK:
                    with CaptureQueriesContext(connection) as queries:
                        got = outcome(name, client.post(url, with_files(body)))
                    if got == OK and expected == SENT_BACK:
                        got = SENT_BACK
                    if writes(queries):
                        wrong.append(f"{shown}: refused ({got}) but wrote {writes(queries)}")
                else:
                    with rolled_back(), CaptureQueriesContext(connection) as queries:
                        got = outcome(name, client.post(url, with_files(body)))
                    if writes(queries):
                        written.add(name)
                if got != expected:
                    wrong.append(f"{shown}: expected {expected}, got {got}")
        moved = changed_tables(initial, database_state())
        assert moved == [], f"{persona}'s POSTs changed {moved}:\n" + "\n".join(wrong)
    assert wrong == [], "\n".join(wrong)
    # The bodies are the real thing: posted by those allowed, these pages' forms write.
    assert EFFECTIVE <= written, f"no write through {EFFECTIVE - written}: forms not found?"


def test_each_url_has_one_post_expectation() -> None:
    rows = {key.split(" [")[0] for key in POST_MATRIX}
    assert rows & GET_ONLY_LOGIN_FIRST == set()
    assert all(row == AS_GET or len(row) == len(PERSONAS) for row in POST_MATRIX.values())  # type: ignore[arg-type]
