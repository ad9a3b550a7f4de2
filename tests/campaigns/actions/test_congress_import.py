"""The congress import's write: a user's file is held to their duties, all or nothing."""

from __future__ import annotations

import pytest

from daihoi.campaigns.actions.congress_import import do_import_congresses
from daihoi.campaigns.congress_import import CongressImportRejected, plan_congress_import
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.tables import read_table
from tests.campaigns.helpers import reader, small_campaign, user

pytestmark = pytest.mark.django_db


def rows(text: str) -> list:  # type: ignore[type-arg]
    table = read_table("ngay.csv", ("org_code,planned_date,held_date,pilot\n" + text).encode())
    return plan_congress_import("2020", table)


@pytest.fixture
def campaign() -> Campaign:
    return small_campaign()


def test_a_department_imports_its_units_dates(campaign: Campaign) -> None:
    result = do_import_congresses(
        campaign, rows("06553,2020-03-01,2020-03-04,1\n"), acting_user=user("locbinh")
    )
    assert result.created == 1
    congress = Congress.objects.get(campaign=campaign, organisation__code="06553")
    assert congress.pilot and congress.state == "held"


def test_a_row_outside_the_users_subtree_refuses_the_file(campaign: Campaign) -> None:
    with pytest.raises(CongressImportRejected) as refused:
        do_import_congresses(
            campaign,
            rows("06553,2020-03-01,,\n94,2020-03-01,,\n"),
            acting_user=user("locbinh"),
        )
    assert [(e.row, e.column) for e in refused.value.errors] == [(3, "org_code")]
    assert not Congress.objects.filter(campaign=campaign).exists()


def test_a_unit_cannot_choose_itself_as_a_pilot(campaign: Campaign) -> None:
    with pytest.raises(CongressImportRejected) as refused:
        do_import_congresses(campaign, rows("188,2020-03-01,,1\n"), acting_user=user("locbinh"))
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "pilot")]
    assert not Congress.objects.filter(campaign=campaign).exists()


def test_a_refusal_names_the_column_as_the_file_wrote_it(campaign: Campaign) -> None:
    table = read_table("ngay.csv", "Mã tổ chức,Ngày dự kiến,Ngày tổ chức\n94,,\n".encode())
    with pytest.raises(CongressImportRejected) as refused:
        do_import_congresses(
            campaign, plan_congress_import("2020", table), acting_user=user("locbinh")
        )
    assert str(refused.value.errors[0]).startswith("Dòng 2, cột «Mã tổ chức» (giá trị «94»)")


def test_a_reader_imports_nothing(campaign: Campaign) -> None:
    with pytest.raises(CongressImportRejected):
        do_import_congresses(campaign, rows("06553,2020-03-01,,\n"), acting_user=reader())
    assert not Congress.objects.filter(campaign=campaign).exists()
