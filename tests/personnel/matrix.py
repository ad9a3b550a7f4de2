"""Who may open the personnel pages (rows for tests/test_permission_matrix.py).

Personal data (people, lists, the five steps, complaints, inspections) is for the
organisation department and the personnel subcommittee of Lộc Bình and its
superiors: the counting-board typist of Lộc Bình is refused (403), the delegate
of a commune below and another province do not see that the records exist (404).
The composition roll-up holds no personal data: anyone who sees Lộc Bình sees it.

SUBCOMMITTEE_MATRIX tells Lộc Bình's two subcommittees apart (issue 15.2): the
documents subcommittee is refused every personal page (403), the personnel
subcommittee opens them all.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.campaigns.models import Congress
from daihoi.personnel import actions
from daihoi.personnel.models import ComplaintKind, Track

LOGIN = "login"
PERSONAL = [200, 200, 200, 403, 404, 404, LOGIN]
SCOPED_READ = [200, 200, 200, 200, 404, 404, LOGIN]

MATRIX: dict[str, list[object]] = {
    "personnel_people": PERSONAL,
    "personnel_import": PERSONAL,
    "personnel_person": PERSONAL,
    "personnel_list": PERSONAL,
    "personnel_process": PERSONAL,
    "personnel_complaint": PERSONAL,
    "personnel_team": PERSONAL,
    "personnel_congress": PERSONAL,
    "personnel_inspections": PERSONAL,
    # POST only.
    "personnel_elected_record": [405, 405, 405, 405, 405, 405, LOGIN],
    # Campaign data, no personal data: read by every user, changed by national admins (POST).
    "personnel_targets": [200, 200, 200, 200, 200, 200, LOGIN],
    "personnel_rollup": SCOPED_READ,
    "personnel_rollup_xlsx": SCOPED_READ,
    "personnel_rollup_docx": SCOPED_READ,
}

# name -> [documents subcommittee, personnel subcommittee], both of Lộc Bình.
SUBCOMMITTEE_MATRIX: dict[str, list[object]] = {
    **{name: [403, 200] for name, row in MATRIX.items() if row is PERSONAL},
    "personnel_elected_record": [405, 405],
    "personnel_targets": [200, 200],
    "personnel_rollup": [200, 200],
    "personnel_rollup_xlsx": [200, 200],
    "personnel_rollup_docx": [200, 200],
}


def world(base: dict[str, object]) -> dict[str, object]:
    election = base["election"]
    campaign = election.congress.campaign  # type: ignore[attr-defined]
    congress = Congress.objects.select_related("organisation").get(
        campaign=campaign, organisation__code="188"
    )
    staff = User.objects.get(username="locbinh")
    person = actions.do_create_person(
        congress.organisation,
        {"full_name": "Hoàng Văn Ma Trận", "gender": "M", "birth_date": dt.date(1975, 1, 1)},
        acting_user=staff,
    )
    candidate_list = actions.do_create_list(congress, "committee", 1, acting_user=staff)
    actions.do_add_to_list(candidate_list, person, acting_user=staff)
    process = actions.do_start_introduction(
        congress, "committee", Track.REELECTION, acting_user=staff
    )
    complaint = actions.do_register_complaint(
        congress,
        person,
        {
            "received": dt.date(2020, 6, 1),
            "content": "Nội dung",
            "classification": ComplaintKind.PETITION,
        },
        acting_user=staff,
    )
    team = actions.do_create_team(
        campaign,
        congress.organisation,
        name="Đoàn 1",
        members="Ông A",
        start_date=dt.date(2020, 2, 19),
        acting_user=staff,
    )
    return {
        "personnel_person": person,
        "personnel_list": candidate_list,
        "personnel_process": process,
        "personnel_complaint": complaint,
        "personnel_team": team,
        "campaign_slug": campaign.slug,
    }


def url(name: str, route: str, world: dict[str, object]) -> str:
    if "<int:pk>" in route:
        return reverse(name, kwargs={"pk": world[name].pk})  # type: ignore[attr-defined]
    if name == "personnel_targets":
        return reverse(name, kwargs={"campaign": world["campaign_slug"]})
    kwargs: dict[str, object] = {"code": "188"}
    if "<str:structure>" in route:
        kwargs["structure"] = "2020"
    if "<slug:campaign>" in route:
        kwargs["campaign"] = world["campaign_slug"]
    return reverse(name, kwargs=kwargs)
