"""The bulk editor's save: many records at once, all or nothing, each refused row known."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions.bulk_dates import BulkRefused, BulkRow, do_bulk_update_congresses
from daihoi.campaigns.models import Campaign, Congress
from tests.campaigns.helpers import open_congresses, reader, small_campaign, user
from tests.conftest import org

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign() -> Campaign:
    c = small_campaign()
    open_congresses(c, "06553")  # Đồng Bục's cells; Đồng Bục itself has no record yet
    return c


def cell(campaign: Campaign) -> Congress:
    return (
        Congress.objects.filter(campaign=campaign)
        .select_related("organisation")
        .order_by("org_path")
        .first()
    )  # type: ignore[return-value]


def test_it_updates_one_record_and_opens_another(campaign: Campaign) -> None:
    first = cell(campaign)
    changed = do_bulk_update_congresses(
        campaign,
        [
            BulkRow(first.organisation, first.pk, 1, {"planned_date": dt.date(2020, 3, 1)}),
            BulkRow(org("06553"), None, None, {"planned_date": dt.date(2020, 3, 2)}),
        ],
        acting_user=user("locbinh"),
    )
    assert changed == 2
    assert Congress.objects.get(pk=first.pk).planned_date == dt.date(2020, 3, 1)
    assert Congress.objects.get(campaign=campaign, organisation__code="06553").planned_date
    assert AuditEntry.objects.filter(action__in=["congress.update", "congress.create"]).count() == 2


def test_a_stale_row_refuses_every_row_and_is_named(campaign: Campaign) -> None:
    first = cell(campaign)
    Congress.objects.filter(pk=first.pk).update(version=4)
    with pytest.raises(BulkRefused) as refused:
        do_bulk_update_congresses(
            campaign,
            [
                BulkRow(org("06553"), None, None, {"planned_date": dt.date(2020, 3, 2)}),
                BulkRow(first.organisation, first.pk, 1, {"planned_date": dt.date(2020, 3, 1)}),
            ],
            acting_user=user("locbinh"),
        )
    assert refused.value.codes == ["stale_copy"]
    assert list(refused.value.by_row) == [first.organisation_id]
    assert not Congress.objects.filter(campaign=campaign, organisation__code="06553").exists()
    assert Congress.objects.get(pk=first.pk).planned_date is None


def test_a_record_opened_meanwhile_is_refused_as_stale(campaign: Campaign) -> None:
    first = cell(campaign)
    with pytest.raises(BulkRefused) as refused:
        do_bulk_update_congresses(
            campaign,
            [BulkRow(first.organisation, None, None, {"planned_date": dt.date(2020, 3, 1)})],
            acting_user=user("locbinh"),
        )
    assert refused.value.codes == ["stale_copy"]


def test_it_requires_write_access(campaign: Campaign) -> None:
    first = cell(campaign)
    for acting in (reader(), user("soctrang")):
        with pytest.raises(PermissionDenied):
            do_bulk_update_congresses(
                campaign,
                [BulkRow(first.organisation, first.pk, 1, {"planned_date": dt.date(2020, 3, 1)})],
                acting_user=acting,
            )
    assert Congress.objects.get(pk=first.pk).planned_date is None
