"""The personnel pages as their users see them."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from django.urls import reverse
from openpyxl import Workbook

from daihoi.accounts.models import Role, User
from daihoi.audit.models import AuditEntry
from daihoi.personnel import actions
from daihoi.personnel.models import ComplaintKind, Person
from tests.conftest import login, org
from tests.personnel.helpers import loc_binh_congress, make_people, staff

pytestmark = pytest.mark.django_db


def one_person() -> Person:
    return make_people()[0]


def test_a_person_of_lộc_bình_is_a_404_for_another_province():
    person = one_person()
    assert login("soctrang").get(reverse("personnel_person", args=[person.pk])).status_code == 404


def test_a_delegate_and_a_counting_board_member_of_the_same_unit_are_refused():
    person = one_person()
    for username, role in (("bau-loc-binh", Role.DELEGATE), ("kiem-loc-binh", Role.COUNTING_BOARD)):
        User.objects.create_user(username, organisation=org("188"), roles=[role])
        response = login(username).get(reverse("personnel_person", args=[person.pk]))
        assert response.status_code == 403


def test_every_read_of_a_record_is_audited_and_the_superior_may_read():
    person = one_person()
    response = login("langson").get(reverse("personnel_person", args=[person.pk]))
    assert response.status_code == 200 and "Hoàng Văn An" in response.content.decode()
    entry = AuditEntry.objects.filter(action="personnel.view").get()
    assert entry.actor_name == "langson" and entry.target == f"person:{person.pk}"


def test_search_finds_a_name_typed_without_diacritics():
    make_people()
    response = login("locbinh").get(
        reverse("personnel_people", args=["2020", "188"]), {"q": "nong thi bich"}
    )
    body = response.content.decode()
    assert "Nông Thị Bích" in body and "Hoàng Văn An" not in body


def upload(client, rows, name="can-bo.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = name
    return client.post(reverse("personnel_import", args=["2020", "188"]), {"file": data})


HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Cấp ủy khóa đương nhiệm"]


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row():
    response = upload(
        login("locbinh"),
        [
            HEADER,
            ["Lò Văn Hai", "Nam", "12/03/1978", "Tày", "1"],
            ["Vi Thị Ba", "Nữ", "31/02/1980", "Nùng", ""],
            ["Hà Văn Bốn", "Không rõ", "01/01/1970", "Kinh", ""],
        ],
    )
    body = response.content.decode()
    assert "Dòng 3" in body and "31/02/1980" in body
    assert "Dòng 4" in body and "Không rõ" in body
    assert not Person.objects.filter(organisation__code="188").exists()


def test_a_good_import_writes_every_row_with_folded_names():
    response = upload(
        login("locbinh"),
        [
            HEADER,
            ["Lò Văn Hai", "Nam", "12/03/1978", "Tày", "1"],
            ["Vi Thị Ba", "Nữ", "1980-02-01", "Nùng", ""],
        ],
    )
    assert response.status_code == 302
    people = Person.objects.filter(organisation__code="188").order_by("search_name")
    assert [(p.search_name, p.ethnic_minority, p.outgoing_committee) for p in people] == [
        ("lo van hai", True, True),
        ("vi thi ba", True, False),
    ]


def test_the_list_page_shows_the_surplus_and_every_target():
    congress = loc_binh_congress()
    cl = actions.do_create_list(congress, "committee", 11, acting_user=staff())
    for p in make_people():
        actions.do_add_to_list(cl, p, acting_user=staff())
    body = login("locbinh").get(reverse("personnel_list", args=[cl.pk])).content.decode()
    assert "18,18%" in body
    for label in ("Nữ cấp ủy viên", "Dưới 40 tuổi", "Từ 40 đến 50 tuổi", "Đổi mới"):
        assert label in body
    assert "Thông qua danh sách" in body


def test_a_person_with_an_open_complaint_is_flagged_on_the_list():
    congress = loc_binh_congress()
    cl = actions.do_create_list(congress, "committee", 1, acting_user=staff())
    person = one_person()
    actions.do_add_to_list(cl, person, acting_user=staff())
    actions.do_register_complaint(
        congress,
        person,
        {
            "received": dt.date(2020, 6, 1),
            "content": "x",
            "classification": ComplaintKind.COMPLAINT,
        },
        acting_user=staff(),
    )
    body = login("locbinh").get(reverse("personnel_list", args=[cl.pk])).content.decode()
    assert 'class="flag"' in body and "đơn thư chưa giải quyết xong" in body


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


def test_only_a_national_administrator_changes_the_targets_and_it_is_audited():
    congress = loc_binh_congress()
    slug = congress.campaign.slug
    url = reverse("personnel_targets", args=[slug])
    assert login("langson").post(url, {"minimum-women": "20"}).status_code == 403
    response = login("quantri").post(url, {"minimum-women": "20", "hard-surplus": "1"})
    assert response.status_code == 302
    women = congress.campaign.targets.get(code="women")
    assert women.minimum == 20
    entry = AuditEntry.objects.filter(action="personnel.targets_update").get()
    assert entry.before["women"][0] == "15.00" and entry.after["women"][0] == "20"


def test_a_target_with_its_minimum_above_its_maximum_is_refused():
    congress = loc_binh_congress()
    url = reverse("personnel_targets", args=[congress.campaign.slug])
    body = login("quantri").post(url, {"minimum-age-40-50": "60", "maximum-age-40-50": "50"})
    assert "tối thiểu lớn hơn tối đa" in body.content.decode()


def test_the_elected_committee_is_taken_from_an_announced_election():
    from daihoi.elections.actions import (
        do_add_board_member,
        do_create_election,
        do_key_ballot,
        do_record_ballot_counts,
        do_set_base,
        do_set_candidates,
        do_transition_election,
    )

    congress = loc_binh_congress()
    people = make_people()[:4]
    election = do_create_election(congress, "committee", 3, acting_user=staff())
    do_set_candidates(election, [p.full_name for p in people], acting_user=staff())
    typist = User.objects.create_user("go1", organisation=org("188"), roles=[Role.COUNTING_BOARD])
    do_add_board_member(election, typist, role="technical", team=1, acting_user=staff())
    typist2 = User.objects.create_user("go2", organisation=org("188"), roles=[Role.COUNTING_BOARD])
    do_add_board_member(election, typist2, role="technical", team=2, acting_user=staff())
    head = User.objects.create_user("truong", organisation=org("188"), roles=[Role.COUNTING_BOARD])
    do_add_board_member(election, head, role="head", team=None, acting_user=staff())
    do_set_base(election, base=3, acting_user=staff())
    do_transition_election(election, "list_adopted", acting_user=staff())
    do_record_ballot_counts(election, issued=3, collected=3, acting_user=staff())
    do_transition_election(election, "ballots_issued", acting_user=staff())
    do_transition_election(election, "counting", acting_user=staff())
    # Ballot order: An, Bích, Cường, Dũng; every paper crosses out Dũng (line 4).
    for serial in (1, 2, 3):
        for user, team in ((typist, 1), (typist2, 2)):
            do_key_ballot(election, team=team, serial=serial, crossed=[4], acting_user=user)
    do_transition_election(election, "reconciled", acting_user=staff())
    do_transition_election(election, "announced", acting_user=staff())
    response = login("locbinh").post(
        reverse("personnel_elected_record", args=[congress.campaign.slug, "188"]),
        {"election": election.pk},
    )
    assert response.status_code == 302
    elected = congress.elected.order_by("full_name")
    assert [m.full_name for m in elected] == ["Hoàng Văn An", "Lý Văn Cường", "Nông Thị Bích"]
    assert [m.first_time for m in elected] == [False, False, True]
    body = (
        login("locbinh")
        .get(reverse("personnel_congress", args=[congress.campaign.slug, "188"]))
        .content.decode()
    )
    assert 'id="elected-check"' in body and "1/3 = 33,33%" in body


def test_a_correction_to_a_record_is_audited_with_what_it_said_before():
    person = one_person()
    url = reverse("personnel_person", args=[person.pk])
    data = {
        "full_name": "Hoàng  Văn   Ân",
        "gender": "M",
        "birth_date": "02/03/1975",
        "ethnicity": "Tày",
        "theory_level": "cao-cap",
    }
    assert login("daibieu").post(url, data).status_code == 404
    assert login("locbinh").post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.search_name) == ("Hoàng Văn Ân", "hoang van an")
    entry = AuditEntry.objects.filter(action="personnel.person_update").get()
    # Ids and the names of the fields changed, never the values (issue 15.2).
    assert entry.after["person"] == person.pk and "full_name" in entry.after["fields"]
    assert entry.before is None and "Hoàng" not in str(entry.after) + entry.target
