"""The JSON API fuzzed against its own OpenAPI schema, as the Lộc Bình user.

Schemathesis generates requests for every operation from /api/openapi.json and
sends them straight to the WSGI application, inside the test's transaction:
no answer may be a 5xx, every answer to a valid request must match the schema,
and no answer may disclose an organisation outside Lộc Bình's subtree.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from daihoi.accounts.models import ApiToken, User
from daihoi.campaigns.models import Campaign
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q
from daihoi.wsgi import application
from tests.conftest import login, org

pytestmark = pytest.mark.django_db

# Valid requests: every answer must be documented and match the schema.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
# Valid and invalid requests (wrong types, missing parameters): never a 5xx.
any_input = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
for loaded, modes in ((schema, [GenerationMode.POSITIVE]), (any_input, list(GenerationMode))):
    loaded.config.generation.update(modes=modes, allow_x00=True)

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONFORMANCE: list[CheckFunction] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Sóc Trăng: the province and its provincial city, outside Lộc Bình's subtree.
SOC_TRANG = ("94", "941")
# Codes a fuzzed path is sometimes pinned to, so that real organisations answer too:
# Lộc Bình, one of its communes, Lạng Sơn above it, Thái Bình and Sóc Trăng beside it.
KNOWN_CODES = ("188", "06553", "20", "TW", "34", *SOC_TRANG, "31498")
CODE_OPERATIONS = [
    result.ok().path
    for result in schema.get_all_operations()
    if isinstance(result, Ok) and "{code}" in result.ok().path
]


@pytest.fixture(autouse=True)
def inside_the_test_transaction() -> Iterator[None]:
    """Keep Django's handler from closing the connection around each WSGI request.

    Django's test client does the same: `close_old_connections` on request start
    and finish would drop the connection that holds the test's transaction, and
    with it the token and everything the test wrote.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def bearer() -> dict[str, str]:
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(
        user=User.objects.get(username="locbinh"), name="fuzz", digest=ApiToken.digest_of(raw)
    )
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def visible_codes() -> set[str]:
    """Every code Lộc Bình's staff may see: the district and its subtree."""
    return set(
        Organisation.objects.filter(subtree_q(org("188").path)).values_list("code", flat=True)
    )


def _organisations(body: object) -> list[dict[str, object]]:
    """Every organisation a response body shows, at any depth."""
    found: list[dict[str, object]] = []
    if isinstance(body, list):
        for item in body:
            found += _organisations(item)
    elif isinstance(body, dict):
        if "code" in body and "structure" in body:
            found.append(body)
        for value in body.values():
            found += _organisations(value)
    return found


def _check_scope(
    case: Case, status: int, body: object, visible: set[str], refusals: tuple[int, ...] = (404,)
) -> None:
    """A code outside the subtree is refused (404, or a validation error), never shown."""
    code = (case.path_parameters or {}).get("code")
    if code is not None and code not in visible:
        assert status in refusals, f"{case.path} with code={code!r} answered {status}"
    for shown in _organisations(body):
        assert shown["code"] in visible, f"{case.path} disclosed {shown['code']!r}"
        parent = shown.get("parent_code")
        assert parent is None or parent in visible, f"{case.path} disclosed parent {parent!r}"


def _pin_path(case: Case, data: st.DataObject) -> None:
    """Half the time, aim the fuzzed path at a real organisation in or out of scope."""
    if case.path_parameters and "code" in case.path_parameters and data.draw(st.booleans()):
        case.path_parameters = {
            **case.path_parameters,
            "structure": data.draw(st.sampled_from(["2020", "2025"])),
            "code": data.draw(st.sampled_from(KNOWN_CODES)),
        }


@schema.parametrize()
@schema.given(data=st.data())
@FUZZ
def test_valid_requests_never_fail_and_keep_to_the_schema(
    case: Case, data: st.DataObject, bearer: dict[str, str], visible_codes: set[str]
) -> None:
    _pin_path(case, data)
    response = case.call(headers=bearer)
    case.validate_response(response, checks=CONFORMANCE, headers=bearer)
    assert response.status_code != 401, "the bearer token was not accepted"
    body = response.json() if response.status_code == 200 else None
    _check_scope(case, response.status_code, body, visible_codes)


@any_input.parametrize()
@any_input.given(data=st.data())
@FUZZ
def test_invalid_requests_never_answer_a_server_error(
    case: Case, data: st.DataObject, bearer: dict[str, str], visible_codes: set[str]
) -> None:
    _pin_path(case, data)
    response = case.call(headers=bearer)
    case.validate_response(response, checks=[not_a_server_error], headers=bearer)
    body = response.json() if response.status_code == 200 else None
    # Invalid parameters are refused (422, 405) before any organisation is looked up.
    _check_scope(case, response.status_code, body, visible_codes, refusals=(404, 405, 422))


@pytest.mark.parametrize("operation", CODE_OPERATIONS)
@pytest.mark.parametrize("code", SOC_TRANG)
def test_codes_of_soc_trang_are_not_found(
    operation: str, code: str, bearer: dict[str, str], demo_campaign: Campaign
) -> None:
    client = Client(headers=bearer)
    for structure in ("2020", "2025"):
        # The campaign's operations ask in a real campaign: the refusal is the scope's.
        path = (
            operation.replace("{structure}", structure)
            .replace("{slug}", demo_campaign.slug)
            .replace("{code}", code)
        )
        for query in ("", "?page=1", "?page=2"):
            response = client.get(path + query)
            assert response.status_code == 404, (path, response.content[:200])
            assert response.json() == {"detail": "Not Found"}


def test_the_fuzzed_operations_include_every_code_path() -> None:
    assert set(CODE_OPERATIONS) == {
        "/api/orgs/{structure}/{code}",
        "/api/orgs/{structure}/{code}/children",
        "/api/campaigns/{slug}/progress/{code}",
        "/api/campaigns/{slug}/congresses/{code}",
        "/api/campaigns/{slug}/congresses/{code}/below",
        "/api/campaigns/{slug}/approvals-waiting/{code}",
        "/api/campaigns/{slug}/results/{code}",
        "/api/campaigns/{slug}/completeness/{code}",
    }


def test_a_validation_error_is_a_documented_answer(bearer: dict[str, str]) -> None:
    client = Client(headers=bearer)
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/orgs/2020/188/children?page=abc").status_code == 422
    documented = client.get("/api/openapi.json").json()["paths"]
    assert "422" in documented["/api/search"]["get"]["responses"]
    assert "422" in documented["/api/orgs/{structure}/{code}/children"]["get"]["responses"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/search?q=ab%00c",
        "/api/orgs/2020/18%008",
        "/api/orgs/20%0020/188/children",
        "/tim-kiem/?q=ab%00c",
        "/to-chuc/2020/18%008/",
        "/to-chuc/2020/18%008/nhat-ky/",
    ],
)
def test_a_nul_byte_in_a_parameter_is_not_a_server_error(url: str, bearer: dict[str, str]) -> None:
    client = login("locbinh")
    client.raise_request_exception = False
    response = client.get(url, headers=bearer)
    assert response.status_code < 500
    if url.startswith("/api/orgs/"):
        assert response.status_code == 404
