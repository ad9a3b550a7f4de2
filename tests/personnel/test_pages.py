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
    assert entry.actor_name == "langson" and "Hoàng Văn An" in entry.target


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
