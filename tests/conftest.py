"""Shared test set-up: a demo tree of three provinces, and one persona per role."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator

import pytest
from django.test import Client

from daihoi.accounts.demo import DEMO_PASSWORD, ensure_demo_users  # noqa: F401
from daihoi.accounts.models import Role, User
from daihoi.campaigns.demo import load_demo_campaign
from daihoi.campaigns.models import Campaign
from daihoi.core.tables import Table
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.demo import demo_table
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Organisation, Structure

# Lạng Sơn (Lộc Bình), Thái Bình (Sở Công Thương), Sóc Trăng: the seed articles' provinces.
TEST_PROVINCES = ["20", "34", "94"]
IN_CI = bool(os.environ.get("CI"))


def pytest_configure(config: pytest.Config) -> None:
    """Under CI, a PostgreSQL run whose server is unreachable stops at once, loudly."""
    url = os.environ.get("DATABASE_URL", "")
    if IN_CI and url.startswith("postgres"):
        import psycopg

        try:
            psycopg.connect(
                url.replace("postgres://", "postgresql://", 1), connect_timeout=5
            ).close()
        except psycopg.OperationalError as exc:
            raise pytest.UsageError(f"CI needs PostgreSQL at {url}: {exc}") from exc


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:  # type: ignore[override]
    """Load the demo tree once per test database; each test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        structure = Structure.objects.get(code="2020")
        if not Organisation.objects.filter(structure=structure).exists():
            plan = plan_import(structure, demo_table(TEST_PROVINCES))
            do_import_organisations(plan, acting_user=None, source="test-demo")
            ensure_demo_users()


@functools.cache
def _test_demo_table() -> Table:
    return demo_table(TEST_PROVINCES)


@pytest.fixture
def demo_campaign(db: None) -> Campaign:
    """The demo campaign (dh-2020-2025) over the session's tree, inside the test's transaction.

    Not loaded once in django_db_setup: the other campaign tests start from an empty
    register and no campaign (they register 35-CT/TW themselves, which would then be a
    duplicate). Loading per test costs about a second for the three provinces.
    """
    return load_demo_campaign(TEST_PROVINCES, table=_test_demo_table())


def org(code: str, structure: str = "2020") -> Organisation:
    return Organisation.objects.select_related("level", "structure").get(
        structure__code=structure, code=code
    )


def login(username: str) -> Client:
    """Return a client logged in as a demo account (the login form itself is tested apart)."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def national_admin(db: None) -> Client:
    return login("quantri")


@pytest.fixture
def loc_binh_staff(db: None) -> Client:
    return login("locbinh")


@pytest.fixture
def province_staff(db: None) -> Client:
    return login("langson")


@pytest.fixture
def leader(db: None) -> Client:
    return login("lanhdao")


@pytest.fixture
def counting_member(db: None) -> Client:
    return login("kiemphieu")


@pytest.fixture
def outsider(db: None) -> Iterator[Client]:
    """A logged-in account with no organisation."""
    User.objects.create_user("ngoai", password=DEMO_PASSWORD, roles=[Role.ORG_STAFF])
    yield login("ngoai")


@pytest.fixture(autouse=True, scope="session")
def _exports_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Finished export files go to a folder of the test run, never the project's var/."""
    from django.conf import settings

    settings.EXPORTS_DIR = tmp_path_factory.mktemp("exports")
