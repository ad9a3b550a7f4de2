"""Schemathesis over the JSON API: whatever the request, never a server error.

The schema is the API's own /api/openapi.json; the requests go to the WSGI
application in this process, inside the test's transaction, with the Bearer token
of Lộc Bình's organisation department (a user who sees 446 organisations). Every
operation gets 25 generated requests that fit the schema (positive) and 25 that do
not (negative: too long, out of range, wrong type), each once with whatever path the
generator makes (mostly codes that do not exist: 404) and once at Lộc Bình itself,
so that pages, limits and searches run over real data. The only check is
schemathesis' not_a_server_error: no 5xx.

schemathesis.pytest.from_fixture(...).parametrize() fails under pytest 9.2
("'Function' object has no attribute '_nodeid'"), so each operation's strategy is
driven by Hypothesis' @given here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import BaseSchema, Case, GenerationMode
from schemathesis.checks import not_a_server_error

from daihoi.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    database=None,  # no example database: the same requests on every run
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(db: None) -> Iterator[BaseSchema]:
    """The API as schemathesis sees it, served by the WSGI application in this process.

    Django closes the connection at the end of each request unless it is a test
    client's request; the test's transaction would go with it, so, as the test client
    does, the signal is disconnected while the test runs.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def bearer() -> dict[str, str]:
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(
        user=User.objects.get(username="locbinh"),
        name="schemathesis",
        digest=ApiToken.digest_of(raw),
    )
    return {"Authorization": f"Bearer {raw}"}


# Where a path names an organisation: any value the schema allows (mostly codes that do
# not exist, 404), or Lộc Bình itself, so that pages, limits and searches run on data.
AT = {"anywhere": None, "loc_binh": {"structure": "2020", "code": "188"}}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error(
    mode: GenerationMode, api_schema: BaseSchema, bearer: dict[str, str]
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 4, [operation.label for operation in operations]
    for operation in operations:
        for place, path_parameters in AT.items():
            if path_parameters is not None and not operation.path_parameters:
                continue

            @EXAMPLES
            @given(case=operation.as_strategy(mode, path_parameters=path_parameters))
            def send(case: Case) -> None:
                response = case.call(headers=bearer)
                case.validate_response(response, checks=[not_a_server_error], headers=bearer)

            try:
                send()
            except Exception as exc:
                exc.add_note(f"{operation.label} ({mode}, {place})")
                raise
