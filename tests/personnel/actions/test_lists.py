"""Candidate lists: ballot order, the live check, adoption, who may change them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.personnel.actions.lists import (
    do_add_to_list,
    do_adopt_list,
    do_create_list,
    do_remove_from_list,
    do_set_standing,
)
from daihoi.personnel.actions.people import do_create_person
from daihoi.personnel.checks import check_list
from daihoi.personnel.models import ListState
from tests.personnel.helpers import (
    documents_member,
    eleven_seat_list,
    loc_binh_congress,
    make_people,
    refused,
    staff,
)

pytestmark = pytest.mark.django_db


def lines(cl):
    return {line.code: line for line in check_list(cl).lines}


def test_thirteen_for_eleven_shows_a_surplus_of_18_18_percent():
    cl, _people = eleven_seat_list()
    surplus = lines(cl)["surplus"]
    assert "18,18%" in surplus.figure and surplus.met is True


def test_the_list_is_kept_in_ballot_order_by_given_name():
    cl, _people = eleven_seat_list()
    names = [m.person.full_name for m in cl.members.order_by("position")]
    assert names[:3] == ["Hoàng Văn An", "Nông Thị Bích", "Lý Văn Cường"]
    assert names.index("Lương Văn Đức") == names.index("Vi Văn Dũng") + 1


def test_two_women_of_thirteen_meet_fifteen_percent_and_one_does_not():
    cl, people = eleven_seat_list()
    assert lines(cl)["women"].met is True  # 2/13 = 15,38%
    do_remove_from_list(cl, people[5], acting_user=staff())
    assert lines(cl)["women"].met is False  # 1/12


def test_a_list_above_thirty_percent_cannot_be_adopted_and_says_why():
    congress = loc_binh_congress()
    people = make_people()
    cl = do_create_list(congress, "committee", 9, acting_user=staff())
    for p in people:  # 13 for 9 = 44,44%
        do_add_to_list(cl, p, acting_user=staff())
    with refused("adoption_blocked") as caught:
        do_adopt_list(cl, acting_user=staff())
    assert any("30%" in r for r in caught.value.reasons)
    cl.refresh_from_db()
    assert cl.state == ListState.DRAFT


def test_a_compliant_list_is_adopted_and_then_frozen():
    cl, people = eleven_seat_list()
    do_adopt_list(cl, acting_user=staff())
    with refused("list_adopted"):
        do_remove_from_list(cl, people[0], acting_user=staff())


def test_a_person_of_another_province_cannot_be_put_on_the_list():
    congress = loc_binh_congress()
    cl = do_create_list(congress, "committee", 11, acting_user=staff())
    outsider = do_create_person(
        congress.organisation.get_root()
        if False
        else __import__("tests.conftest").conftest.org("94"),
        {"full_name": "Lâm Văn Sơn", "gender": "M", "birth_date": dt.date(1970, 1, 1)},
        acting_user=User.objects.get(username="soctrang"),
    )
    with refused("outside_subtree"):
        do_add_to_list(cl, outsider, acting_user=staff())


def test_a_delegate_cannot_change_a_list():
    cl, people = eleven_seat_list(3)
    with pytest.raises(PermissionDenied):
        do_remove_from_list(cl, people[0], acting_user=User.objects.get(username="daibieu"))


def test_a_woman_proposed_for_the_standing_committee_meets_that_target():
    cl, people = eleven_seat_list()
    assert lines(cl)["woman-standing"].met is False
    do_set_standing(cl, people[1], True, acting_user=staff())  # Nông Thị Bích
    assert lines(cl)["woman-standing"].met is True


def test_sort_names_prints_the_ballot_order():
    names = "Nguyễn Văn Ân\nTrần Thị An\nLê Văn Anh\nPhạm Đức Ăn\n"
    out = subprocess.run(
        [sys.executable, "-m", "daihoi.cli", "sort-names"],
        input=names,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines() == ["Trần Thị An", "Lê Văn Anh", "Phạm Đức Ăn", "Nguyễn Văn Ân"]


def test_a_second_list_for_the_same_body_and_a_list_without_seats_are_refused():
    congress = loc_binh_congress()
    do_create_list(congress, "committee", 11, acting_user=staff())
    with refused("list_exists"):
        do_create_list(congress, "committee", 9, acting_user=staff())
    with refused("no_seats"):
        do_create_list(congress, "standing", 0, acting_user=staff())
    with refused("bad_kind"):
        do_create_list(congress, "nothing", 3, acting_user=staff())
    assert congress.candidate_lists.count() == 1


def test_a_person_is_put_on_the_list_once_and_taken_off_once():
    cl, people = eleven_seat_list(2)
    with refused("already_listed"):
        do_add_to_list(cl, people[0], acting_user=staff())
    do_remove_from_list(cl, people[0], acting_user=staff())
    with refused("not_listed"):
        do_remove_from_list(cl, people[0], acting_user=staff())
    with refused("not_listed"):
        do_set_standing(cl, people[0], True, acting_user=staff())
    entry = AuditEntry.objects.filter(action="personnel.list_remove").get()
    assert entry.before == {"person": people[0].pk}


def test_the_documents_subcommittee_may_not_open_a_list():
    congress = loc_binh_congress()
    with pytest.raises(PermissionDenied):
        do_create_list(congress, "committee", 11, acting_user=documents_member())
    assert not congress.candidate_lists.exists()
