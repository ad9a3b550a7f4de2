"""The congress's personnel hub and its writes: lists, processes, complaints, the elected."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.personnel.actions.lists import do_create_list
from daihoi.personnel.models import Complaint, ComplaintKind
from tests.conftest import login, org
from tests.personnel.helpers import (
    assert_write_refused,
    client_of,
    loc_binh_congress,
    make_people,
    one_person,
    staff,
)

pytestmark = pytest.mark.django_db


def test_the_elected_committee_is_taken_from_an_announced_election():
    from daihoi.elections.actions.board import do_add_board_member
    from daihoi.elections.actions.candidates import do_set_candidates
    from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
    from daihoi.elections.actions.entries import do_key_ballot
    from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election

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


# The hub's three forms, each at its own URL ------------------------------------------------


def hub(name: str, congress) -> str:
    return reverse(name, args=[congress.campaign.slug, "188"])


def test_a_list_and_a_process_are_opened_each_at_their_own_url():
    congress = loc_binh_congress()
    c = client_of(staff())
    made = c.post(hub("personnel_list_create", congress), {"kind": "committee", "seats": "11"})
    cl = congress.candidate_lists.get()
    assert made.status_code == 302 and made["Location"] == reverse("personnel_list", args=[cl.pk])
    opened = c.post(
        hub("personnel_process_start", congress), {"kind": "committee", "track": "reelection"}
    )
    assert opened.status_code == 302 and "/nhan-su/quy-trinh/" in opened["Location"]


def test_a_second_list_for_the_same_body_comes_back_with_the_refusal_and_the_values():
    congress = loc_binh_congress()
    do_create_list(congress, "committee", 11, acting_user=staff())
    response = client_of(staff()).post(
        hub("personnel_list_create", congress), {"kind": "committee", "seats": "13"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Đại hội đã có danh sách" in body
    assert 'name="seats" value="13"' in body
    assert congress.candidate_lists.count() == 1


def test_a_complaint_is_registered_at_its_own_url():
    congress = loc_binh_congress()
    person = one_person()
    response = client_of(staff()).post(
        hub("personnel_complaint_register", congress),
        {
            "person": person.pk,
            "received": "02/06/2020",
            "classification": ComplaintKind.PETITION,
            "content": "Phản ánh",
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.filter(person=person, congress=congress).count() == 1


def test_a_complaint_with_errors_comes_back_open_with_a_summary_and_the_typed_values():
    # The bug: the form sat in a closed <details>, so its errors did not show and the
    # user believed the complaint was saved.
    congress = loc_binh_congress()
    person = one_person()
    response = client_of(staff()).post(
        hub("personnel_complaint_register", congress),
        {
            "person": person.pk,
            "received": "31/02/2020",
            "classification": ComplaintKind.DENUNCIATION,
            "sender": "Ông Lò Văn Gửi",
            "content": "",
        },
    )
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    details = page.get_element_by_id("complaint-form")
    assert details.get("open") is not None
    assert page.get_element_by_id("complaint-errors") is not None
    assert page.get_element_by_id("form-errors") is not None
    received = details.xpath('.//input[@name="received"]')[0]
    assert received.get("autofocus") is not None and received.get("aria-invalid") == "true"
    assert details.xpath('.//textarea[@name="content"]')[0].get("aria-invalid") == "true"
    assert details.xpath('.//input[@name="sender"]')[0].get("value") == "Ông Lò Văn Gửi"
    # Only the failed form is marked; the others on the page stay as they were.
    assert len(page.xpath("//input[@autofocus]|//textarea[@autofocus]|//select[@autofocus]")) == 1
    assert not Complaint.objects.exists()


def test_the_hub_page_has_no_action_field_and_opens_no_form_when_all_is_well():
    congress = loc_binh_congress()
    body = client_of(staff()).get(hub("personnel_congress", congress)).content.decode()
    page = lxml.html.fromstring(body)
    assert page.get_element_by_id("complaint-form").get("open") is None
    assert 'name="action"' not in body and "form-errors" not in body


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("personnel_list_create", {"kind": "standing", "seats": "3"}),
        ("personnel_process_start", {"kind": "committee", "track": "reelection"}),
        ("personnel_complaint_register", {"received": "02/06/2020", "content": "Tố cáo"}),
        ("personnel_elected_record", {"election": "1"}),
    ],
)
def test_each_write_of_the_hub_is_refused_to_those_without_the_role(name, data):
    congress = loc_binh_congress()
    assert_write_refused(name, [congress.campaign.slug, "188"], data)
    assert not congress.candidate_lists.exists() and not Complaint.objects.exists()


def test_an_election_not_of_this_congress_is_a_message_and_writes_nothing():
    congress = loc_binh_congress()
    response = client_of(staff()).post(
        hub("personnel_elected_record", congress), {"election": "999999"}, follow=True
    )
    assert "Không tìm thấy cuộc bầu cử này." in response.content.decode()
    assert not congress.elected.exists()
