"""The actions that tell people: approvals given, complaints registered, rounds sent out."""

from __future__ import annotations

import datetime as dt

import pytest

from daihoi.accounts.models import User
from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.models import ApprovalKind, Campaign
from daihoi.core.roles import Role
from daihoi.drafts.actions.rounds import do_circulate_round
from daihoi.notifications.events import Event
from daihoi.notifications.models import Notification
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from daihoi.personnel.actions.complaints import do_register_complaint
from daihoi.personnel.models import ComplaintKind
from tests.campaigns.helpers import dong_buc_congress, small_campaign, submitted
from tests.drafts.helpers import document_with_round
from tests.personnel.helpers import eleven_seat_list, staff

pytestmark = pytest.mark.django_db


def department_of(unit: Organisation, name: str, *roles: str) -> User:
    return User.objects.create_user(name, organisation=unit, roles=list(roles or [Role.ORG_STAFF]))


def test_an_approval_tells_the_units_department_and_not_the_approver() -> None:
    congress = dong_buc_congress()
    commune = department_of(congress.organisation, "dongbuc")
    submitted(congress, ApprovalKind.DOCUMENTS)
    do_approve_congress(
        congress, ApprovalKind.DOCUMENTS, acting_user=User.objects.get(username="locbinh")
    )
    (note,) = Notification.objects.filter(recipient=commune)
    assert note.kind == Event.APPROVAL_GIVEN
    assert note.text == f"Cấp trên đã duyệt văn kiện của {congress.organisation.name}."
    assert note.url == f"/dai-hoi/{congress.campaign.slug}/{congress.organisation.code}/"
    assert not Notification.objects.filter(recipient__username="locbinh").exists()


def test_a_complaint_tells_the_personnel_staff_without_naming_the_person() -> None:
    cl, people = eleven_seat_list()
    unit = cl.congress.organisation
    personnel = department_of(unit, "nhansu-lb", Role.PERSONNEL)
    documents = department_of(unit, "vankien-lb", Role.SUBCOMMITTEE)
    complaint = do_register_complaint(
        cl.congress,
        people[0],
        {
            "received": dt.date(2020, 6, 1),
            "anonymous": True,
            "content": "Kê khai tài sản chưa trung thực",
            "classification": ComplaintKind.DENUNCIATION,
            "deadline": dt.date(2020, 6, 30),
        },
        acting_user=staff(),
    )
    (note,) = Notification.objects.filter(recipient=personnel)
    assert note.url == f"/nhan-su/don-thu/{complaint.pk}/"
    assert people[0].full_name not in note.text and "Kê khai" not in str(note.params)
    assert not Notification.objects.filter(recipient=documents).exists()
    assert not Notification.objects.filter(recipient=staff()).exists()  # who registered it


def test_a_round_sent_out_tells_each_unit_asked_with_its_own_page() -> None:
    campaign: Campaign = small_campaign("van-kien")
    document, first = document_with_round(campaign, circulate=False)
    communes = list(tree.children(Organisation.objects.get(code="188")))[:2]
    asked = [department_of(unit, f"xa-{i}") for i, unit in enumerate(communes)]
    department_of(list(tree.children(Organisation.objects.get(code="188")))[3], "khong-hoi")
    do_circulate_round(
        first,
        groups=["members"],
        units=communes,
        deadline=dt.date(2020, 2, 20),
        acting_user=User.objects.get(username="locbinh"),
    )
    notes = {n.recipient.username: n for n in Notification.objects.select_related("recipient")}
    assert set(notes) == {"xa-0", "xa-1"}
    for user, unit in zip(asked, communes, strict=True):
        note = notes[user.username]
        assert note.url == f"/du-thao/{campaign.slug}/{unit.code}/cap-tren/{document.pk}/"
        assert "đến hết ngày 20/02/2020" in note.text
        assert f"«{document.get_kind_display()}»" in note.text


def test_announced_results_tell_the_congress_and_the_level_above() -> None:
    from daihoi.elections.actions.entries import do_key_ballot
    from daihoi.elections.actions.lifecycle import do_transition_election
    from daihoi.elections.models import ElectionState
    from tests.elections.helpers import counting_election, staff

    election = counting_election(collected=2)
    for team, name in ((1, "to1"), (2, "to2")):
        typist = User.objects.get(username=name)
        for serial in (1, 2):
            do_key_ballot(election, team=team, serial=serial, crossed=[1], acting_user=typist)
    unit = election.congress.organisation
    superior = Organisation.objects.get(path=unit.parent_path)
    own = department_of(unit, "bch-xa") if unit.code != "188" else None
    above = department_of(superior, "cap-tren")
    do_transition_election(election, ElectionState.RECONCILED, acting_user=staff())
    assert not Notification.objects.filter(recipient=above).exists()  # not yet announced
    do_transition_election(election, ElectionState.ANNOUNCED, acting_user=staff())
    (note,) = Notification.objects.filter(recipient=above)
    assert note.kind == Event.RESULTS_ANNOUNCED
    assert note.url == f"/bau-cu/{election.pk}/ket-qua/"
    assert note.text == f"{unit.name} đã công bố kết quả bầu cử: {election.title}."
    if own is not None:
        assert Notification.objects.filter(recipient=own).exists()
    assert not Notification.objects.filter(recipient=staff()).exists()


def test_three_days_before_a_round_closes_the_units_asked_are_reminded_once() -> None:
    from io import StringIO

    from django.core.management import call_command

    from daihoi.drafts.actions.rounds import remind_comment_deadlines

    campaign: Campaign = small_campaign("van-kien")
    document, first = document_with_round(campaign, circulate=False)
    commune = list(tree.children(Organisation.objects.get(code="188")))[0]
    asked = department_of(commune, "xa-hoi")
    do_circulate_round(
        first,
        groups=["members"],
        units=[commune],
        deadline=dt.date(2020, 2, 20),
        acting_user=User.objects.get(username="locbinh"),
    )
    assert remind_comment_deadlines(dt.date(2020, 2, 16)) == 0  # four days before
    assert remind_comment_deadlines(dt.date(2020, 2, 17)) == 1
    assert remind_comment_deadlines(dt.date(2020, 2, 17)) == 0  # once
    note = Notification.objects.get(recipient=asked, kind=Event.DEADLINE_SOON)
    assert note.text == (
        f"Sắp đến hạn: góp ý dự thảo của {document.congress.organisation.name}, ngày 20/02/2020."
    )
    assert note.url == f"/du-thao/{campaign.slug}/{commune.code}/cap-tren/{document.pk}/"
    out = StringIO()
    call_command("send_digests", stdout=out)  # today is not three days before: nothing new
    assert "Đã nhắc 0 hạn sắp đến." in out.getvalue()
