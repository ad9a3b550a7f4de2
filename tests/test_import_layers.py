"""Imports run one way (pyproject.toml, [tool.importlinter]), and what keeps them so.

`make lint` runs the same contracts; here they also fail a plain `pytest`. The
other tests pin the hooks that replaced upward imports: a lower app never names
a higher one, the higher one registers itself from its AppConfig.ready().
"""

from __future__ import annotations

from pathlib import Path

import grimp
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

from daihoi.accounts import twofactor
from daihoi.campaigns import hooks
from daihoi.elections import demo as elections_demo
from daihoi.elections.apps import heads_a_board
from daihoi.personnel import demo as personnel_demo

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept() -> None:
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert status == EXIT_STATUS_SUCCESS


def test_an_apps_views_are_imported_only_by_its_own_url_configuration() -> None:
    # The "views" contract lets only URL modules import views; this adds "of the same app",
    # which a wildcard contract cannot say.
    graph = grimp.build_graph("daihoi", cache_dir=None)
    strangers = [
        f"{importer} -> {module}"
        for module in graph.modules
        if module.split(".")[2:3] == ["views"]
        for importer in graph.find_modules_that_directly_import(module)
        if importer.split(".")[:2] != module.split(".")[:2] and importer != "daihoi.urls"
    ]
    assert strangers == []


def test_the_personnel_demo_loads_before_the_elections_demo_that_takes_its_names() -> None:
    loaders = hooks.demo_loaders
    assert loaders.index(personnel_demo.load_demo_personnel) < loaders.index(
        elections_demo.load_demo_elections
    )


def test_the_elections_demo_takes_its_committee_list_from_the_personnel_demo() -> None:
    assert personnel_demo.committee_slate in elections_demo.slate_sources


def test_a_demo_loader_registered_twice_runs_once_in_its_place() -> None:
    before = list(hooks.demo_loaders)
    hooks.register_demo_loader(personnel_demo.load_demo_personnel, order=10)
    assert hooks.demo_loaders == before


def test_the_elections_app_tells_accounts_who_heads_a_counting_board() -> None:
    # Without it no head would be offered, or required to use, two-step sign-in.
    assert heads_a_board in twofactor._board_head_checks
