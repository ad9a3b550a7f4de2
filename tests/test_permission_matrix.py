"""Every URL of the site, for every persona: the outcome is written down here.

A new view without an entry in MATRIX fails `test_every_url_has_an_entry`, so
nobody adds a page without saying who may open it. Each view is fetched with
GET (no view changes anything on GET) for an object of Lộc Bình's subtree.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from types import ModuleType

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import DocumentType, GoverningDocument, Issuer
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import BoardRole, ElectionState
from daihoi.orgs.models import Organisation
from tests.elections.helpers import counting_election, staff

pytestmark = pytest.mark.django_db

PERSONAS = ["national", "province", "loc_binh", "counting", "delegate", "outsider", "anonymous"]
LOGIN = "login"  # a redirect to the login page

# Outcomes, in PERSONAS order. 404 outside the subtree: other provinces' objects do not exist.
SCOPED_READ = [200, 200, 200, 200, 404, 404, LOGIN]
SCOPED_WRITE = [200, 200, 200, 403, 404, 404, LOGIN]
ANY_USER = [200, 200, 200, 200, 200, 200, LOGIN]
API_READ = [200, 200, 200, 200, 404, 404, 401]

MATRIX: dict[str, list[object]] = {
    # JSON API
    "api:openapi-json": [200] * 7,
    "api:openapi-view": [200] * 7,
    "api:api-root": [404] * 7,
    "api:me": [200, 200, 200, 200, 200, 200, 401],
    "api:get_org": API_READ,
    "api:get_children": API_READ,
    "api:search": [200, 200, 200, 200, 200, 200, 401],
    "api:list_campaigns": [200, 200, 200, 200, 200, 200, 401],
    "api:get_progress": API_READ,
    "api:get_congress": API_READ,
    "api:list_congresses_below": API_READ,
    "api:list_approvals_waiting": API_READ,
    "api:list_results": API_READ,
    "api:get_completeness": API_READ,
    "search": ANY_USER,
    # pages
    "set_language": [302] * 7,
    # Each role's own home (issue 17.1); the tree is a link away for the staff.
    "home": ANY_USER,
    "org_tree": [302, 302, 302, 302, 302, 302, LOGIN],
    "login": [302, 302, 302, 302, 302, 302, 200],
    "logout": [405] * 7,
    "two_factor": ANY_USER,
    # The design system's page shows components, no data (issue 19 part 3).
    "design_system": ANY_USER,
    "org_detail": SCOPED_READ,
    # The trail is the staff's: a counting board member is refused it (issue 17.1).
    "org_audit": [200, 200, 200, 403, 404, 404, LOGIN],
    "org_edit": SCOPED_WRITE,
    "org_import": SCOPED_WRITE,
    # Their writes: POST only (tests/test_permission_matrix_post.py).
    "org_update": [405, 405, 405, 405, 405, 405, LOGIN],
    "org_import_upload": [405, 405, 405, 405, 405, 405, LOGIN],
    "dashboard_home": [302, 302, 302, 302, 302, 302, LOGIN],
    "dashboard": SCOPED_READ,
    "congress_detail": SCOPED_READ,
    "congress_bulk": SCOPED_WRITE,
    "report_progress_xlsx": SCOPED_READ,
    "report_progress_docx": SCOPED_READ,
    "completeness": SCOPED_READ,
    "completeness_xlsx": SCOPED_READ,
    "completeness_docx": SCOPED_READ,
    "documents_list": ANY_USER,
    "documents_register": [200, 200, 200, 403, 403, 200, LOGIN],
    # A superior's plan is read below it: Đồng Bục implements Lộc Bình's plan.
    "documents_detail": [200, 200, 200, 200, 200, 404, LOGIN],
    "documents_file": [200, 200, 200, 200, 200, 404, LOGIN],
    "documents_cascade": [200, 200, 200, 200, 200, 404, LOGIN],
    "documents_cascade_org": SCOPED_READ,
    "election_list": SCOPED_READ,
    "election_detail": SCOPED_READ,
    # Only the team's own typists key; staff and the board watch.
    "election_desk": [403, 403, 403, 200, 404, 404, LOGIN],
    "election_reconcile": [200, 200, 200, 403, 404, 404, LOGIN],
    # A write: POST only (the void action itself checks the board's duties).
    "election_void_entry": [405, 405, 405, 405, 405, 405, LOGIN],
    "election_log": SCOPED_READ,
    "election_results": SCOPED_READ,
    "election_screen": SCOPED_READ,
    "election_ballots_docx": SCOPED_READ,
    "election_minutes_docx": SCOPED_READ,
    # Monitoring: no login, no data about organisations.
    "health": [200] * 7,
    # Django admin: national superusers only (see test_accounts/test_admin.py).
}
SKIPPED_PREFIXES = ("admin/",)

# Apps with many views keep their rows next to their tests, in tests/<app>/matrix.py:
# MATRIX (name -> outcomes in PERSONAS order), world(base) -> extra objects at Lộc Bình
# (added to the shared world), and url(name, route, world) -> the URL to fetch.
APP_MATRICES: list[ModuleType] = [
    importlib.import_module(f"tests.{found.parent.name}.matrix")
    for found in sorted(Path(__file__).parent.glob("*/matrix.py"))
]
for _module in APP_MATRICES:
    _clash = set(_module.MATRIX) & set(MATRIX)
    assert not _clash, f"{_module.__name__} repeats rows: {_clash}"
    MATRIX.update(_module.MATRIX)


def routes() -> list[tuple[str, str]]:
    """Every named URL as (namespaced name, route)."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[object], prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                if not route.startswith(SKIPPED_PREFIXES):
                    found.append((namespace + pattern.name, route))

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_url_has_an_entry() -> None:
    missing = sorted({name for name, _route in routes()} - set(MATRIX))
    assert missing == [], f"add these views to MATRIX with who may open them: {missing}"


@pytest.fixture
def world() -> dict[str, object]:
    """An announced election and a governing document at Lộc Bình, and one user per persona."""
    election = counting_election(collected=2)
    loc_binh = Organisation.objects.get(code="188")
    typist = User.objects.create_user(
        "go-phieu", organisation=loc_binh, roles=[Role.COUNTING_BOARD], full_name="Người Gõ Phiếu"
    )
    # Counting has started: only the head changes the board now, with a recorded reason.
    do_add_board_member(
        election,
        typist,
        role=BoardRole.TECHNICAL,
        team=1,
        reason="Bổ sung người nhập phiếu",
        acting_user=User.objects.get(username="truongban"),
    )
    for team, name in ((1, "to1"), (2, "to2")):
        user = User.objects.get(username=name)
        for serial in (1, 2):
            do_key_ballot(election, team=team, serial=serial, crossed=[1], acting_user=user)
    do_transition_election(election, ElectionState.RECONCILED, acting_user=staff())
    do_transition_election(election, ElectionState.ANNOUNCED, acting_user=staff())
    document = GoverningDocument.objects.create(
        number=5,
        number_text="05",
        doc_type=DocumentType.objects.get(code="KH"),
        issuer=Issuer.objects.get(code="HU"),
        organisation=loc_binh,
        date=dt.date(2019, 12, 1),
        title="Kế hoạch đại hội",
    )
    objects: dict[str, object] = {"election": election, "document": document}
    for module in APP_MATRICES:
        objects.update(module.world(objects))
    return objects


def client_for(persona: str) -> Client:
    client = Client()
    users = {
        "national": "quantri",
        "province": "langson",
        "loc_binh": "locbinh",
        "counting": "go-phieu",
        "delegate": "daibieu",
        "outsider": "soctrang",
    }
    if persona != "anonymous":
        client.force_login(User.objects.get(username=users[persona]))
    return client


def url_for(name: str, route: str, world: dict[str, object]) -> str:
    for module in APP_MATRICES:
        if name in module.MATRIX:
            return str(module.url(name, route, world))
    election = world["election"]
    document = world["document"]
    kwargs: dict[str, object] = {}
    if "<str:structure>" in route or "<structure>" in route:
        kwargs["structure"] = "2020"
    if "code>" in route:
        kwargs["code"] = "188"
    if "<slug:campaign>" in route:
        kwargs["campaign"] = election.congress.campaign.slug  # type: ignore[attr-defined]
    if "<slug>" in route:  # the API's campaign operations
        kwargs["slug"] = election.congress.campaign.slug  # type: ignore[attr-defined]
    if "<int:pk>" in route:
        kwargs["pk"] = (document if name.startswith("documents_") else election).pk  # type: ignore[attr-defined]
    if "<int:team>" in route:
        kwargs["team"] = 1
    url = reverse(name, kwargs=kwargs)
    return url + ("?q=loc+binh" if name in ("search", "api:search") else "")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_written_outcome_everywhere(
    persona: str, world: dict[str, object], settings: object, tmp_path: object
) -> None:
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    document = world["document"]
    document.file.save("kh.pdf", ContentFile(b"%PDF-1.4 test"))  # type: ignore[attr-defined]
    client = client_for(persona)
    index = PERSONAS.index(persona)
    wrong = []
    for name, route in routes():
        expected = MATRIX[name][index]
        response = client.get(url_for(name, route, world))
        got: object = response.status_code
        if got == 302 and "/dang-nhap/" in response.get("Location", "") and expected == LOGIN:
            got = LOGIN
        if got != expected:
            wrong.append(f"{name}: expected {expected}, got {got}")
    assert wrong == [], "\n".join(wrong)


# Two more personas where pages tell subcommittees apart (issue 15.2): a member of Lộc
# Bình's documents subcommittee and one of its personnel subcommittee. An app matrix
# that gives SUBCOMMITTEE_MATRIX (name -> [documents, personnel]) covers all its rows.
SUBCOMMITTEES = {"documents": Role.SUBCOMMITTEE, "personnel": Role.PERSONNEL}
SUBCOMMITTEE_MATRIX: dict[str, list[object]] = {}
for _module in APP_MATRICES:
    _rows = getattr(_module, "SUBCOMMITTEE_MATRIX", None)
    if _rows is not None:
        assert set(_rows) == set(_module.MATRIX), f"{_module.__name__}: subcommittee rows"
        SUBCOMMITTEE_MATRIX.update(_rows)


@pytest.mark.parametrize("persona", list(SUBCOMMITTEES))
def test_each_subcommittee_gets_the_written_outcome(persona: str, world: dict[str, object]) -> None:
    client = Client()
    client.force_login(
        User.objects.create_user(
            f"tieu-ban-{persona}",
            organisation=Organisation.objects.get(code="188"),
            roles=[SUBCOMMITTEES[persona]],
        )
    )
    index = list(SUBCOMMITTEES).index(persona)
    wrong = []
    for name, route in routes():
        if name not in SUBCOMMITTEE_MATRIX:
            continue
        expected = SUBCOMMITTEE_MATRIX[name][index]
        got = client.get(url_for(name, route, world)).status_code
        if got != expected:
            wrong.append(f"{name}: expected {expected}, got {got}")
    assert wrong == [], "\n".join(wrong)
