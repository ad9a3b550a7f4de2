"""Issue 15.2, the audit side: personal data stays out of the trail and off its page."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from daihoi.accounts.models import User
from daihoi.audit import log
from daihoi.audit.models import AuditEntry
from daihoi.personnel import access
from daihoi.personnel.actions.complaints import do_register_complaint, do_settle_complaint
from daihoi.personnel.actions.lists import (
    do_add_to_list,
    do_create_list,
    do_remove_from_list,
    do_set_standing,
)
from daihoi.personnel.actions.people import do_update_person
from tests.conftest import login, org
from tests.personnel.helpers import loc_binh_congress, make_people, staff

pytestmark = pytest.mark.django_db

PAGES = {
    # persona: the organisation whose trail they open (their own); the trail is the
    # staff's (issue 17.1): delegates, counting boards and subcommittees are refused it.
    "lanhdao": "34",
    "locbinh": "06553",
    "soctrang": "94",
    "langson": "06553",
    "quantri": "94",
}


def _trail_with_a_personnel_entry(code: str) -> None:
    where = org(code)
    log.record("org.update", actor=None, organisation=where, target="mục-chung")
    log.record("personnel.view", actor=None, organisation=where, target="person:424242")


def _shown(username: str, code: str) -> tuple[bool, bool]:
    page = login(username).get(f"/to-chuc/2020/{code}/nhat-ky/")
    assert page.status_code == 200
    text = page.content.decode()
    return "mục-chung" in text, "person:424242" in text


@pytest.mark.parametrize(("username", "code"), PAGES.items())
def test_the_audit_page_shows_personnel_entries_only_to_personnel_readers(
    username: str, code: str
) -> None:
    _trail_with_a_personnel_entry(code)
    reader = access.may_read(User.objects.get(username=username), org(code))
    assert _shown(username, code) == (True, reader)


@pytest.mark.parametrize(
    ("username", "code"), [("daibieu", "06553"), ("kiemphieu", "94"), ("tieuban", "34-KCQ-SCT")]
)
def test_a_delegate_the_counting_board_and_a_subcommittee_are_refused_the_trail(
    username: str, code: str
) -> None:
    _trail_with_a_personnel_entry(code)
    page = login(username).get(f"/to-chuc/2020/{code}/nhat-ky/")
    assert page.status_code == 403
    text = page.content.decode()
    assert "mục-chung" not in text and "person:424242" not in text


@pytest.mark.parametrize(("username", "code"), [("locbinh", "06553"), ("soctrang", "94")])
def test_personnel_staff_see_them(username: str, code: str) -> None:
    _trail_with_a_personnel_entry(code)
    assert _shown(username, code) == (True, True)


def test_personnel_writes_leave_ids_and_field_names_never_values() -> None:
    start = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    people = make_people()
    person = people[0]
    do_update_person(
        person,
        {"birth_date": dt.date(1976, 4, 3), "ethnicity": "Nùng", "full_name": "Hoàng Văn Ẩn"},
        acting_user=staff(),
    )
    cl = do_create_list(loc_binh_congress(), "committee", 11, acting_user=staff())
    for p in people:
        do_add_to_list(cl, p, acting_user=staff())
    do_set_standing(cl, people[1], True, acting_user=staff())
    do_remove_from_list(cl, people[2], acting_user=staff())
    complaint = do_register_complaint(
        cl.congress,
        people[1],
        {
            "received": dt.date(2020, 6, 1),
            "anonymous": True,
            "content": "Kê khai tài sản chưa trung thực",
            "classification": "denunciation",
            "deadline": dt.date(2020, 6, 30),
        },
        acting_user=staff(),
    )
    do_settle_complaint(complaint, "Đã xác minh, không có căn cứ", acting_user=staff())
    entries = AuditEntry.objects.filter(seq__gt=start, action__startswith="personnel.")
    assert entries.count() >= 15
    trail = json.dumps(
        [(e.target, e.before, e.after) for e in entries], ensure_ascii=False
    ).casefold()
    for value in (
        "Hoàng",
        "Nông Thị Bích",
        "1975-03-02",
        "1976-04-03",
        "Tày",
        "Nùng",
        "Kê khai",
        "không có căn cứ",
        people[1].full_name,
    ):
        assert value.casefold() not in trail, value
    update = entries.get(action="personnel.person_update")
    assert update.target == f"person:{person.pk}"
    assert update.after == {
        "person": person.pk,
        "fields": ["birth_date", "ethnicity", "full_name"],
    }
    settle = entries.get(action="personnel.complaint_settle")
    assert settle.after["complaint"] == complaint.pk and "outcome" in settle.after["fields"]
