"""A client generated from our OpenAPI schema by a third-party generator
(openapi-python-client) reads a running server: what a province's reporting system does."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support import own_database, serving

DAIHOI = str(Path(sys.executable).with_name("daihoi"))
GENERATOR = str(Path(sys.executable).with_name("openapi-python-client"))
SLUG = "dh-2020-2025"
LIVE_SLUG = "dh-2025-2030"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """Sóc Trăng's demo (with its announced elections) served from a database of its own;
    yield (url, tokens of soctrang's and of cantho2025's (the live campaign), a folder)."""
    folder = tmp_path_factory.mktemp("api-client")
    with own_database(folder, "apiclient") as url:
        env = {**os.environ, "DATABASE_URL": url}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        subprocess.run(
            [DAIHOI, "demo", "--provinces", "94"], env=env, check=True, capture_output=True
        )
        tokens = [
            subprocess.run(
                [DAIHOI, "create-token", person, "--name", "reporting"],
                env=env, check=True, capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1]
            for person in ("soctrang", "cantho2025")
        ]  # fmt: skip
        with serving(env) as server:
            yield server, " ".join(tokens), folder


def _generated_client(server: str, folder: Path) -> ModuleType:
    """Fetch the schema from the server, generate a package from it, import it."""
    import httpx

    schema = folder / "schema.json"
    schema.write_text(json.dumps(httpx.get(f"{server}/api/openapi.json").json()))
    config = folder / "generator.yaml"
    config.write_text("package_name_override: daihoi_api_client\npost_hooks: []\n")
    subprocess.run(
        [GENERATOR, "generate", "--path", str(schema), "--meta", "none",
         "--output-path", str(folder / "daihoi_api_client"), "--config", str(config)],
        check=True, capture_output=True,
    )  # fmt: skip
    sys.path.insert(0, str(folder))
    return importlib.import_module("daihoi_api_client")


def _operation(package: str, tag: str, name: str) -> Any:
    return importlib.import_module(f"{package}.api.{tag}.daihoi_api_{name}")


def test_a_generated_client_reads_progress_congresses_and_results(
    served: tuple[str, str, Path],
) -> None:
    server, tokens, folder = served
    token, live_token = tokens.split()
    client_package = _generated_client(server, folder)
    client = client_package.AuthenticatedClient(base_url=server, token=token)
    pkg = "daihoi_api_client"

    me = _operation(pkg, "accounts", "endpoints_me").sync(client=client)
    assert me.username == "soctrang"

    campaigns = _operation(pkg, "campaigns", "campaigns_list_campaigns").sync(client=client)
    assert SLUG in {c.slug for c in campaigns}

    progress = _operation(pkg, "campaigns", "campaigns_get_progress").sync(
        SLUG, "94", client=client, day=dt.date(2020, 10, 31)
    )
    assert progress.unit.name.endswith("Sóc Trăng")
    assert progress.children_count == len(progress.children) > 0
    assert all(row.held <= row.total for row in progress.by_level)

    own = _operation(pkg, "campaigns", "campaigns_get_congress").sync(SLUG, "94", client=client)
    assert own.unit.code == "94" and own.state

    results = _operation(pkg, "results", "results_list_results").sync(SLUG, "94", client=client)
    assert results.count >= 1
    assert all(r.elected for r in results.items)
    assert {r.source for r in results.items} <= {"election", "report"}

    # The live campaign's reported congresses (results reported by form or file, no
    # election in the app) in the same list and shape: the body, its people, its figures.
    live = client_package.AuthenticatedClient(base_url=server, token=live_token)
    reports = _operation(pkg, "results", "results_list_results").sync(LIVE_SLUG, "92", client=live)
    committees = [r for r in reports.items if r.source == "report" and r.kind == "committee"]
    assert committees and all(r.election is None for r in committees)
    assert all(r.composition.members == len(r.elected) > 0 for r in committees)

    # Outside the token's subtree: Lộc Bình (Lạng Sơn) is a 404, as on the pages.
    outside = _operation(pkg, "campaigns", "campaigns_get_congress").sync_detailed(
        SLUG, "188", client=client
    )
    assert outside.status_code == 404
