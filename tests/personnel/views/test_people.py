"""The people pages: who opens a record, audited reads, search, import, corrections."""

from __future__ import annotations

import io

import lxml.html
import pytest
from django.urls import reverse
from openpyxl import Workbook

from daihoi.accounts.models import Role, User
from daihoi.audit.models import AuditEntry
from daihoi.personnel.models import Person
from tests.conftest import login, org
from tests.personnel.helpers import (
    assert_write_refused,
    make_people,
    one_person,
)

pytestmark = pytest.mark.django_db


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
    return client.post(reverse("personnel_import_upload", args=["2020", "188"]), {"file": data})


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
    assert response.status_code == 400
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


def test_a_correction_to_a_record_is_audited_with_what_it_said_before():
    person = one_person()
    url = reverse("personnel_person_edit", args=[person.pk])
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


def test_a_person_is_added_at_its_own_url_and_a_bad_one_comes_back_marked():
    c = login("locbinh")
    url = reverse("personnel_person_add", args=["2020", "188"])
    data = {
        "full_name": "Lò Văn Mới",
        "gender": "M",
        "birth_date": "31/02/1970",
        "ethnicity": "Thái",
    }
    response = c.post(url, data)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    born = page.xpath('//section[@id="add-person"]//input[@name="birth_date"]')[0]
    assert born.get("aria-invalid") == "true" and born.get("autofocus") is not None
    assert born.get("value") == "31/02/1970"
    assert page.xpath('//input[@name="full_name"]')[0].get("value") == "Lò Văn Mới"
    assert not Person.objects.filter(full_name="Lò Văn Mới").exists()
    assert c.post(url, {**data, "birth_date": "01/02/1970"}).status_code == 302
    assert Person.objects.filter(full_name="Lò Văn Mới").count() == 1


def test_a_correction_with_an_error_opens_the_section_and_keeps_the_record_as_stored():
    person = one_person()
    response = login("locbinh").post(
        reverse("personnel_person_edit", args=[person.pk]),
        {"full_name": "Hoàng Văn Sửa", "gender": "M", "birth_date": "", "ethnicity": "Tày"},
    )
    page = lxml.html.fromstring(response.content)
    assert page.get_element_by_id("edit").get("open") is not None
    assert page.xpath("//h1")[0].text == "Hoàng Văn An"
    assert page.xpath("//title")[0].text.strip().startswith("Hoàng Văn An")
    person.refresh_from_db()
    assert person.full_name == "Hoàng Văn An"


@pytest.mark.parametrize("name", ["personnel_person_add", "personnel_person_edit"])
def test_adding_and_correcting_are_refused_to_those_without_the_role(name):
    person = one_person()
    args = ["2020", "188"] if name == "personnel_person_add" else [person.pk]
    data = {"full_name": "Lò Văn Ba", "gender": "M", "birth_date": "01/01/1970"}
    assert_write_refused(name, args, data)
    assert Person.objects.count() == 13


def test_an_import_without_a_file_asks_for_one_and_the_page_itself_only_reads():
    client = login("locbinh")
    response = client.post(reverse("personnel_import_upload", args=["2020", "188"]), {})
    assert response.status_code == 400
    assert "Hãy chọn tệp .csv hoặc .xlsx." in response.content.decode()
    assert client.post(reverse("personnel_import", args=["2020", "188"]), {}).status_code == 405


def test_the_people_are_paged_with_the_search_kept_and_htmx_swapping_the_rows(monkeypatch):
    from daihoi.personnel.views import people as views

    make_people()
    monkeypatch.setattr(views, "PEOPLE_PAGE", 1)
    client = login("locbinh")
    url = reverse("personnel_people", args=["2020", "188"])
    first = lxml.html.fromstring(client.get(url, {"q": "thi"}).content)
    pager = first.xpath("//div[@id='people-rows']//nav[@class='pager']")[0]
    following = pager.xpath(".//a[@rel='next']")[0]
    assert "q=thi" in following.get("href") and "trang=2" in following.get("href")
    assert following.get("hx-target") == "#people-rows"
    # Through htmx the rows alone come back, the next person on page 2.
    rows = client.get(url, {"q": "thi", "trang": "2"}, headers={"HX-Request": "true"})
    body = rows.content.decode()
    assert "<h1>" not in body and "Trang 2/" in body
