"""Counting a subtree by level: the indexed shortcut agrees with a plain count."""

from __future__ import annotations

import pytest
from django.db.models import Count

from daihoi.orgs import tree
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Organisation, Structure
from tests.orgs.helpers import table

pytestmark = pytest.mark.django_db


def plain_counts(org: Organisation) -> dict[int, int]:
    rows = (
        Organisation.objects.filter(tree.subtree_q(org.path, include_self=False))
        .values_list("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def shortcut(org: Organisation) -> dict[int, int]:
    return {c.level.pk: c.count for c in tree.counts_by_level(org) if c.count}


def test_counts_by_level_agree_with_a_plain_count_everywhere_above_cells() -> None:
    checked = 0
    for org in Organisation.objects.filter(structure__code="2020", depth__lte=4).select_related(
        "level"
    ):
        assert shortcut(org) == plain_counts(org), org.code
        checked += 1
    assert checked > 500


def test_counts_stay_right_after_a_commune_moves_to_another_district() -> None:
    plan = plan_import(
        Structure.objects.get(code="2020"),
        table("code,parent_code,name,level", "06553,189,Đảng bộ xã Đồng Bục,3"),
    )
    do_import_organisations(plan, acting_user=None)
    for code in ("188", "189", "20"):
        org = Organisation.objects.select_related("level").get(code=code)
        assert shortcut(org) == plain_counts(org), code


def test_a_page_of_children_is_counted_like_each_child_alone() -> None:
    district = Organisation.objects.select_related("level").get(code="188")
    children = list(Organisation.objects.get_children(district))
    below = tree.levels_below(children[0])
    many = tree.child_subtree_counts(children, below)
    for child in children:
        assert many[child.pk] == plain_counts(child), child.code
