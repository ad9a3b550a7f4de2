"""The JSON API: OpenAPI schema, token and session auth, scoped like the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from daihoi.accounts.models import ApiToken, User
from tests.conftest import login

pytestmark = pytest.mark.django_db


def token_for(username: str) -> str:
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(
        user=User.objects.get(username=username), name="test", digest=ApiToken.digest_of(raw)
    )
    return raw


def api(username: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(username)}")


def test_the_openapi_schema_lists_the_operations() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert {
        "/api/orgs/{structure}/{code}",
        "/api/orgs/{structure}/{code}/children",
        "/api/search",
        "/api/me",
    } <= set(schema["paths"])


def test_without_credentials_the_api_answers_401() -> None:
    assert Client().get("/api/orgs/2020/188").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer dh_wrong").get("/api/me").status_code == 401


def test_an_organisation_with_its_counts_by_level() -> None:
    body = api("locbinh").get("/api/orgs/2020/188").json()
    assert body["name"] == "Đảng bộ huyện Lộc Bình"
    assert {c["level"]["code"]: c["count"] for c in body["below_by_level"]} == {
        "co-so": 58,
        "chi-bo": 388,
    }
    # Lạng Sơn is above the user's scope: the parent is not disclosed.
    assert body["parent_code"] is None


def test_loc_binh_gets_404_for_soc_trang_through_the_api() -> None:
    client = api("locbinh")
    assert client.get("/api/orgs/2020/94").status_code == 404
    assert client.get("/api/orgs/2020/94/children").status_code == 404


def test_children_are_paginated() -> None:
    body = api("locbinh").get("/api/orgs/2020/188/children?page=1").json()
    assert body["count"] == 58
    assert len(body["items"]) == 58
    assert body["items"][0]["structure"] == "2020"


def test_search_without_diacritics_is_scoped() -> None:
    found = api("langson").get("/api/search?q=loc binh").json()
    assert found[0]["name"] == "Đảng bộ huyện Lộc Bình"
    assert api("soctrang").get("/api/search?q=loc binh").json() == []


def test_the_browser_session_works_too() -> None:
    client = login("locbinh")
    assert client.get("/api/me").json()["organisation"]["code"] == "188"
