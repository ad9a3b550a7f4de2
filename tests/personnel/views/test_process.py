"""The five-step page: a step recorded at /buoc/, the list fed at /dua-vao-danh-sach/."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from daihoi.personnel.actions.introduction import StepInput, do_record_step, do_start_introduction
from daihoi.personnel.actions.lists import do_create_list
from daihoi.personnel.models import Person, Track
from tests.personnel.helpers import (
    assert_write_refused,
    client_of,
    loc_binh_congress,
    make_people,
    staff,
)

pytestmark = pytest.mark.django_db


def reelection():
    congress = loc_binh_congress()
    outgoing = [p for p in make_people() if p.outgoing_committee]
    process = do_start_introduction(congress, "committee", Track.REELECTION, acting_user=staff())
    return process, outgoing[:3]


def step_data(people, votes, **extra):
    """Votes for `people`; everyone else asked at step 1 left out with the box ticked."""
    data = {"date": "01/03/2020", "body": "", "voters": "20", "ballots": "20", **extra}
    for person in Person.objects.filter(outgoing_committee=True):
        data[f"skip-{person.pk}"] = "on"
    for person, v in zip(people, votes, strict=True):
        data[f"votes-{person.pk}"] = v
        data.pop(f"skip-{person.pk}")
    return data


def test_a_step_is_recorded_at_its_own_url():
    process, people = reelection()
    url = reverse("personnel_process_step", args=[process.pk])
    response = client_of(staff()).post(url, step_data(people, ["20", "15", "8"]))
    assert response.status_code == 302
    step = process.steps.get()
    assert {v.person_id: v.passed for v in step.votes.all()} == {
        people[0].pk: True,
        people[1].pk: True,
        people[2].pk: False,
    }


def test_a_bad_vote_is_marked_on_its_row_and_every_typed_value_comes_back():
    process, people = reelection()
    url = reverse("personnel_process_step", args=[process.pk])
    response = client_of(staff()).post(url, step_data(people, ["20", "mười", ""], voters="20"))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    bad = page.xpath(f'//input[@name="votes-{people[1].pk}"]')[0]
    assert bad.get("aria-invalid") == "true"
    focused = page.xpath("//input[@autofocus]")
    assert len(focused) == 1 and focused[0].get("aria-invalid") == "true"
    assert page.xpath(f'//input[@name="votes-{people[0].pk}"]')[0].get("value") == "20"
    assert page.xpath('//input[@name="voters"]')[0].get("value") == "20"
    # A person left blank without the skip box ticked is marked too.
    assert page.xpath(f'//input[@name="votes-{people[2].pk}"]')[0].get("aria-invalid") == "true"
    assert not process.steps.exists()


def test_a_step_the_rules_refuse_comes_back_with_the_reason_above_the_form():
    process, people = reelection()
    url = reverse("personnel_process_step", args=[process.pk])
    response = client_of(staff()).post(url, step_data(people, ["20", "15", "8"], ballots="30"))
    body = response.content.decode()
    assert response.status_code == 200 and "nhiều hơn số người được triệu tập" in body
    assert 'id="step-errors"' in body and not process.steps.exists()


def test_feeding_the_list_before_step_five_is_a_message_and_adds_nobody():
    process, _people = reelection()
    cl = do_create_list(process.congress, "committee", 11, acting_user=staff())
    url = reverse("personnel_process_feed", args=[process.pk])
    response = client_of(staff()).post(url, follow=True)
    assert "Quy trình chưa xong bước 5." in response.content.decode()
    assert not cl.members.exists()


def test_step_five_feeds_the_list_through_its_url():
    process, people = reelection()
    cl = do_create_list(process.congress, "committee", 11, acting_user=staff())
    for n in range(1, 6):
        do_record_step(
            process,
            StepInput(n, dt.date(2020, 3, n), "", 20, 20, {p.pk: 15 for p in people}),
            acting_user=staff(),
        )
    url = reverse("personnel_process_feed", args=[process.pk])
    assert client_of(staff()).post(url).status_code == 302
    assert set(cl.members.values_list("person_id", flat=True)) == {p.pk for p in people}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("personnel_process_step", {"date": "01/03/2020", "voters": "9"}),
        ("personnel_process_feed", {}),
    ],
)
def test_each_write_of_the_process_is_refused_to_those_without_the_role(name, data):
    process, _people = reelection()
    assert_write_refused(name, [process.pk], data)
    assert not process.steps.exists()
