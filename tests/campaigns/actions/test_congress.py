"""Changing a congress record: dates, details, the pilot; a stale copy is refused, not lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.actions.congress import do_create_congress, do_update_congress
from daihoi.campaigns.models import Congress
from daihoi.core.errors import StaleEdit
from tests.campaigns.helpers import (
    assert_forbidden,
    assert_refused,
    dong_buc_congress,
    reader,
    refresh_congress,
    small_campaign,
    user,
)
from tests.conftest import org

pytestmark = pytest.mark.django_db


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def test_it_saves_the_dates_and_audits_them(dong_buc: Congress) -> None:
    do_update_congress(
        dong_buc,
        {"planned_date": dt.date(2020, 3, 10), "pilot_lessons": "Tốt"},
        expected_version=1,
        acting_user=user("locbinh"),
    )
    saved = refresh_congress(dong_buc)
    assert saved.planned_date == dt.date(2020, 3, 10) and saved.version == 2
    entry = AuditEntry.objects.get(action="congress.update", organisation=dong_buc.organisation)
    assert entry.after["planned_date"] == "2020-03-10"  # type: ignore[index]


def test_it_refuses_a_closing_day_before_the_opening(dong_buc: Congress) -> None:
    assert_refused(
        dong_buc,
        lambda: do_update_congress(
            dong_buc,
            {"held_date": dt.date(2020, 3, 10), "held_end_date": dt.date(2020, 3, 9)},
            expected_version=1,
            acting_user=user("locbinh"),
        ),
        "held_end_before_opening",
    )


def test_an_edit_on_a_stale_copy_is_refused_not_lost(dong_buc: Congress) -> None:
    first = refresh_congress(dong_buc)
    second = refresh_congress(dong_buc)
    do_update_congress(
        first,
        {"planned_date": dt.date(2020, 3, 1)},
        expected_version=1,
        acting_user=user("locbinh"),
    )
    with pytest.raises(StaleEdit) as refused:
        do_update_congress(
            second,
            {"planned_date": dt.date(2020, 3, 9)},
            expected_version=1,
            acting_user=user("langson"),
        )
    assert refused.value.codes == ["stale_copy"]
    assert refresh_congress(dong_buc).planned_date == dt.date(2020, 3, 1)


def test_it_requires_write_access(dong_buc: Congress) -> None:
    for name in ("soctrang", reader().username):
        assert_forbidden(
            dong_buc,
            lambda name=name: do_update_congress(  # type: ignore[misc]
                dong_buc,
                {"planned_date": dt.date(2020, 3, 1)},
                expected_version=1,
                acting_user=user(name),
            ),
        )


def test_only_the_superior_chooses_a_pilot(dong_buc: Congress) -> None:
    from daihoi.accounts.models import User

    commune_staff = User.objects.create_user(
        "dongbuc2", password="x", organisation=dong_buc.organisation, roles=["org_staff"]
    )
    assert_forbidden(
        dong_buc,
        lambda: do_update_congress(
            dong_buc, {"pilot": True}, expected_version=1, acting_user=commune_staff
        ),
    )
    do_update_congress(dong_buc, {"pilot": True}, expected_version=1, acting_user=user("locbinh"))
    assert refresh_congress(dong_buc).pilot
    entry = AuditEntry.objects.get(action="congress.update", organisation=dong_buc.organisation)
    assert entry.before["pilot"] is False and entry.after["pilot"] is True  # type: ignore[index]


def test_it_opens_a_record_and_marks_a_reported_holding_held() -> None:
    campaign = small_campaign()
    congress = do_create_congress(
        campaign,
        org("06553"),
        {"planned_date": dt.date(2020, 3, 1), "held_date": dt.date(2020, 3, 5)},
        acting_user=user("locbinh"),
    )
    assert congress.state == "held" and congress.held_at is not None
    assert AuditEntry.objects.filter(action="congress.create", target=str(congress)).exists()


def test_opening_a_record_requires_write_access() -> None:
    campaign = small_campaign()
    with pytest.raises(PermissionDenied):
        do_create_congress(campaign, org("06553"), {}, acting_user=user("soctrang"))
    assert not Congress.objects.filter(campaign=campaign).exists()
