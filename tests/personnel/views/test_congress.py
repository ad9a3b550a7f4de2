"""The congress's personnel hub and its writes: lists, processes, complaints, the elected."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.accounts.models import Role, User
from tests.conftest import login, org
from tests.personnel.helpers import (
    loc_binh_congress,
    make_people,
    staff,
)

pytestmark = pytest.mark.django_db


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
