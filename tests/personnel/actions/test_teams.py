"""Inspection teams and their visits: named, below the unit, after the start, by its writers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.audit.models import AuditEntry
from daihoi.personnel.actions.teams import do_add_visit, do_create_team, do_update_visit
from tests.conftest import org
from tests.personnel.helpers import (
    documents_member,
    loc_binh_congress,
    refused,
    staff,
)

pytestmark = pytest.mark.django_db


def team(**values):
    congress = loc_binh_congress()
    return do_create_team(
        congress.campaign,
        congress.organisation,
        **{"name": "Đoàn 1", "members": "Ông A\nBà B", "start_date": dt.date(2020, 2, 19)} | values,
        acting_user=staff(),
    )


def test_a_team_is_created_and_its_entry_counts_members_without_names():
    t = team()
    entry = AuditEntry.objects.filter(action="personnel.team_create").get()
    assert entry.after["members"] == 2 and "Ông A" not in str(entry.after)
    assert t.org_path == org("188").path


def test_a_team_needs_a_name():
    with refused("team_name_missing"):
        team(name="   ")


def test_a_visit_before_the_start_or_outside_the_subtree_is_refused():
    t = team()
    with refused("visit_before_start"):
        do_add_visit(t, org("06553"), date=dt.date(2020, 1, 1), acting_user=staff())
    with refused("outside_subtree"):
        do_add_visit(t, org("188"), date=dt.date(2020, 3, 1), acting_user=staff())
    assert not t.visits.exists()


def test_a_visit_is_added_then_its_follow_up_done():
    t = team()
    visit = do_add_visit(t, org("06553"), date=dt.date(2020, 3, 1), acting_user=staff())
    do_update_visit(visit, findings="", follow_up="Bổ sung hồ sơ", done=True, acting_user=staff())
    visit.refresh_from_db()
    assert visit.follow_up_done is True
    entry = AuditEntry.objects.filter(action="personnel.team_visit_update").get()
    assert entry.after["fields"] == ["done", "follow_up"]


def test_a_team_is_not_for_the_documents_subcommittee():
    t = team()
    with pytest.raises(PermissionDenied):
        do_add_visit(t, org("06553"), date=dt.date(2020, 3, 1), acting_user=documents_member())
    with pytest.raises(PermissionDenied):
        do_create_team(
            t.campaign,
            t.organisation,
            name="Đoàn 2",
            members="",
            start_date=dt.date(2020, 2, 19),
            acting_user=documents_member(),
        )
